/**
 * GPU capacity for a platform team, defined once:
 * - a spot H100 training pool (8 GPUs per node, 0..2 nodes) in a new private, hardened cluster;
 * - an on-demand T4 pool for batch inference, added to a cluster the platform team already runs.
 * The same functions render to EKS, GKE and AKS.
 */
import { Construct } from 'constructs';
import { Accelerator, ExistingCluster, GpuPool } from '../../src';

/** A spot training pool; with no `cluster`, the pool creates its own private cluster. */
export function defineTrainingPool(scope: Construct): GpuPool {
  return new GpuPool(scope, 'Training', {
    accelerator: Accelerator.NVIDIA_H100_80GB,
    acceleratorCount: 8,
    minNodes: 0, // nothing runs (or bills) until a training job asks for GPUs
    maxNodes: 2,
    spot: true, // restartable, checkpointed training: Spot capacity at a fraction of the price
    diskSizeGiB: 500,
    tags: { team: 'research' },
  });
}

/** An on-demand pool of single-T4 nodes added to an existing cluster. */
export function defineBatchPool(scope: Construct, cluster: ExistingCluster): GpuPool {
  return new GpuPool(scope, 'BatchInference', {
    accelerator: Accelerator.NVIDIA_T4,
    minNodes: 1,
    maxNodes: 6,
    cluster,
    tags: { team: 'search' },
  });
}
