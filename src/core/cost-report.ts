import { IConstruct } from 'constructs';
import { mdCell } from './compliance-report';
import { CostEstimate, HOURS_PER_MONTH } from './cost';

const STACK_SYMBOLS = [Symbol.for('@aws-cdk/core.Stack'), Symbol.for('cdktf/TerraformStack')];

/** One construct's line in the cost report. @internal */
export interface CostReportConstruct {
  readonly stack: string;
  readonly path: string;
  readonly kind: string;
  readonly cloud: string;
  readonly tenant?: string;
  readonly monthlyUsdLow: number;
  readonly monthlyUsdHigh: number;
  readonly unpriced: string[];
  readonly estimate: CostEstimate;
}

/** @internal */
export interface CostReport {
  readonly currency: 'USD';
  readonly hoursPerMonth: number;
  readonly constructs: CostReportConstruct[];
  readonly stacks: Array<{ stack: string; monthlyUsdLow: number; monthlyUsdHigh: number; unpriced: number }>;
  readonly tenants: Array<{ tenant: string; monthlyUsdLow: number; monthlyUsdHigh: number; unpriced: number }>;
  readonly totals: { monthlyUsdLow: number; monthlyUsdHigh: number; unpriced: number };
}

/** Every construct of ours under `root` (the ones that carry an estimate), grouped per stack and tenant. @internal */
export function buildCostReport(root: IConstruct, onlyStack?: IConstruct): CostReport {
  const constructs: CostReportConstruct[] = [];
  for (const c of (onlyStack ?? root).node.findAll()) {
    const e = (c as any).estimatedMonthlyCost as CostEstimate | undefined;
    const target = (c as any).target as { cloud?: string } | undefined;
    if (!e || !target?.cloud || !Array.isArray(e.drivers)) continue;
    const stack = [...c.node.scopes].reverse().find((s) => STACK_SYMBOLS.some((sym) => sym in (s as any)));
    const tenantId = (c as any).tenantId ?? (c as any)._spec?.tenant?.tenantId;
    constructs.push({
      stack: stack?.node.id ?? '(no stack)',
      path: c.node.path,
      kind: c.constructor.name,
      cloud: target.cloud,
      tenant: tenantId,
      monthlyUsdLow: e.monthlyUsdLow,
      monthlyUsdHigh: e.monthlyUsdHigh,
      unpriced: e.drivers.filter((d) => !d.priced).map((d) => d.item),
      estimate: e,
    });
  }
  const group = <K extends string>(key: (x: CostReportConstruct) => string | undefined, name: K) => {
    const out = new Map<string, { monthlyUsdLow: number; monthlyUsdHigh: number; unpriced: number }>();
    for (const x of constructs) {
      const k = key(x);
      if (k === undefined) continue;
      const g = out.get(k) ?? { monthlyUsdLow: 0, monthlyUsdHigh: 0, unpriced: 0 };
      out.set(k, { monthlyUsdLow: round(g.monthlyUsdLow + x.monthlyUsdLow), monthlyUsdHigh: round(g.monthlyUsdHigh + x.monthlyUsdHigh), unpriced: g.unpriced + x.unpriced.length });
    }
    return [...out.entries()].map(([k, v]) => ({ [name]: k, ...v }) as any);
  };
  return {
    currency: 'USD',
    hoursPerMonth: HOURS_PER_MONTH,
    constructs,
    stacks: group((x) => x.stack, 'stack'),
    tenants: group((x) => x.tenant, 'tenant'),
    totals: {
      monthlyUsdLow: round(constructs.reduce((s, x) => s + x.monthlyUsdLow, 0)),
      monthlyUsdHigh: round(constructs.reduce((s, x) => s + x.monthlyUsdHigh, 0)),
      unpriced: constructs.reduce((s, x) => s + x.unpriced.length, 0),
    },
  };
}

/**
 * `n` with two decimals, rounded half up on its shortest decimal form as Intl.NumberFormat rounds (1.005 -> "1.01",
 * 13029.064999999999 -> "13029.06"), without Intl: its first use costs ~10 ms of ICU start-up in every synth.
 */
function fixed2(n: number): string {
  if (n < 0) return `-${fixed2(-n)}`;
  const s = String(n);
  const [whole, frac = ''] = s.split('.');
  if (s.includes('e') || frac.length <= 2) return n.toFixed(2);
  const cents = (BigInt(whole + frac.slice(0, 2)) + (frac[2] >= '5' ? 1n : 0n)).toString().padStart(3, '0');
  return `${cents.slice(0, -2)}.${cents.slice(-2)}`;
}

/** Markdown tables: per stack, per tenant, per construct. @internal */
export function costReportMarkdown(r: CostReport): string {
  const usd = (n: number) => {
    const [whole, cents] = fixed2(n).split('.');
    return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
  };
  const lines = ['# Cost report', '', `List prices in ${r.currency}, ${r.hoursPerMonth} h per month; low = minimum scale, high = maximum scale. Unpriced items are listed, never counted as $0.`, ''];
  lines.push('## Per stack', '', '| Stack | Low | High | Unpriced items |', '|---|---|---|---|');
  for (const s of r.stacks) lines.push(`| ${mdCell(s.stack)} | ${usd(s.monthlyUsdLow)} | ${usd(s.monthlyUsdHigh)} | ${s.unpriced} |`);
  lines.push('', '## Per tenant', '');
  if (r.tenants.length === 0) {lines.push('No tenants.');} else {
    lines.push('| Tenant | Low | High | Unpriced items |', '|---|---|---|---|');
    for (const t of r.tenants) lines.push(`| ${mdCell(t.tenant)} | ${usd(t.monthlyUsdLow)} | ${usd(t.monthlyUsdHigh)} | ${t.unpriced} |`);
  }
  lines.push('', '## Per construct', '', '| Construct | Kind | Cloud | Tenant | Low | High | Unpriced |', '|---|---|---|---|---|---|---|');
  for (const c of r.constructs) lines.push(`| ${mdCell(c.path)} | ${c.kind} | ${c.cloud} | ${mdCell(c.tenant ?? '')} | ${usd(c.monthlyUsdLow)} | ${usd(c.monthlyUsdHigh)} | ${mdCell(c.unpriced.join(', '))} |`);
  lines.push('', `**Total: ${usd(r.totals.monthlyUsdLow)} – ${usd(r.totals.monthlyUsdHigh)} per month** (${r.totals.unpriced} unpriced items not counted)`, '');
  return lines.join('\n');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
