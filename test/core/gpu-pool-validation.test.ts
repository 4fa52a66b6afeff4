/**
 * Cloud-neutral GpuPool input checks: every bad input is a ValidationError naming the prop, never a TypeError.
 */
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Accelerator, ExistingCluster, GpuPool, GpuPoolProps } from '../../src';
import { synthAws, synthAzure, synthGcp, validationError } from '../util';

const base: GpuPoolProps = { accelerator: Accelerator.NVIDIA_T4, maxNodes: 2 };
const on = [
  ['AWS', (p: any) => synthAws((s) => new GpuPool(s, 'P', p))],
  ['GCP', (p: any) => synthGcp((s) => new GpuPool(s, 'P', p))],
  ['Azure', (p: any) => synthAzure((s) => new GpuPool(s, 'P', p))],
] as const;

describe.each(on)('GpuPool input checks (%s)', (_cloud, build) => {
  test.each<[string, any, string]>([
    ['minNodes above maxNodes', { ...base, minNodes: 3, maxNodes: 2 }, 'minNodes'],
    ['negative minNodes', { ...base, minNodes: -1 }, 'minNodes'],
    ['fractional maxNodes', { ...base, maxNodes: 1.5 }, 'maxNodes'],
    ['zero maxNodes', { ...base, maxNodes: 0 }, 'maxNodes'],
    ['missing maxNodes', { accelerator: Accelerator.NVIDIA_T4 }, 'maxNodes'],
    ['missing accelerator', { maxNodes: 2 }, 'accelerator'],
    ['accelerator as a string', { ...base, accelerator: 'nvidia-t4' }, 'accelerator'],
    ['acceleratorCount 0', { ...base, acceleratorCount: 0 }, 'acceleratorCount'],
    ['acceleratorCount as a string', { ...base, acceleratorCount: '2' }, 'acceleratorCount'],
    ['spot as a string', { ...base, spot: 'yes' }, 'spot'],
    ['a tiny disk', { ...base, diskSizeGiB: 10 }, 'diskSizeGiB'],
    ['a bad Kubernetes version', { ...base, kubernetesVersion: 'latest' }, 'kubernetesVersion'],
    ['a version with an existing cluster', { ...base, kubernetesVersion: '1.33', cluster: ExistingCluster.fromName('prod') }, 'kubernetesVersion'],
    ['a cluster that is not an ExistingCluster', { ...base, cluster: { name: 'prod' } }, 'cluster'],
    ['an empty cluster name', { ...base, cluster: ExistingCluster.fromName('') }, 'cluster'],
    ['a reserved tag key', { ...base, tags: { 'aws:team': 'x' } }, 'tags.aws:team'],
    ['tags as a string', { ...base, tags: 'team=x' }, 'tags'],
  ])('%s', (_name, props, prop) => {
    const e = validationError(() => build(props));
    expect(e.issues.map((i) => i.prop)).toContain(prop);
    expect(e.message).toMatch(/received .*; allowed: /);
  });

  test('no props at all', () => {
    expect(validationError(() => build(undefined)).issues[0].prop).toBe('props');
  });

  test('every problem is listed at once, each once', () => {
    const e = validationError(() => build({ accelerator: Accelerator.NVIDIA_T4, minNodes: 'x', maxNodes: 0, diskSizeGiB: 1 }));
    expect(e.issues.map((i) => i.prop).sort()).toEqual(['diskSizeGiB', 'maxNodes', 'minNodes']);
  });
});

describe('ExistingCluster options are checked where the cloud reads them', () => {
  // Found by probing the options the fuzzer never varied: GKE's location 5 was a TypeError, 'US Central' and an
  // AKS resource group 'a/b' synthesized and would fail at plan.
  test.each<[string, () => unknown, string]>([
    ['GCP: a location that is no region or zone', () => synthGcp((s) => new GpuPool(s, 'P', { ...base, accelerator: Accelerator.NVIDIA_L4, cluster: ExistingCluster.fromName('prod', { location: 'US Central' }) })),
      'ExistingCluster.fromName("prod") with location "US Central"'],
    ['GCP: a location that is not a string', () => synthGcp((s) => new GpuPool(s, 'P', { ...base, accelerator: Accelerator.NVIDIA_L4, cluster: ExistingCluster.fromName('prod', { location: 5 as any }) })),
      'ExistingCluster.fromName("prod") with location 5'],
    ['Azure: a resource group name Azure refuses', () => synthAzure((s) => new GpuPool(s, 'P', { ...base, cluster: ExistingCluster.fromName('prod', { resourceGroupName: 'a/b' }) })),
      'ExistingCluster.fromName("prod") with resourceGroupName "a/b"'],
  ])('%s', (_name, build, received) => {
    expect(validationError(build).issues).toEqual([expect.objectContaining({ prop: 'cluster', received })]);
  });

  test('a zone, a region and a token are locations GKE takes', () => {
    for (const location of ['us-central1', 'us-central1-a', (s: Construct) => new TerraformVariable(s, 'location', { type: 'string' }).stringValue]) {
      expect(() => synthGcp((s) => new GpuPool(s, 'P', {
        ...base,
        accelerator: Accelerator.NVIDIA_L4,
        cluster: ExistingCluster.fromName('prod', { location: typeof location === 'string' ? location : location(s) }),
      }))).not.toThrow();
    }
  });
});

describe('GpuPool props resolve to documented defaults', () => {
  test('minNodes 0, one GPU, on-demand, 200 GiB, deletion protection, cost tags with tenant and cost center', () => {
    synthAws((s) => {
      const tenant = Object.assign(Object.create(null), { tenantId: 'acme', costCenter: 'cc-42', node: s.node }) as any;
      const p = new GpuPool(s, 'P', { ...base, tenant });
      expect(p._spec).toMatchObject({ minNodes: 0, acceleratorCount: 1, spot: false, diskSizeGiB: 200, deletionProtection: true });
      expect(p._spec.tags).toEqual({ 'workload': 'P', 'managed-by': 'ai-infra-constructs', 'tenant': 'acme', 'cost-center': 'cc-42' });
      expect(p._spec.nodeLabels['ai-infra-constructs.io/tenant']).toBe('acme');
    });
  });
});
