import { show, ValidationIssue } from './errors';

/**
 * One line of a cost estimate.
 */
export interface CostDriver {
  /** What is priced, e.g. `ml.g6.xlarge (SageMaker real-time hosting)`. */
  readonly item: string;
  /** Quantity at the low end (e.g. min replicas). */
  readonly quantityLow: number;
  /** Quantity at the high end (e.g. max replicas). */
  readonly quantityHigh: number;
  /** Unit of the quantity, e.g. `instance-hour`. */
  readonly unit: string;
  /** Price per unit, USD (0 when unpriced; see `priced`). */
  readonly unitPriceUsd: number;
  /** Hours (or units) per month per quantity. */
  readonly unitsPerMonth: number;
  /** Whether a catalog price exists. An unpriced item is listed, never silently counted as zero. */
  readonly priced: boolean;
  /** Where the price comes from. */
  readonly source: string;
  /** When the price was observed (ISO date). */
  readonly asOf: string;
  /** Region the price applies to. */
  readonly region: string;
  /** Currency of the price (ISO 4217). */
  readonly currency: string;
  /** Monthly cost at the low end, USD. */
  readonly monthlyUsdLow: number;
  /** Monthly cost at the high end, USD. */
  readonly monthlyUsdHigh: number;
}

/**
 * A synth-time monthly cost estimate (list, on-demand prices; month = 730 h).
 */
export interface CostEstimate {
  /** Monthly cost at minimum scale, USD. */
  readonly monthlyUsdLow: number;
  /** Monthly cost at maximum scale, USD. */
  readonly monthlyUsdHigh: number;
  /** What drives the cost. */
  readonly drivers: CostDriver[];
  /** Usage-priced items and other assumptions behind the figures. */
  readonly assumptions: string[];
}

/** Hours in the pricing month. @internal */
export const HOURS_PER_MONTH = 730;

/** A catalog price. @internal */
export interface PriceEntry {
  readonly usdPerHour?: number;
  /** ISO 4217 currency of the figure (the catalogs are USD list prices). */
  readonly currency: string;
  readonly source: string;
  readonly asOf: string;
  readonly region: string;
  /** Why there is no price, when `usdPerHour` is undefined. */
  readonly unpricedReason?: string;
}

/** Builds a driver for an hourly-priced item scaled between two quantities. @internal */
export function hourlyDriver(item: string, low: number, high: number, price: PriceEntry): CostDriver {
  const priced = price.usdPerHour !== undefined;
  const rate = price.usdPerHour ?? 0;
  return {
    item,
    quantityLow: low,
    quantityHigh: high,
    unit: 'instance-hour',
    unitPriceUsd: rate,
    unitsPerMonth: HOURS_PER_MONTH,
    priced,
    source: priced ? price.source : `unpriced: ${price.unpricedReason ?? 'no catalog entry'}`,
    asOf: price.asOf,
    region: price.region,
    currency: price.currency,
    monthlyUsdLow: round2(low * HOURS_PER_MONTH * rate),
    monthlyUsdHigh: round2(high * HOURS_PER_MONTH * rate),
  };
}

/** A fixed monthly item. @internal */
export function fixedDriver(item: string, usdPerMonth: number, source: string, asOf: string, region: string): CostDriver {
  return {
    item,
    quantityLow: 1,
    quantityHigh: 1,
    unit: 'month',
    unitPriceUsd: usdPerMonth,
    unitsPerMonth: 1,
    priced: true,
    source,
    asOf,
    region,
    currency: 'USD',
    monthlyUsdLow: usdPerMonth,
    monthlyUsdHigh: usdPerMonth,
  };
}

/** Sums drivers into an estimate. @internal */
export function estimate(drivers: CostDriver[], assumptions: string[]): CostEstimate {
  const unpriced = drivers.filter((d) => !d.priced).map((d) => `${d.item} is unpriced (${d.source}); it is not counted in the totals`);
  return {
    monthlyUsdLow: round2(drivers.reduce((s, d) => s + d.monthlyUsdLow, 0)),
    monthlyUsdHigh: round2(drivers.reduce((s, d) => s + d.monthlyUsdHigh, 0)),
    drivers,
    assumptions: [...assumptions, ...unpriced],
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Issues of a `maxMonthlyCostUsd` that no estimate can be compared with at synth: a token (it has no value until
 * deploy), NaN (every comparison with it is false, so the ceiling would never fail), zero, a negative or an infinite
 * amount. A value that is not a number at all is a type issue, raised by the construct's type checks.
 * @internal
 */
export function costCeilingValueIssues(value: unknown, unresolved: (x: unknown) => boolean): ValidationIssue[] {
  if (typeof value !== 'number') return [];
  if (unresolved(value)) {
    return [{ prop: 'maxMonthlyCostUsd', received: 'an unresolved token', allowed: 'a literal amount in USD (the ceiling is compared with the estimate at synth, when a token has no value)' }];
  }
  if (!(Number.isFinite(value) && value > 0)) {
    return [{ prop: 'maxMonthlyCostUsd', received: show(value), allowed: 'a positive, finite amount in USD (leave it unset for no ceiling)' }];
  }
  return [];
}

/**
 * The issue raised when a high estimate exceeds a cost ceiling, listing what drives it.
 * @internal
 */
export function costCeilingIssue(what: string, e: CostEstimate, maxMonthlyCostUsd: number | undefined): { prop: string; received: string; allowed: string; hint: string } | undefined {
  if (maxMonthlyCostUsd === undefined || !(e.monthlyUsdHigh > maxMonthlyCostUsd)) return undefined;
  const top = [...e.drivers].filter((d) => d.monthlyUsdHigh > 0).sort((a, b) => b.monthlyUsdHigh - a.monthlyUsdHigh)
    .map((d) => `${d.item}: $${d.monthlyUsdHigh.toFixed(2)}/month at ${d.quantityHigh} × $${d.unitPriceUsd}/${d.unit}`);
  const unpriced = e.drivers.filter((d) => !d.priced).length;
  return {
    prop: 'maxMonthlyCostUsd',
    received: `${what}: high estimate $${e.monthlyUsdHigh.toFixed(2)}/month`,
    allowed: `at most $${maxMonthlyCostUsd.toFixed(2)}/month`,
    hint: `drivers: ${top.join('; ') || 'none priced'}${unpriced ? `; ${unpriced} unpriced item(s) not counted` : ''}`,
  };
}
