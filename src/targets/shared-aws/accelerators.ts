import { AcceleratorShape } from '../../core/offerings';

/*
 * SageMaker real-time hosting shapes per accelerator, us-east-1 list prices (USD/h).
 * Sources (see shared/research/cost.md §2.1, §2.7):
 *   S4 = aws-samples/foundation-model-benchmarking-tool pricing_fallback.yml (2025-01-26)
 *   S5 = AmazonSageMaker/current/us-east-1/index.csv, price-list version 20261005212151 (2026-10-05)
 * Shapes with no sourced price are recorded as unpriced (never $0).
 *
 * Every GPU family here (g4dn, g5, g6, g6e, p4d, p4de, p5) has local NVMe instance storage, and SageMaker rejects
 * EndpointConfig.KmsKeyId on Nitro instances with local storage ("the call to CreateEndpointConfig fails";
 * CreateEndpointConfig API reference, KmsKeyId). The volume is then encrypted by the hardware module of the NVMe
 * device instead; see `endpointConfigAcceptsKmsKey`.
 */
const S4 = { currency: 'USD', source: 'S4 aws-samples/foundation-model-benchmarking-tool pricing_fallback.yml', asOf: '2025-01-26', region: 'us-east-1' };
const S5 = { currency: 'USD', source: 'S5 AmazonSageMaker us-east-1 price list 20261005212151', asOf: '2026-10-05', region: 'us-east-1' };
const NONE = (why: string) => ({ currency: 'USD', source: 'none', asOf: '2026-11-22', region: 'us-east-1', unpricedReason: why });

/** The first entry per accelerator × count is the default shape; later entries price `instanceType` overrides. */
export const SAGEMAKER_SHAPES: readonly AcceleratorShape[] = [
  { accelerator: 'nvidia-t4', count: 1, type: 'ml.g4dn.xlarge', vcpus: 4, memoryGiB: 16, price: NONE('research found a price for ml.g4dn.2xlarge only') },
  { accelerator: 'nvidia-t4', count: 1, type: 'ml.g4dn.2xlarge', vcpus: 8, memoryGiB: 32, price: { usdPerHour: 0.94, ...S5 } },
  { accelerator: 'nvidia-t4', count: 4, type: 'ml.g4dn.12xlarge', vcpus: 48, memoryGiB: 192, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-l4', count: 1, type: 'ml.g6.xlarge', vcpus: 4, memoryGiB: 16, price: { usdPerHour: 1.1267, ...S5 } },
  { accelerator: 'nvidia-l4', count: 1, type: 'ml.g6.2xlarge', vcpus: 8, memoryGiB: 32, price: { usdPerHour: 1.222, ...S5 } },
  { accelerator: 'nvidia-l4', count: 1, type: 'ml.g6.16xlarge', vcpus: 64, memoryGiB: 256, price: { usdPerHour: 4.246, ...S5 } },
  { accelerator: 'nvidia-l4', count: 4, type: 'ml.g6.12xlarge', vcpus: 48, memoryGiB: 192, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-l4', count: 8, type: 'ml.g6.48xlarge', vcpus: 192, memoryGiB: 768, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-a10g', count: 1, type: 'ml.g5.xlarge', vcpus: 4, memoryGiB: 16, price: { usdPerHour: 1.4084, ...S4 } },
  { accelerator: 'nvidia-a10g', count: 1, type: 'ml.g5.2xlarge', vcpus: 8, memoryGiB: 32, price: { usdPerHour: 1.515, ...S4 } },
  { accelerator: 'nvidia-a10g', count: 4, type: 'ml.g5.12xlarge', vcpus: 48, memoryGiB: 192, price: { usdPerHour: 7.09, ...S4 } },
  { accelerator: 'nvidia-a10g', count: 8, type: 'ml.g5.48xlarge', vcpus: 192, memoryGiB: 768, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-l40s', count: 1, type: 'ml.g6e.xlarge', vcpus: 4, memoryGiB: 32, price: NONE('research found no verified ml.g6e.xlarge price') },
  { accelerator: 'nvidia-l40s', count: 4, type: 'ml.g6e.12xlarge', vcpus: 48, memoryGiB: 384, price: { usdPerHour: 13.1158, ...S5 } },
  { accelerator: 'nvidia-l40s', count: 8, type: 'ml.g6e.48xlarge', vcpus: 192, memoryGiB: 1536, price: NONE('not in the researched catalog') },
  // A100 and H100 come only as 8-GPU machines on SageMaker.
  { accelerator: 'nvidia-a100-40gb', count: 8, type: 'ml.p4d.24xlarge', vcpus: 96, memoryGiB: 1152, price: { usdPerHour: 37.688, ...S4 }, notes: 'predates the June 2025 EC2 P4 price cut' },
  { accelerator: 'nvidia-a100-80gb', count: 8, type: 'ml.p4de.24xlarge', vcpus: 96, memoryGiB: 1152, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-h100-80gb', count: 8, type: 'ml.p5.48xlarge', vcpus: 192, memoryGiB: 2048, price: { usdPerHour: 113.068, ...S4 }, notes: 'predates the June 2025 EC2 P5 price cut' },
];

/** Instance families with local NVMe instance storage (SageMaker rejects KmsKeyId on them). */
const NVME_FAMILIES = new Set([
  'g4dn', 'g5', 'g6', 'g6e', 'gr6', 'p3dn', 'p4d', 'p4de', 'p5', 'p5e', 'p5en', 'p6', 'trn1', 'inf2',
  'c5d', 'c6id', 'm5d', 'm6id', 'r5d', 'r6id',
]);

/**
 * Whether `EndpointConfig.KmsKeyId` may be set for a SageMaker instance type.
 * Types with local NVMe storage reject it (CreateEndpointConfig fails); their instance store is encrypted at rest by
 * the Nitro NVMe controller with a per-instance key.
 */
export function endpointConfigAcceptsKmsKey(instanceType: string): boolean {
  const family = instanceType.replace(/^ml\./, '').split('.')[0];
  return !NVME_FAMILIES.has(family);
}

/*
 * EC2 GPU instance types for EKS node groups, us-east-1 on-demand Linux (USD/h).
 *   S6 = tsaol/aws-gpu data/all_gpu_instances.js (generated from instances.vantage.sh), 2026-01-21; P4/P5 rows
 *        reflect the June 2025 price cut. Cross-checked with S4 for g5/g6 (shared/research/cost.md §2.2).
 * The first entry per accelerator × count is the default shape.
 */
const S6 = { currency: 'USD', source: 'S6 tsaol/aws-gpu all_gpu_instances.js (instances.vantage.sh data)', asOf: '2026-01-21', region: 'us-east-1' };

export const EC2_GPU_SHAPES: readonly AcceleratorShape[] = [
  { accelerator: 'nvidia-t4', count: 1, type: 'g4dn.xlarge', vcpus: 4, memoryGiB: 16, price: NONE('research found no dated EC2 g4dn.xlarge price') },
  { accelerator: 'nvidia-t4', count: 4, type: 'g4dn.12xlarge', vcpus: 48, memoryGiB: 192, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-l4', count: 1, type: 'g6.xlarge', vcpus: 4, memoryGiB: 16, price: { usdPerHour: 0.8048, ...S6 } },
  { accelerator: 'nvidia-l4', count: 1, type: 'g6.2xlarge', vcpus: 8, memoryGiB: 32, price: { usdPerHour: 0.9776, ...S6 } },
  { accelerator: 'nvidia-l4', count: 4, type: 'g6.12xlarge', vcpus: 48, memoryGiB: 192, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-l4', count: 8, type: 'g6.48xlarge', vcpus: 192, memoryGiB: 768, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-a10g', count: 1, type: 'g5.xlarge', vcpus: 4, memoryGiB: 16, price: { usdPerHour: 1.006, ...S6 } },
  { accelerator: 'nvidia-a10g', count: 1, type: 'g5.2xlarge', vcpus: 8, memoryGiB: 32, price: { usdPerHour: 1.212, ...S6 } },
  { accelerator: 'nvidia-a10g', count: 4, type: 'g5.12xlarge', vcpus: 48, memoryGiB: 192, price: { usdPerHour: 5.672, ...S6 } },
  { accelerator: 'nvidia-a10g', count: 8, type: 'g5.48xlarge', vcpus: 192, memoryGiB: 768, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-l40s', count: 1, type: 'g6e.xlarge', vcpus: 4, memoryGiB: 32, price: { usdPerHour: 1.861, ...S6 } },
  { accelerator: 'nvidia-l40s', count: 4, type: 'g6e.12xlarge', vcpus: 48, memoryGiB: 384, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-l40s', count: 8, type: 'g6e.48xlarge', vcpus: 192, memoryGiB: 1536, price: NONE('not in the researched catalog') },
  // A100 comes only as 8-GPU machines on EC2.
  { accelerator: 'nvidia-a100-40gb', count: 8, type: 'p4d.24xlarge', vcpus: 96, memoryGiB: 1152, price: { usdPerHour: 21.957642, ...S6 } },
  { accelerator: 'nvidia-a100-80gb', count: 8, type: 'p4de.24xlarge', vcpus: 96, memoryGiB: 1152, price: NONE('not in the researched catalog') },
  { accelerator: 'nvidia-h100-80gb', count: 1, type: 'p5.4xlarge', vcpus: 16, memoryGiB: 256, price: { usdPerHour: 6.88, ...S6 } },
  { accelerator: 'nvidia-h100-80gb', count: 8, type: 'p5.48xlarge', vcpus: 192, memoryGiB: 2048, price: { usdPerHour: 55.04, ...S6 } },
];

/** Fixed prices (us-east-1). */
export const AWS_FIXED = {
  kmsKeyMonthlyUsd: { usd: 1.0, currency: 'USD', source: 'S11 infracost golden kms_key', asOf: '2024-07-01', region: 'us-east-1' },
  s3StandardGbMonthUsd: { usd: 0.023, currency: 'USD', source: 'S11 infracost golden s3_bucket', asOf: '2024-07-01', region: 'us-east-1' },
  /** EKS control plane in standard support (extended support is $0.60/h; clusters here use upgradePolicy STANDARD). */
  eksControlPlane: {
    usdPerHour: 0.1,
    currency: 'USD',
    source: 'AWS Containers blog "Amazon EKS extended support for Kubernetes versions pricing" (standard support unchanged at $0.10 per cluster-hour)',
    asOf: '2024-04-01',
    region: 'all commercial regions',
  },
  natGateway: { usdPerHour: 0.045, currency: 'USD', source: 'S11 infracost golden nat_gateway ($0.045/h + $0.045/GB)', asOf: '2024-07-01', region: 'us-east-1' },
  /** The EKS system node group's instance type. */
  m6iLarge: NONE('research has no dated EC2 m6i.large price'),
  /** SageMaker Feature Store online storage and requests (on-demand throughput). */
  featureStoreOnline: NONE('SageMaker Feature Store bills per request unit and GB-month; research found no dated figure (cost.md §2.6)'),
};
