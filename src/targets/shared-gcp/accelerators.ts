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
const NONE = (why: string) => ({ source: 'none', asOf: '2026-11-22', region: 'us-central1', unpricedReason: why });
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

export const GCP_FIXED = {
  kmsKeyVersionMonthlyUsd: { usd: 0.06, source: 'S11 infracost golden kms_crypto_key', asOf: '2024-07-01', region: 'us-central1' },
};
