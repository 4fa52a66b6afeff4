/*
 * GpuPool → Google Kubernetes Engine (cdktf, deep imports only).
 *
 * No cluster given: a regional GKE Standard cluster with private nodes (and a private endpoint when the profile
 * requires private networking), master authorized networks, shielded nodes, workload identity, the REGULAR release
 * channel, legacy ABAC off, no client certificates, Dataplane V2 (network policy enforcement), application-layer
 * secrets encryption with the CMEK key, and a small system node pool (the default pool is removed: cluster add-ons
 * cannot run on tainted GPU nodes). It gets its own VPC, subnet (flow logs, Private Google Access) and Cloud NAT
 * unless the target names a network.
 * Always: a node pool with the GPU attached as `guest_accelerator` (GKE installs the driver), tainted
 * nvidia.com/gpu=present:NoSchedule (the taint GKE itself applies to GPU nodes, so the two agree), shielded nodes
 * with secure boot, the GKE metadata server, a CMEK boot disk, a dedicated node service account, autoscaling over
 * the total node count, auto repair/upgrade, and spot when asked.
 * Names: clusters and node pools 1-40 characters [a-z]([-a-z0-9]*[a-z0-9])?; networks 1-63.
 */
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool, ContainerNodePoolNodeConfig } from '@cdktf/provider-google/lib/container-node-pool';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct, IConstruct } from 'constructs';
import { baseName, cmekKey, ensureProvider, targetOptionIssues, gcpPlace } from './common';
import { GpuPoolResources } from './resources';
import type { GcpTargetOptions } from './target';
import { gcpTenant } from './tenancy';
import { CostDriver, CostEstimate, estimate, fixedDriver, hourlyDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { GPU_TAINT_KEY, GpuPoolOutputs, GpuPoolSpec } from '../../core/gpu-pool/spec';
import { clusterRefIssues } from '../../core/gpu-pool/validate';
import { claimNameProp, existingClusterPlace } from '../../core/names';
import { findShape } from '../../core/offerings';
import { RendererModule } from '../../core/renderer';
import { gcpLabelIssues, gcpLabels } from '../../core/tags';
import { GCP_FIXED, GKE_SHAPES, GkeShape } from '../shared-gcp/accelerators';
import { firstMatch, isUnresolved as unresolvedTf, ITerraformDependable, lastSegment, pathSegment } from '../shared-tf/engine';

const GKE_NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const GKE_CLUSTER_ID = /^projects\/([^/]+)\/locations\/([^/]+)\/clusters\/([a-z]([-a-z0-9]{0,38}[a-z0-9])?)$/;
const IPV4_CIDR = /^(\d{1,3}\.){3}\d{1,3}\/([0-9]|[12][0-9]|3[0-2])$/;
const SYSTEM_MACHINE_TYPE = 'e2-standard-4';
const SYSTEM_NODES = { min: 1, max: 3 };
/** Roles of the node service account: GKE's minimal node role, and image pulls from Artifact Registry. */
const NODE_ROLES = ['roles/container.defaultNodeServiceAccount', 'roles/artifactregistry.reader'];

export function validateGpuPool(spec: GpuPoolSpec, options: GcpTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = targetOptionIssues(options, isUnresolved);
  // An existing cluster: its nodes' boot disks use a key granted to this project's service agents, in the nodes' region.
  const parsed = typeof spec.cluster?.id === 'string' ? GKE_CLUSTER_ID.exec(spec.cluster.id) : null;
  const known = (x: unknown): x is string => typeof x === 'string' && !isUnresolved(x);
  if (parsed && known(parsed[1]) && known(options?.project) && parsed[1] !== options.project) {
    issues.push({
      prop: 'cluster',
      received: `a cluster in project ${parsed[1]}`,
      allowed: `a cluster in GcpTarget.project (${options.project})`,
      hint: 'the node pool\'s boot-disk key is granted to this project\'s service agents; bind a GcpTarget for the cluster\'s project',
    });
  }
  const clusterLocation = spec.cluster?.location ?? parsed?.[2];
  if (known(clusterLocation) && known(options?.kmsKeyName) && known(options?.region) && regionOf(clusterLocation) !== options.region) {
    issues.push({
      prop: 'GcpTarget.kmsKeyName',
      received: `a key in ${options.region} for nodes in ${clusterLocation}`,
      allowed: 'a key in the nodes\' region: omit kmsKeyName to get a key there, or bind a GcpTarget for that region',
    });
  }
  const { shape, issue } = findShape(GKE_SHAPES, spec.accelerator, spec.acceleratorCount, 'GKE (GCP)');
  if (issue) issues.push(issue);
  if (shape && (shape as GkeShape).requiresSpot && !spec.spot) {
    issues.push({
      prop: 'spot',
      received: `false with ${shape.count} × ${shape.accelerator} (${shape.type})`,
      allowed: 'true',
      hint: `GCP sells ${shape.type} only as Spot or flex-start VMs; use spot: true or acceleratorCount: 8 (a3-highgpu-8g)`,
    });
  }
  if (spec.name !== undefined && !isUnresolved(spec.name) && !GKE_NAME.test(spec.name)) {
    issues.push({ prop: 'name', received: show(spec.name), allowed: 'a GKE node pool name: 1-40 lowercase letters, digits and hyphens, starting with a letter' });
  }
  issues.push(...clusterRefIssues(spec, {
    id: GKE_CLUSTER_ID,
    idHelp: 'a GKE cluster id (projects/<project>/locations/<location>/clusters/<name>), or ExistingCluster.fromName(name, { location })',
    name: GKE_NAME,
    nameHelp: 'a GKE cluster name: 1-40 lowercase letters, digits and hyphens',
    unusedOptions: ['resourceGroupName'],
    unusedHelp: 'no resource group on GCP (set location instead)',
    options: { location: [/^[a-z]+-[a-z]+[0-9]{1,2}(-[a-z])?$/, 'a location that is a GCP region (us-central1) or zone (us-central1-a)'] },
  }, isUnresolved));
  // An existing cluster keeps its network; a new one takes both network and subnetwork, or neither.
  if (!spec.cluster && (options?.network === undefined) !== (options?.subnetwork === undefined)) {
    issues.push({ prop: 'GcpTarget.subnetwork', received: show(options?.subnetwork), allowed: 'set together with GcpTarget.network' });
  }
  const networks: unknown = options?.masterAuthorizedNetworks;
  if (networks !== undefined && !Array.isArray(networks)) {
    // A string was iterated character by character: one issue per character.
    issues.push({ prop: 'GcpTarget.masterAuthorizedNetworks', received: show(networks), allowed: 'a list of IPv4 CIDR blocks, e.g. ["10.0.0.0/8"]' });
  }
  for (const cidr of Array.isArray(networks) ? networks : []) {
    if (typeof cidr !== 'string' || (!isUnresolved(cidr) && !IPV4_CIDR.test(cidr))) {
      issues.push({ prop: 'GcpTarget.masterAuthorizedNetworks', received: show(cidr), allowed: 'IPv4 CIDR blocks such as "10.0.0.0/8"' });
    }
  }
  return issues;
}

/** The region of a GKE location (a region, or a zone such as us-central1-a); of a reference, worked out by Terraform. */
const regionOf = (location: string): string => (unresolvedTf(location) ? firstMatch('^[a-z]+-[a-z]+[0-9]+', location) : location.replace(/-[a-z]$/, ''));

export function renderGpuPool(scope: IConstruct, spec: GpuPoolSpec, options: GcpTargetOptions): GpuPoolOutputs {
  if (spec.cluster) claimNameProp(scope, spec.name, 'GKE node pool', `${gcpPlace(scope, options)}, ${existingClusterPlace(spec.cluster)}`, 'a node pool name no other GpuPool uses');
  ensureProvider(scope, options);
  const c = scope as Construct;
  const shape = shapeFor(spec);
  const labels = gcpLabels(spec.tags, unresolvedTf);
  const base = baseName(c, 30);
  const project = new DataGoogleProject(c, 'Project', { projectId: options.project });

  const parsed = spec.cluster?.id?.match(GKE_CLUSTER_ID);
  // An id given as a reference (projects/<p>/locations/<location>/clusters/<name>, known at apply): Terraform takes the
  // location out of it, so a zonal cluster or one in another region gets its pool (and boot-disk key) where it is.
  const idLocation = spec.cluster?.id !== undefined && unresolvedTf(spec.cluster.id) ? pathSegment(spec.cluster.id, 3) : undefined;
  const location = spec.cluster?.location ?? parsed?.[2] ?? idLocation ?? options.region;

  // CMEK for boot disks (and cluster secrets): the Compute Engine and GKE service agents must use the key first.
  // A boot-disk key must live in the disks' region, so the key ring follows the cluster's location.
  const tenant = gcpTenant(spec.tenant, c, regionOf(location));
  const { keyId, key } = tenant ? { keyId: tenant.keyId, key: undefined } : cmekKey(c, { ...options, region: regionOf(location) }, base, labels);
  const keyGrants: ITerraformDependable[] = [];
  const grant = (id: string, agent: string) => {
    const g = new KmsCryptoKeyIamMember(c, id, {
      cryptoKeyId: keyId,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:service-${project.number}@${agent}`,
    });
    keyGrants.push(g);
  };
  grant('ComputeAgentKeyAccess', 'compute-system.iam.gserviceaccount.com');

  // A dedicated node identity (never the Compute Engine default service account).
  const sa = new ServiceAccount(c, 'NodeServiceAccount', {
    accountId: baseName(c, 30).replace(/^([^a-z])/, 'n$1'),
    displayName: `GKE GPU nodes ${c.node.path}`.slice(0, 100),
    description: 'Node identity of one GKE GPU pool (ai-infra-constructs)',
    project: options.project,
  });
  const roleGrants = NODE_ROLES.map((role, i) => new ProjectIamMember(c, `NodeRole${i}`, {
    project: options.project,
    role,
    member: `serviceAccount:${sa.email}`,
  }));

  const nodeConfig = (machineType: string, diskSizeGb: number): ContainerNodePoolNodeConfig => ({
    machineType,
    serviceAccount: sa.email,
    oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
    imageType: 'COS_CONTAINERD',
    diskType: 'pd-balanced',
    diskSizeGb,
    bootDiskKmsKey: keyId,
    shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
    workloadMetadataConfig: { mode: 'GKE_METADATA' },
    metadata: { 'disable-legacy-endpoints': 'true' },
    resourceLabels: labels,
  });

  let clusterRef: string;
  let clusterName: string;
  let clusterId: string;
  let cluster: ContainerCluster | undefined;
  let systemPool: ContainerNodePool | undefined;
  if (spec.cluster) {
    const cl = spec.cluster;
    // The name ends the cluster id; a reference is split by Terraform.
    clusterName = cl.name ?? parsed?.[3] ?? (unresolvedTf(cl.id) ? lastSegment(cl.id!) : cl.id!);
    clusterRef = cl.id ?? cl.name!;
    clusterId = cl.id ?? `projects/${options.project}/locations/${location}/clusters/${cl.name}`;
  } else {
    grant('GkeAgentKeyAccess', 'container-engine-robot.iam.gserviceaccount.com');
    const net = options.network
      ? { network: options.network, subnetwork: options.subnetwork!, ranges: undefined }
      : clusterNetwork(c, options, base);
    cluster = new ContainerCluster(c, 'Cluster', {
      name: baseName(c, 40),
      location,
      project: options.project,
      description: `GPU cluster of ${c.node.path} (ai-infra-constructs)`,
      network: net.network,
      subnetwork: net.subnetwork,
      removeDefaultNodePool: true,
      initialNodeCount: 1,
      deletionProtection: spec.deletionProtection,
      minMasterVersion: spec.kubernetesVersion,
      releaseChannel: { channel: 'REGULAR' },
      enableShieldedNodes: true,
      enableLegacyAbac: false,
      datapathProvider: 'ADVANCED_DATAPATH',
      workloadIdentityConfig: { workloadPool: `${options.project}.svc.id.goog` },
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: spec.compliance.controls.privateNetworking,
      },
      masterAuthorizedNetworksConfig: {
        gcpPublicCidrsAccessEnabled: false,
        cidrBlocks: (options.masterAuthorizedNetworks ?? []).map((cidrBlock) => ({ cidrBlock, displayName: 'authorized' })),
      },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      ipAllocationPolicy: net.ranges ?? {},
      databaseEncryption: { state: 'ENCRYPTED', keyName: keyId },
      resourceLabels: labels,
      dependsOn: keyGrants,
    });
    clusterRef = cluster.id;
    clusterName = cluster.name;
    clusterId = cluster.id;
    systemPool = new ContainerNodePool(c, 'SystemNodePool', {
      name: 'system',
      cluster: cluster.id,
      location,
      project: options.project,
      nodeConfig: { ...nodeConfig(SYSTEM_MACHINE_TYPE, 50), labels: { 'ai-infra-constructs.io/role': 'system' } },
      autoscaling: { totalMinNodeCount: SYSTEM_NODES.min, totalMaxNodeCount: SYSTEM_NODES.max, locationPolicy: 'BALANCED' },
      management: { autoRepair: true, autoUpgrade: true },
      dependsOn: [...keyGrants, ...roleGrants],
    });
  }

  const pool = new ContainerNodePool(c, 'Resource', {
    name: spec.name ?? baseName(c, 40),
    cluster: clusterRef,
    location,
    project: options.project,
    nodeConfig: {
      ...nodeConfig(shape.type, spec.diskSizeGiB),
      guestAccelerator: [{
        type: shape.gkeAcceleratorType,
        count: shape.count,
        gpuDriverInstallationConfig: { gpuDriverVersion: 'DEFAULT' },
      }],
      taint: [{ key: GPU_TAINT_KEY, value: 'present', effect: 'NO_SCHEDULE' }],
      labels: spec.nodeLabels,
      spot: spec.spot,
    },
    // Total node count across the region's zones; ANY finds GPU capacity (and Spot) wherever it exists.
    autoscaling: { totalMinNodeCount: spec.minNodes, totalMaxNodeCount: spec.maxNodes, locationPolicy: 'ANY' },
    management: { autoRepair: true, autoUpgrade: true },
    // Upgrade by replacing one node at a time instead of surging: no spare GPU quota needed.
    upgradeSettings: { strategy: 'SURGE', maxSurge: 0, maxUnavailable: 1 },
    dependsOn: [...keyGrants, ...roleGrants],
  });

  GpuPoolResources._attach(c, new GpuPoolResources({ nodePool: pool, cluster, systemNodePool: systemPool, nodeServiceAccount: sa, cryptoKey: key }));
  return { clusterName, clusterId, nodePoolName: pool.name, createdCluster: cluster !== undefined };
}

export function estimateGpuPool(spec: GpuPoolSpec, options: GcpTargetOptions): CostEstimate {
  const shape = shapeFor(spec);
  const drivers: CostDriver[] = [
    hourlyDriver(`${shape.type} + ${shape.count} × ${shape.gkeAcceleratorType} GPU node (GCE ${spec.spot ? 'Spot; priced at on-demand' : 'on-demand'}, GPUs included)`,
      spec.minNodes, spec.maxNodes, shape.price),
  ];
  const assumptions = [
    'On-demand list prices, us-central1, 730 h/month; G2/A2/A3 prices include their GPUs (not added again); no sustained-use discount on GPUs',
    `Boot disks (${spec.diskSizeGiB} GB pd-balanced per node), network egress and Cloud Logging are usage-priced and not included`,
  ];
  if (spec.spot) assumptions.push('Spot VMs: the estimate uses the on-demand price as a ceiling; Spot prices are 60-91% lower and change up to once a month');
  if (!spec.cluster) {
    drivers.push(hourlyDriver('GKE cluster management fee (regional Standard cluster)', 1, 1, GCP_FIXED.gkeClusterFee));
    drivers.push(hourlyDriver(`${SYSTEM_MACHINE_TYPE} system nodes`, SYSTEM_NODES.min, SYSTEM_NODES.max,
      GCP_FIXED.e2Standard4));
    if (!options.network) {
      drivers.push(hourlyDriver('Cloud NAT (per VM using it)', spec.minNodes + SYSTEM_NODES.min, spec.maxNodes + SYSTEM_NODES.max, GCP_FIXED.cloudNatPerVm));
      assumptions.push('Cloud NAT data processing ($0.045/GB) depends on image pulls and egress and is not included');
    }
  }
  if (!options.kmsKeyName) {
    const k = GCP_FIXED.kmsKeyVersionMonthlyUsd;
    drivers.push(fixedDriver('Cloud KMS key version', k.usd, k.source, k.asOf, k.region));
  }
  if (shape.notes) assumptions.push(`${shape.type}: ${shape.notes}`);
  return estimate(drivers, assumptions);
}

function shapeFor(spec: GpuPoolSpec): GkeShape {
  return findShape(GKE_SHAPES, spec.accelerator, spec.acceleratorCount, 'GKE').shape as GkeShape;
}

/** A VPC for the cluster: one subnet with pod/service ranges, flow logs and Private Google Access, and Cloud NAT. */
function clusterNetwork(c: Construct, options: GcpTargetOptions, base: string) {
  const network = new ComputeNetwork(c, 'Network', {
    name: `${base}-net`,
    project: options.project,
    autoCreateSubnetworks: false,
    routingMode: 'REGIONAL',
    description: `Network of GPU cluster ${c.node.path}`,
  });
  const subnet = new ComputeSubnetwork(c, 'Subnet', {
    name: `${base}-nodes`,
    project: options.project,
    region: options.region,
    network: network.id,
    ipCidrRange: '10.0.0.0/20',
    secondaryIpRange: [
      { rangeName: 'pods', ipCidrRange: '10.4.0.0/14' },
      { rangeName: 'services', ipCidrRange: '10.8.0.0/20' },
    ],
    privateIpGoogleAccess: true,
    logConfig: { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' },
  });
  const router = new ComputeRouter(c, 'Router', { name: `${base}-router`, project: options.project, region: options.region, network: network.id });
  new ComputeRouterNat(c, 'Nat', {
    name: `${base}-nat`,
    project: options.project,
    region: options.region,
    router: router.name,
    natIpAllocateOption: 'AUTO_ONLY',
    sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
    logConfig: { enable: true, filter: 'ERRORS_ONLY' },
  });
  return {
    network: network.id,
    subnetwork: subnet.id,
    ranges: { clusterSecondaryRangeName: 'pods', servicesSecondaryRangeName: 'services' },
  };
}

/** The GpuPool renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<GpuPoolSpec, ReturnType<typeof renderGpuPool>, GcpTargetOptions> = {
  validate: (spec, options, isUnresolved) => [...validateGpuPool(spec, options, isUnresolved), ...gcpLabelIssues(spec.tags, isUnresolved)],
  render: renderGpuPool,
  estimate: (spec, options) => estimateGpuPool(spec, options),
};
