import { Accelerator } from './accelerator';
import { PriceEntry } from './cost';
import { ValidationIssue } from './errors';

/**
 * One machine shape a cloud offers for an accelerator.
 * @internal
 */
export interface AcceleratorShape {
  /** Canonical accelerator name (`nvidia-l4`). */
  readonly accelerator: string;
  /** GPUs in the shape. */
  readonly count: number;
  /** The cloud's type name (SageMaker `ml.*`, GCP machine type, Azure VM size). */
  readonly type: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** Hourly list price for the serving product this shape is used with. */
  readonly price: PriceEntry;
  /** Free-form facts that matter to renderers (e.g. local NVMe). */
  readonly notes?: string;
}

/**
 * Finds the shape for an accelerator × count, or says what the cloud offers.
 * @internal
 */
export function findShape(
  table: readonly AcceleratorShape[],
  accelerator: Accelerator,
  count: number,
  where: string,
): { shape?: AcceleratorShape; issue?: ValidationIssue } {
  const shape = table.find((s) => s.accelerator === accelerator.name && s.count === count);
  if (shape) return { shape };
  const forAcc = table.filter((s) => s.accelerator === accelerator.name);
  if (forAcc.length > 0) {
    return {
      issue: {
        prop: 'acceleratorCount',
        received: `${count} × ${accelerator.name}`,
        allowed: `${where} offers ${accelerator.name} in counts ${forAcc.map((s) => `${s.count} (${s.type})`).join(', ')}`,
      },
    };
  }
  const offered = [...new Set(table.map((s) => s.accelerator))];
  return {
    issue: {
      prop: 'accelerator',
      received: accelerator.name,
      allowed: `${where} offers ${offered.join(', ')}`,
    },
  };
}
