import { AcceleratorShape } from '../../core/offerings';

/*
 * Azure VM sizes for Azure ML managed online deployments. Source (shared/research/cost.md §2.5, §2.7):
 * S9 skypilot-org/skypilot-catalog catalogs/v6/azure/vms.csv, eastus pay-as-you-go Linux (snapshot undated).
 * Managed online endpoints bill the VM rate of their instances. Azure has no L4, A10G or L40S SKU, and no
 * single-GPU A100 40GB; its single-H100 size is the 94 GB H100 NVL (a different part from the 80 GB SXM).
 */
const NONE = (why: string) => ({ currency: 'USD', source: 'none', asOf: '2026-11-22', region: 'eastus', unpricedReason: why });
const S9 = { currency: 'USD', source: 'S9 skypilot-catalog v6 azure vms.csv', asOf: 'undated snapshot (read 2026-11)', region: 'eastus' };

/** Also the AKS node sizes: AKS nodes bill the same VM rates. */
export const AZURE_ML_SHAPES: readonly AcceleratorShape[] = [
  { accelerator: 'nvidia-t4', count: 1, type: 'Standard_NC4as_T4_v3', vcpus: 4, memoryGiB: 28, price: { usdPerHour: 0.526, ...S9 } },
  { accelerator: 'nvidia-t4', count: 4, type: 'Standard_NC64as_T4_v3', vcpus: 64, memoryGiB: 440, price: { usdPerHour: 4.352, ...S9 } },
  { accelerator: 'nvidia-a100-40gb', count: 8, type: 'Standard_ND96asr_v4', vcpus: 96, memoryGiB: 900, price: { usdPerHour: 27.197, ...S9 } },
  { accelerator: 'nvidia-a100-80gb', count: 1, type: 'Standard_NC24ads_A100_v4', vcpus: 24, memoryGiB: 220, price: { usdPerHour: 3.673, ...S9 } },
  { accelerator: 'nvidia-a100-80gb', count: 2, type: 'Standard_NC48ads_A100_v4', vcpus: 48, memoryGiB: 440, price: { usdPerHour: 7.346, ...S9 } },
  { accelerator: 'nvidia-a100-80gb', count: 4, type: 'Standard_NC96ads_A100_v4', vcpus: 96, memoryGiB: 880, price: { usdPerHour: 14.692, ...S9 } },
  { accelerator: 'nvidia-a100-80gb', count: 8, type: 'Standard_ND96amsr_A100_v4', vcpus: 96, memoryGiB: 1900, price: { usdPerHour: 32.77, ...S9 } },
  { accelerator: 'nvidia-h100-80gb', count: 1, type: 'Standard_NC40ads_H100_v5', vcpus: 40, memoryGiB: 320, price: { usdPerHour: 6.98, ...S9 }, notes: 'H100 NVL 94 GB, not the 80 GB SXM part' },
  { accelerator: 'nvidia-h100-80gb', count: 8, type: 'Standard_ND96isr_H100_v5', vcpus: 96, memoryGiB: 1900, price: { usdPerHour: 98.32, ...S9 } },
];

/** AKS GPU node sizes and prices (the same VM SKUs and rates as Azure ML). */
export const AKS_GPU_SHAPES = AZURE_ML_SHAPES;

export const AZURE_FIXED = {
  /** AKS Standard tier (financially backed control-plane SLA). */
  aksStandardTier: {
    usdPerHour: 0.1,
    currency: 'USD',
    source: 'Microsoft Tech Community "AKS introduces Uptime SLA" ($0.10 per cluster-hour; now the Standard tier)',
    asOf: '2020-05-13',
    region: 'all regions',
  },
  blobHotLrsGbMonth: { usd: 0.0208, currency: 'USD', source: 'S11 infracost golden storage_account (Hot LRS, first 50 TB)', asOf: '2024-07-01', region: 'westus (eastus not found)' },
  /** Software-protected Key Vault keys have no monthly fee; operations are usage-priced. */
  keyVaultKeySoftware: { usd: 0, currency: 'USD', source: 'S11 infracost golden key_vault_key (software RSA: no monthly fee; $0.15/10k RSA-3072 operations)', asOf: '2024-07-01', region: 'eastus' },
  /** The AKS system pool's VM size. */
  d4dsV5: NONE('research has no dated Standard_D4ds_v5 price'),
  /** Azure Cache for Redis (feature-store online store). */
  redisStandardC1: NONE('research has no dated Azure Cache for Redis price'),
};
