/**
 * A GPU model, cloud-neutral.
 *
 * Each target maps an accelerator (and a per-replica count) to its own machine/instance types with a data table
 * (`src/targets/shared-<cloud>/accelerators.ts`). A combination that a target does not offer fails at synth with a
 * `ValidationError` that lists what the target offers.
 */
export class Accelerator {
  /** NVIDIA T4, 16 GB. */
  public static readonly NVIDIA_T4 = new Accelerator('nvidia-t4', 'NVIDIA T4', 16);
  /** NVIDIA L4, 24 GB. */
  public static readonly NVIDIA_L4 = new Accelerator('nvidia-l4', 'NVIDIA L4', 24);
  /** NVIDIA A10G, 24 GB (an AWS-only part). */
  public static readonly NVIDIA_A10G = new Accelerator('nvidia-a10g', 'NVIDIA A10G', 24);
  /** NVIDIA L40S, 48 GB. */
  public static readonly NVIDIA_L40S = new Accelerator('nvidia-l40s', 'NVIDIA L40S', 48);
  /** NVIDIA A100, 40 GB. */
  public static readonly NVIDIA_A100_40GB = new Accelerator('nvidia-a100-40gb', 'NVIDIA A100 40GB', 40);
  /** NVIDIA A100, 80 GB. */
  public static readonly NVIDIA_A100_80GB = new Accelerator('nvidia-a100-80gb', 'NVIDIA A100 80GB', 80);
  /** NVIDIA H100, 80 GB (SXM). On Azure the single-GPU shape is the 94 GB H100 NVL, reported as such. */
  public static readonly NVIDIA_H100_80GB = new Accelerator('nvidia-h100-80gb', 'NVIDIA H100 80GB', 80);

  /** Every accelerator this library knows about. */
  public static all(): Accelerator[] {
    return [
      Accelerator.NVIDIA_T4,
      Accelerator.NVIDIA_L4,
      Accelerator.NVIDIA_A10G,
      Accelerator.NVIDIA_L40S,
      Accelerator.NVIDIA_A100_40GB,
      Accelerator.NVIDIA_A100_80GB,
      Accelerator.NVIDIA_H100_80GB,
    ];
  }

  /**
   * An accelerator by its canonical name (e.g. `nvidia-l4`).
   *
   * Unknown names are accepted here and rejected at synth by the target (with the list of what it offers), so
   * that a target can support a part this table does not yet list.
   */
  public static of(name: string): Accelerator {
    const known = Accelerator.all().find((a) => a.name === name);
    return known ?? new Accelerator(name, name, 0);
  }

  /**
   * @param name canonical name, lowercase (`nvidia-l4`)
   * @param displayName human-readable model name
   * @param memoryGiB GPU memory per device in GiB (0 when unknown)
   */
  private constructor(
    /** Canonical name, e.g. `nvidia-l4`. */
    public readonly name: string,
    /** Human-readable model name, e.g. `NVIDIA L4`. */
    public readonly displayName: string,
    /** GPU memory per device, GiB (0 when unknown). */
    public readonly memoryGiB: number,
  ) {}

  /** The canonical name. */
  public toString(): string {
    return this.name;
  }
}
