import { TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Accelerator, ComplianceProfile, ExistingCluster, GpuPool, GpuPoolProps, SecureTenant, tfgcp } from '../../../src';
import { all, only, synthGcp, TfJson, validationError } from '../../util';

const byName = (json: TfJson, type: string, pred: (r: any) => boolean) => all(json, type).find(pred);

describe('GpuPool on GCP: new hardened GKE cluster (defaults)', () => {
  let pool!: GpuPool;
  const json = synthGcp((s) => {
    pool = new GpuPool(s, 'Training', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 4, tags: { Team: 'ML Research' } });
  });
  const cluster = only(json, 'google_container_cluster');
  const gpu = byName(json, 'google_container_node_pool', (p) => p.node_config.guest_accelerator);
  const system = byName(json, 'google_container_node_pool', (p) => !p.node_config.guest_accelerator);

  test('private nodes, master authorized networks (no Google public CIDRs), shielded nodes, workload identity, release channel, no legacy ABAC', () => {
    expect(cluster.private_cluster_config).toEqual({ enable_private_nodes: true, enable_private_endpoint: false });
    expect(cluster.master_authorized_networks_config).toEqual({ gcp_public_cidrs_access_enabled: false, cidr_blocks: [] });
    expect(cluster.enable_shielded_nodes).toBe(true);
    expect(cluster.workload_identity_config).toEqual({ workload_pool: 'my-proj.svc.id.goog' });
    expect(cluster.release_channel).toEqual({ channel: 'REGULAR' });
    expect(cluster.enable_legacy_abac).toBe(false);
    expect(cluster.master_auth).toEqual({ client_certificate_config: { issue_client_certificate: false } });
    expect(cluster.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(cluster.deletion_protection).toBe(true);
  });

  test('no default node pool: a separate system pool runs add-ons, untainted', () => {
    expect(cluster.remove_default_node_pool).toBe(true);
    expect(system.node_config.taint).toBeUndefined();
    expect(system.autoscaling).toEqual({ total_min_node_count: 1, total_max_node_count: 3, location_policy: 'BALANCED' });
  });

  test('cluster secrets are encrypted with the CMEK key, which the GKE and Compute service agents may use first', () => {
    expect(cluster.database_encryption).toEqual({ state: 'ENCRYPTED', key_name: expect.stringMatching(/^\$\{google_kms_crypto_key\..+\.id\}$/) });
    const members = all(json, 'google_kms_crypto_key_iam_member').map((m) => m.member);
    expect(members).toEqual(expect.arrayContaining([
      expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\..+\.number\}@compute-system\.iam\.gserviceaccount\.com$/),
      expect.stringMatching(/^serviceAccount:service-\$\{data\.google_project\..+\.number\}@container-engine-robot\.iam\.gserviceaccount\.com$/),
    ]));
    expect(cluster.depends_on).toHaveLength(2);
    const key = only(json, 'google_kms_crypto_key');
    expect(key.rotation_period).toBe('7776000s');
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
  });

  test('GPU node pool: guest accelerator with driver installation, the table machine type, taint, labels', () => {
    expect(gpu.node_config.machine_type).toBe('g2-standard-4');
    expect(gpu.node_config.guest_accelerator).toEqual([{ type: 'nvidia-l4', count: 1, gpu_driver_installation_config: { gpu_driver_version: 'DEFAULT' } }]);
    expect(gpu.node_config.taint).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }]);
    expect(gpu.node_config.labels).toEqual({ 'ai-infra-constructs.io/accelerator': 'nvidia-l4', 'ai-infra-constructs.io/pool': 'training' });
    expect(gpu.node_config.spot).toBe(false);
  });

  test('every node pool: shielded with secure boot, GKE metadata server, CMEK boot disk, dedicated service account', () => {
    for (const p of [gpu, system]) {
      expect(p.node_config.shielded_instance_config).toEqual({ enable_secure_boot: true, enable_integrity_monitoring: true });
      expect(p.node_config.workload_metadata_config).toEqual({ mode: 'GKE_METADATA' });
      expect(p.node_config.boot_disk_kms_key).toMatch(/^\$\{google_kms_crypto_key\..+\.id\}$/);
      expect(p.node_config.service_account).toMatch(/^\$\{google_service_account\..+\.email\}$/);
      expect(p.node_config.metadata).toEqual({ 'disable-legacy-endpoints': 'true' });
      expect(p.management).toEqual({ auto_repair: true, auto_upgrade: true });
    }
  });

  test('autoscaling over the total node count from 0 to max; upgrades without surge capacity', () => {
    expect(gpu.autoscaling).toEqual({ total_min_node_count: 0, total_max_node_count: 4, location_policy: 'ANY' });
    expect(gpu.upgrade_settings).toEqual({ strategy: 'SURGE', max_surge: 0, max_unavailable: 1 });
  });

  test('the node service account has only the minimal node role and image pulls', () => {
    expect(all(json, 'google_project_iam_member').map((m) => m.role).sort()).toEqual(['roles/artifactregistry.reader', 'roles/container.defaultNodeServiceAccount']);
  });

  test('its own network: custom-mode VPC, subnet with flow logs and Private Google Access, Cloud NAT', () => {
    expect(only(json, 'google_compute_network').auto_create_subnetworks).toBe(false);
    const subnet = only(json, 'google_compute_subnetwork');
    expect(subnet.private_ip_google_access).toBe(true);
    expect(subnet.log_config).toBeDefined();
    expect(subnet.secondary_ip_range.map((r: any) => r.range_name)).toEqual(['pods', 'services']);
    expect(cluster.ip_allocation_policy).toEqual({ cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' });
    expect(only(json, 'google_compute_router_nat').source_subnetwork_ip_ranges_to_nat).toBe('ALL_SUBNETWORKS_ALL_IP_RANGES');
  });

  test('labels normalised on the cluster, the nodes and the key', () => {
    const labels = { 'workload': 'training', 'managed-by': 'ai-infra-constructs', 'team': 'ml_research' };
    expect(cluster.resource_labels).toEqual(labels);
    expect(gpu.node_config.resource_labels).toEqual(labels);
    expect(only(json, 'google_kms_crypto_key').labels).toEqual(labels);
  });

  test('cost estimate: nodes 0..max plus the cluster fee, Cloud NAT per VM and the key', () => {
    const e = pool.estimatedMonthlyCost;
    expect(e.drivers[0]).toMatchObject({ unitPriceUsd: 0.70683, quantityLow: 0, quantityHigh: 4, priced: true });
    const nat = e.drivers.find((d) => d.item.startsWith('Cloud NAT'))!;
    expect([nat.quantityLow, nat.quantityHigh]).toEqual([1, 7]);
    expect(e.monthlyUsdLow).toBeCloseTo(73 + 1 * 730 * 0.0014 + 0.06, 2);
    expect(e.monthlyUsdHigh).toBeCloseTo(4 * 730 * 0.70683 + 73 + 7 * 730 * 0.0014 + 0.06, 1); // each driver is rounded to cents
  });
});

describe('GpuPool on GCP: options', () => {
  test('spot, multi-GPU shapes and a fixed name', () => {
    const json = synthGcp((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_A100_80GB, acceleratorCount: 4, maxNodes: 2, spot: true, name: 'a100-pool' }));
    const gpu = byName(json, 'google_container_node_pool', (p) => p.node_config.guest_accelerator);
    expect(gpu.name).toBe('a100-pool');
    expect(gpu.node_config.spot).toBe(true);
    expect(gpu.node_config.machine_type).toBe('a2-ultragpu-4g');
    expect(gpu.node_config.guest_accelerator[0]).toMatchObject({ type: 'nvidia-a100-80gb', count: 4 });
    expect(gpu.node_config.labels['ai-infra-constructs.io/capacity']).toBe('spot');
  });

  test('private endpoint under HIPAA; authorized networks from the target', () => {
    const json = synthGcp((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1, compliance: ComplianceProfile.HIPAA }),
      { masterAuthorizedNetworks: ['10.10.0.0/16'] });
    const cluster = only(json, 'google_container_cluster');
    expect(cluster.private_cluster_config.enable_private_endpoint).toBe(true);
    expect(cluster.master_authorized_networks_config.cidr_blocks).toEqual([{ cidr_block: '10.10.0.0/16', display_name: 'authorized' }]);
  });

  test('an existing network and key from the target: no VPC, NAT or key created', () => {
    const json = synthGcp((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 }),
      { network: 'projects/p/global/networks/shared', subnetwork: 'projects/p/regions/us-central1/subnetworks/gke', kmsKeyName: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k' });
    for (const t of ['google_compute_network', 'google_compute_subnetwork', 'google_compute_router_nat', 'google_kms_crypto_key']) expect(json.resource[t]).toBeUndefined();
    const cluster = only(json, 'google_container_cluster');
    expect(cluster.network).toBe('projects/p/global/networks/shared');
    expect(cluster.ip_allocation_policy).toEqual({});
    expect(cluster.database_encryption.key_name).toBe('projects/p/locations/us-central1/keyRings/r/cryptoKeys/k');
  });

  test('escape hatch', () => {
    synthGcp((s) => {
      const p = new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 });
      const r = tfgcp.GpuPoolResources.of(p).resources;
      expect(r.nodePool.node.id).toBe('Resource');
      expect(r.cluster).toBeDefined();
    });
  });
});

describe('GpuPool on GCP: existing cluster', () => {
  test.each([
    ['by id', ExistingCluster.fromId('projects/my-proj/locations/us-east1/clusters/prod'), 'projects/my-proj/locations/us-east1/clusters/prod', 'us-east1'],
    ['by name and location', ExistingCluster.fromName('prod', { location: 'us-east1-b' }), 'prod', 'us-east1-b'],
    ['by name in the target region', ExistingCluster.fromName('prod'), 'prod', 'us-central1'],
  ])('%s: only the node pool and its identity and key; no cluster or network', (_n, ref, clusterArg, location) => {
    let pool!: GpuPool;
    const json = synthGcp((s) => {
      pool = new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 2, cluster: ref });
    });
    for (const t of ['google_container_cluster', 'google_compute_network', 'google_compute_router_nat']) expect(json.resource[t]).toBeUndefined();
    const gpu = only(json, 'google_container_node_pool');
    expect(gpu).toMatchObject({ cluster: clusterArg, location });
    // A boot-disk key must be in the disks' region.
    expect(only(json, 'google_kms_key_ring').location).toBe(location.replace(/-[a-z]$/, ''));
    expect(pool.createdCluster).toBe(false);
    expect(pool.estimatedMonthlyCost.drivers.map((d) => d.item)).toHaveLength(2); // nodes + key version
  });

  test('by a token id: the cluster name and location are taken from the id by Terraform', () => {
    const json = synthGcp((s) => {
      const id = new TerraformVariable(s, 'cluster_id', { type: 'string' });
      const pool = new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 2, cluster: ExistingCluster.fromId(id.stringValue) });
      new TerraformOutput(s, 'cluster_name', { value: pool.clusterName });
    });
    expect(only(json, 'google_container_node_pool').cluster).toBe('${var.cluster_id}');
    expect((json as any).output.cluster_name.value).toBe('${element(reverse(split("/", var.cluster_id)), 0)}');
    // The location too (a zonal cluster, or one in another region): the pool and its boot-disk key ring go there.
    expect(only(json, 'google_container_node_pool').location).toBe('${element(split("/", var.cluster_id), 3)}');
    expect(only(json, 'google_kms_key_ring').location).toBe('${regex("^[a-z]+-[a-z]+[0-9]+", element(split("/", var.cluster_id), 3))}');
  });

  test('a cluster in another project, or the target\'s or tenant\'s key for nodes in another region, fails at synth', () => {
    const pool = (s: Construct, cluster: ExistingCluster, tenant?: SecureTenant) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 2, cluster, tenant });
    // The node pool's key is granted to this project's service agents.
    expect(validationError(() => synthGcp((s) => pool(s, ExistingCluster.fromId('projects/shared-gke/locations/us-central1/clusters/prod')))).issues)
      .toEqual([expect.objectContaining({ prop: 'cluster', received: 'a cluster in project shared-gke', allowed: 'a cluster in GcpTarget.project (my-proj)' })]);
    // Keys are regional: the target's key is in us-central1, the nodes in us-east1.
    const elsewhere = ExistingCluster.fromName('prod', { location: 'us-east1-b' });
    expect(validationError(() => synthGcp((s) => pool(s, elsewhere), { kmsKeyName: 'projects/my-proj/locations/us-central1/keyRings/r/cryptoKeys/k' })).issues)
      .toEqual([expect.objectContaining({ prop: 'GcpTarget.kmsKeyName', received: 'a key in us-central1 for nodes in us-east1-b' })]);
    expect(validationError(() => synthGcp((s) => pool(s, elsewhere, new SecureTenant(s, 'T', { tenantId: 'acme' })))).issues)
      .toEqual([expect.objectContaining({ prop: 'tenant', allowed: 'a SecureTenant in the same region as this construct (project my-proj, region us-east1)' })]);
    // With neither, the pool gets a key in the nodes' region (the case above).
  });
});

describe('GpuPool on GCP: validation', () => {
  const fails = (props: Partial<GpuPoolProps>, options: Partial<tfgcp.GcpTargetOptions> = {}) =>
    validationError(() => synthGcp((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 2, ...props } as GpuPoolProps), options));

  test.each([Accelerator.NVIDIA_A10G, Accelerator.NVIDIA_L40S])('%s is not offered on GCP: the offered GPUs are listed', (acc) => {
    const e = fails({ accelerator: acc });
    expect(e.issues[0]).toMatchObject({ prop: 'accelerator', received: acc.name });
    expect(e.issues[0].allowed).toMatch(/GKE \(GCP\) offers nvidia-t4, nvidia-l4, nvidia-a100-40gb/);
  });
  test('3 × L4 is not a GKE shape', () => {
    expect(fails({ acceleratorCount: 3 }).issues[0]).toMatchObject({ prop: 'acceleratorCount', received: '3 × nvidia-l4' });
  });
  test('a single H100 is sold only as Spot', () => {
    expect(fails({ accelerator: Accelerator.NVIDIA_H100_80GB }).issues[0]).toMatchObject({ prop: 'spot' });
    expect(() => synthGcp((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_H100_80GB, maxNodes: 1, spot: true }))).not.toThrow();
  });
  test('bad names, cluster ids, networks', () => {
    expect(fails({ name: 'Has_Upper' }).issues[0]).toMatchObject({ prop: 'name' });
    expect(fails({ cluster: ExistingCluster.fromId('prod') }).issues[0]).toMatchObject({ prop: 'cluster' });
    expect(fails({ cluster: ExistingCluster.fromName('prod', { resourceGroupName: 'rg' }) }).issues[0]).toMatchObject({ prop: 'cluster' });
    expect(fails({}, { network: 'n' }).issues[0]).toMatchObject({ prop: 'GcpTarget.subnetwork' });
    expect(fails({}, { masterAuthorizedNetworks: ['10.0.0.0'] }).issues[0]).toMatchObject({ prop: 'GcpTarget.masterAuthorizedNetworks' });
    // One string, not a list: one issue (it was one per character).
    expect(fails({}, { masterAuthorizedNetworks: '10.0.0.0/8' as any }).issues).toEqual([
      { prop: 'GcpTarget.masterAuthorizedNetworks', received: '"10.0.0.0/8"', allowed: 'a list of IPv4 CIDR blocks, e.g. ["10.0.0.0/8"]' },
    ]);
  });
});
