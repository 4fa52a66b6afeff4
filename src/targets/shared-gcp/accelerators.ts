import { AcceleratorShape } from '../../core/offerings';

/*
 * GCP shapes. Sources (shared/research/cost.md §2.3, §2.7): S1 infracost golden compute_instance_test (2026-07-01),
 * S8 Cyclenerd google-cloud-pricing-cost-calculator (generated 2025-03-06), us-central1.
 * G2/A2/A3 machine-type prices already include their GPUs: never add a GPU line on top.
 *
 * Vertex AI prediction is billed per node-hour on its own SKUs, which research could not find in a dated source;
 * Vertex shapes are therefore unpriced (Compute Engine prices are not reused). Cloud Run GPU pricing was not
 * researched either.
 */
const NONE = (why: string) => ({ currency: 'USD', source: 'none', asOf: '2026-11-22', region: 'us-central1', unpricedReason: why });
const VERTEX_UNPRICED = NONE('Vertex AI prediction node-hour SKUs were not found in a dated source (cost.md §2.4)');

/** Vertex AI (Model Garden) machine specs: machine type, accelerator enum, count. */
export interface VertexShape extends AcceleratorShape {
  /** Vertex `acceleratorType` enum value. */
  readonly vertexAcceleratorType: string;
}

export const VERTEX_SHAPES: readonly VertexShape[] = [
  { accelerator: 'nvidia-t4', count: 1, type: 'n1-standard-4', vcpus: 4, memoryGiB: 15, vertexAcceleratorType: 'NVIDIA_TESLA_T4', price: VERTEX_UNPRICED },
  { accelerator: 'nvidia-l4', count: 1, type: 'g2-standard-8', vcpus: 8, memoryGiB: 32, vertexAcceleratorType: 'NVIDIA_L4', price: VERTEX_UNPRICED },
  { accelerator: 'nvidia-l4', count: 2, type: 'g2-standard-24', vcpus: 24, memoryGiB: 96, vertexAcceleratorType: 'NVIDIA_L4', price: VERTEX_UNPRICED },
  { accelerator: 'nvidia-l4', count: 4, type: 'g2-standard-48', vcpus: 48, memoryGiB: 192, vertexAcceleratorType: 'NVIDIA_L4', price: VERTEX_UNPRICED },
  { accelerator: 'nvidia-l4', count: 8, type: 'g2-standard-96', vcpus: 96, memoryGiB: 384, vertexAcceleratorType: 'NVIDIA_L4', price: VERTEX_UNPRICED },
  { accelerator: 'nvidia-a100-40gb', count: 1, type: 'a2-highgpu-1g', vcpus: 12, memoryGiB: 85, vertexAcceleratorType: 'NVIDIA_TESLA_A100', price: VERTEX_UNPRICED },
  { accelerator: 'nvidia-a100-40gb', count: 8, type: 'a2-highgpu-8g', vcpus: 96, memoryGiB: 680, vertexAcceleratorType: 'NVIDIA_TESLA_A100', price: VERTEX_UNPRICED },
  { accelerator: 'nvidia-a100-80gb', count: 1, type: 'a2-ultragpu-1g', vcpus: 12, memoryGiB: 170, vertexAcceleratorType: 'NVIDIA_A100_80GB', price: VERTEX_UNPRICED },
  { accelerator: 'nvidia-a100-80gb', count: 8, type: 'a2-ultragpu-8g', vcpus: 96, memoryGiB: 1360, vertexAcceleratorType: 'NVIDIA_A100_80GB', price: VERTEX_UNPRICED },
  { accelerator: 'nvidia-h100-80gb', count: 8, type: 'a3-highgpu-8g', vcpus: 208, memoryGiB: 1872, vertexAcceleratorType: 'NVIDIA_H100_80GB', price: VERTEX_UNPRICED },
];

/**
 * Cloud Run v2 GPU: one NVIDIA L4 per instance, at least 4 vCPU and 16 GiB
 * (https://cloud.google.com/run/docs/configuring/services/gpu).
 */
export const CLOUD_RUN_SHAPES: readonly AcceleratorShape[] = [
  { accelerator: 'nvidia-l4', count: 1, type: 'cloud-run-gpu-nvidia-l4 (4 vCPU, 16 GiB)', vcpus: 4, memoryGiB: 16, price: NONE('Cloud Run GPU instance pricing was not researched (cost.md has no figure)') },
];

/** Cloud Run node selector value for the accelerator. */
export const CLOUD_RUN_ACCELERATOR: Record<string, string> = { 'nvidia-l4': 'nvidia-l4' };

/** A GKE node shape: machine type plus the accelerator type GKE attaches (and installs drivers for). */
export interface GkeShape extends AcceleratorShape {
  /** `guest_accelerator.type`. */
  readonly gkeAcceleratorType: string;
  /** Shapes GCP sells only as Spot or flex-start VMs. */
  readonly requiresSpot?: boolean;
}

/*
 * GKE node shapes, us-central1 on-demand (USD/h, host + GPUs). G2/A2/A3 prices include their GPUs; N1 + T4 is
 * host + GPU, priced here as one all-in figure. Sources (shared/research/cost.md §2.3):
 *   S1 infracost golden compute_instance_test (2026-07-01); S8 Cyclenerd pricing.yml (generated 2025-03-06);
 *   S7 skypilot-catalog v8 gcp vms.csv (n1-standard-8 $0.38 → n1 scales linearly; T4 $0.35 per GPU).
 */
const S1 = { currency: 'USD', source: 'S1 infracost golden compute_instance_test', asOf: '2026-07-01', region: 'us-central1' };
const S7 = (how: string) => ({ currency: 'USD', source: `S7 skypilot-catalog v8 gcp vms.csv (derived: ${how})`, asOf: 'commit 006059e0 (undated)', region: 'us-central1' });
const S8 = { currency: 'USD', source: 'S8 Cyclenerd google-cloud-pricing-cost-calculator pricing.yml', asOf: '2025-03-06', region: 'us-central1' };

export const GKE_SHAPES: readonly GkeShape[] = [
  { accelerator: 'nvidia-t4', count: 1, type: 'n1-standard-4', vcpus: 4, memoryGiB: 15, gkeAcceleratorType: 'nvidia-tesla-t4', price: { usdPerHour: 0.54, ...S7('n1-standard-4 $0.19 + 1 × T4 $0.35') } },
  { accelerator: 'nvidia-t4', count: 2, type: 'n1-standard-8', vcpus: 8, memoryGiB: 30, gkeAcceleratorType: 'nvidia-tesla-t4', price: { usdPerHour: 1.08, ...S7('n1-standard-8 $0.38 + 2 × T4 $0.35') } },
  { accelerator: 'nvidia-t4', count: 4, type: 'n1-standard-16', vcpus: 16, memoryGiB: 60, gkeAcceleratorType: 'nvidia-tesla-t4', price: { usdPerHour: 2.16, ...S7('n1-standard-16 $0.76 + 4 × T4 $0.35') } },
  { accelerator: 'nvidia-l4', count: 1, type: 'g2-standard-4', vcpus: 4, memoryGiB: 16, gkeAcceleratorType: 'nvidia-l4', price: { usdPerHour: 0.70683, ...S1 } },
  { accelerator: 'nvidia-l4', count: 2, type: 'g2-standard-24', vcpus: 24, memoryGiB: 96, gkeAcceleratorType: 'nvidia-l4', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-l4', count: 4, type: 'g2-standard-48', vcpus: 48, memoryGiB: 192, gkeAcceleratorType: 'nvidia-l4', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-l4', count: 8, type: 'g2-standard-96', vcpus: 96, memoryGiB: 384, gkeAcceleratorType: 'nvidia-l4', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-a100-40gb', count: 1, type: 'a2-highgpu-1g', vcpus: 12, memoryGiB: 85, gkeAcceleratorType: 'nvidia-tesla-a100', price: { usdPerHour: 3.673385, ...S8 } },
  { accelerator: 'nvidia-a100-40gb', count: 2, type: 'a2-highgpu-2g', vcpus: 24, memoryGiB: 170, gkeAcceleratorType: 'nvidia-tesla-a100', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-a100-40gb', count: 4, type: 'a2-highgpu-4g', vcpus: 48, memoryGiB: 340, gkeAcceleratorType: 'nvidia-tesla-a100', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-a100-40gb', count: 8, type: 'a2-highgpu-8g', vcpus: 96, memoryGiB: 680, gkeAcceleratorType: 'nvidia-tesla-a100', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-a100-40gb', count: 16, type: 'a2-megagpu-16g', vcpus: 96, memoryGiB: 1360, gkeAcceleratorType: 'nvidia-tesla-a100', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-a100-80gb', count: 1, type: 'a2-ultragpu-1g', vcpus: 12, memoryGiB: 170, gkeAcceleratorType: 'nvidia-a100-80gb', price: NONE('research found no us-central1 a2-ultragpu price it could trust (cost.md §2.3)') },
  { accelerator: 'nvidia-a100-80gb', count: 2, type: 'a2-ultragpu-2g', vcpus: 24, memoryGiB: 340, gkeAcceleratorType: 'nvidia-a100-80gb', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-a100-80gb', count: 4, type: 'a2-ultragpu-4g', vcpus: 48, memoryGiB: 680, gkeAcceleratorType: 'nvidia-a100-80gb', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-a100-80gb', count: 8, type: 'a2-ultragpu-8g', vcpus: 96, memoryGiB: 1360, gkeAcceleratorType: 'nvidia-a100-80gb', price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-h100-80gb', count: 1, type: 'a3-highgpu-1g', vcpus: 26, memoryGiB: 234, gkeAcceleratorType: 'nvidia-h100-80gb', requiresSpot: true, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-h100-80gb', count: 8, type: 'a3-highgpu-8g', vcpus: 208, memoryGiB: 1872, gkeAcceleratorType: 'nvidia-h100-80gb', price: { usdPerHour: 88.49, ...S8 }, notes: 'research found a conflicting lower H100 figure for us-central1 (cost.md §2.3); re-check before committing spend' },
];

export const GCP_FIXED = {
  kmsKeyVersionMonthlyUsd: { usd: 0.06, currency: 'USD', source: 'S11 infracost golden kms_crypto_key', asOf: '2024-07-01', region: 'us-central1' },
  /** GKE Standard cluster management fee; the free-tier credit covers one zonal or Autopilot cluster, not regional ones. */
  gkeClusterFee: { usdPerHour: 0.1, currency: 'USD', source: 'cloud.google.com/kubernetes-engine/pricing ($0.10 per cluster per hour)', asOf: 'undated capture (read 2026-11)', region: 'all regions' },
  /** Cloud NAT per assigned VM (first 32 VMs); data processed is usage-priced. */
  cloudNatPerVm: { usdPerHour: 0.0014, currency: 'USD', source: 'S11 infracost golden compute_router_nat', asOf: '2024-07-01', region: 'us-central1' },
  gcsStandardGbMonth: { usd: 0.020, currency: 'USD', source: 'S10 cloud.google.com/storage/pricing (Standard, us-central1)', asOf: 'undated capture; same figure in a 2022-12-30 capture', region: 'us-central1' },
  /** The GKE system node pool's machine type. */
  e2Standard4: NONE('research has no dated e2-standard-4 price'),
  /** Vertex AI feature online store (Optimized) nodes. */
  vertexOnlineStoreNode: NONE('research found no dated Vertex AI online-store node price (cost.md §2.6; Bigtable not found either)'),
};
