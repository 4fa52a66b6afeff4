import { Construct } from 'constructs';
import { propTypeIssues } from '../checks';
import { ComplianceProfile, profileOf } from '../compliance';
import { CostEstimate, costCeilingIssue, costCeilingValueIssues } from '../cost';
import { throwIfInvalid, ValidationIssue, show } from '../errors';
import { costTags, tagCountIssues } from '../tags';
import { ITarget, Target } from '../target';
import { ISecureTenant, SecureTenant, tenantAndProfileIssues } from '../tenant';
import { isUnresolved } from '../tokens';
import { lockOf, parseLock, schemaChangeIssues, schemaLockIO } from './schema-lock';
import { Prepared, rendererFor } from '../renderer';
import { FeatureStoreOutputs, FeatureStoreSpec, LockedSchema } from './spec';
import { FeatureGroupDefinition } from './types';
import { validateFeatureStoreSpec } from './validate';

/**
 * Props for `FeatureStore`.
 */
export interface FeatureStoreProps {
  /** The typed feature groups. */
  readonly featureGroups: FeatureGroupDefinition[];
  /**
   * Serve the latest feature values at low latency (SageMaker online store, Vertex AI feature online store, Azure
   * Cache for Redis).
   * @default true
   */
  readonly onlineStore?: boolean;
  /**
   * Keep the full history for training (S3 + Glue, BigQuery, ADLS Gen2).
   * @default true
   */
  readonly offlineStore?: boolean;
  /**
   * Hours after which online records expire. AWS only (SageMaker online store TTL); other clouds reject it.
   * @default - records never expire
   */
  readonly onlineTtlHours?: number;
  /**
   * Register offline tables in the data catalog (AWS Glue Data Catalog, for Athena). GCP's offline store is
   * BigQuery, which is its own catalog; Azure ignores it.
   * @default true
   */
  readonly dataCatalog?: boolean;
  /**
   * Keep stored data when the construct is removed from the app or the stack is deleted: `RETAIN` on AWS,
   * `prevent_destroy` and table deletion protection on GCP, `prevent_destroy` on Azure. Turning it off is
   * explicit and lets a destroy delete feature data.
   * @default true
   */
  readonly retainOnDelete?: boolean;
  /**
   * A JSON file that records the schema last synthesized. With it, synth fails on changes no cloud applies in place
   * without losing data or failing the deploy (removed groups or features, changed types, record identifiers or
   * event times) until the lock file is edited to confirm them; allowed changes update the file. Commit it.
   * Relative paths resolve from the working directory.
   * @default - no schema lock (changes are only checked by the cloud at deploy time)
   */
  readonly schemaLockFile?: string;
  /**
   * The tenant this store belongs to: its profile and cost tags apply.
   * @default - no tenant
   */
  readonly tenant?: ISecureTenant;
  /**
   * Compliance profile. Overrides the tenant's and the scope's.
   * @default - the tenant's profile, else the scope's, else BASELINE
   */
  readonly compliance?: ComplianceProfile;
  /**
   * Monthly cost ceiling, USD: synth fails when the high estimate (at maximum scale) exceeds it, listing the drivers.
   * @default - no ceiling
   */
  readonly maxMonthlyCostUsd?: number;
  /**
   * Extra tags (labels on GCP, normalised to lowercase).
   *
   * Each resource takes at most 50 tags on AWS and Azure and 64 labels on GCP (one of them the google provider's
   * `goog-terraform-provisioned`), counting the cost-allocation tags the construct adds (`workload`, `managed-by`,
   * and for a tenant `tenant`, `cost-center`, plus `TenantId`, `CostCenter` on AWS and Azure): more fails at synth.
   * Tags added elsewhere (`Tags.of`, provider default tags or labels) count against the same limit.
   * @default - cost-allocation tags only
   */
  readonly tags?: Record<string, string>;
}

/**
 * Typed feature groups in the cloud's managed feature store, with encrypted, retained data.
 *
 * - AWS: one SageMaker FeatureGroup per group; online store encrypted with a KMS key (optional TTL); offline store
 *   in an S3 bucket (KMS, SSL-only, versioned, no public access, access logs, retained) with an optional Glue table;
 *   a least-privilege role.
 * - GCP: a BigQuery dataset (CMEK, retained) with one typed, partitioned, deletion-protected table per group; Vertex
 *   AI feature groups and features over them; an optimized feature online store with one feature view per group.
 * - Azure: an Azure ML workspace of kind FeatureStore with an ADLS Gen2 offline store (TLS 1.2, no public access,
 *   customer-managed key), Key Vault with purge protection, Azure Cache for Redis online store (TLS only, no public
 *   access), the materialization identity and store connections, and one feature store entity per group.
 *
 * SageMaker feature groups cannot drop features, and changing a group's online-store settings replaces it (its
 * stored online records are lost, and CloudFormation fails because the name is fixed): use `schemaLockFile` to
 * catch such changes at synth.
 */
export class FeatureStore extends Construct {
  /** The target this store rendered to. */
  public readonly target: ITarget;
  /** Cloud id of the store (offline bucket ARN, BigQuery dataset id, feature store workspace id). */
  public readonly storeId: string;
  /** Cloud id of each group, by group name. */
  public readonly featureGroupIds: Record<string, string>;
  /** Monthly cost estimate. */
  public readonly estimatedMonthlyCost: CostEstimate;
  /** The effective compliance profile. */
  public readonly compliance: ComplianceProfile;

  /** @internal */
  public readonly _spec: FeatureStoreSpec;

  constructor(scope: Construct, id: string, props: FeatureStoreProps) {
    super(scope, id);
    // Validation happens in a function of its own: see `Prepared` in ../renderer.
    const { target, renderer, spec } = prepareFeatureStore(this, props);
    this.target = target;
    this._spec = spec;
    this.compliance = spec.compliance;
    const out = renderer.render(this, spec, renderer.options);
    this.storeId = out.storeId;
    this.featureGroupIds = out.groupIds;
    this.estimatedMonthlyCost = renderer.estimate(this._spec);
    this.node.addMetadata('ai-infra-constructs:cost', this.estimatedMonthlyCost);
    const ceiling = costCeilingIssue(this.node.path, this.estimatedMonthlyCost, props.maxMonthlyCostUsd);
    if (ceiling) throwIfInvalid(this, [ceiling]);
    SecureTenant._registerConsumer(props.tenant, this);
    const lockPath = props.schemaLockFile;
    if (lockPath) schemaLockIO()?.write(lockPath, `${JSON.stringify(lockOf(this._spec), null, 2)}\n`);
  }
}

function readLock(path: string | undefined): { lock?: LockedSchema; issue?: ValidationIssue } {
  if (path === undefined) return {};
  const io = schemaLockIO();
  if (!io) return { issue: { prop: 'schemaLockFile', received: show(path), allowed: 'unset where no file system is available' } };
  const text = io.read(path);
  return text === undefined ? {} : parseLock(path, text);
}

/** The store's target, renderer and validated spec (checked against its schema lock file), or a ValidationError. */
function prepareFeatureStore(scope: FeatureStore, props: FeatureStoreProps): Prepared<FeatureStoreSpec, FeatureStoreOutputs> {
  const target = Target.of(scope);
  const renderer = rendererFor<FeatureStoreSpec, FeatureStoreOutputs>(scope, target, 'feature-store');
  const shapeIssues = propShapeIssues(props);
  if (shapeIssues.some((i) => i.prop === 'props')) throwIfInvalid(scope, shapeIssues);
  const lockPath = props.schemaLockFile;
  const lock = readLock(lockPath);
  const early = tenantAndProfileIssues(scope, props, shapeIssues);
  const spec = resolveFeatureStoreSpec(scope, props, lock.lock);
  const issues = [...early, ...(lock.issue ? [lock.issue] : []), ...validateFeatureStoreSpec(spec, isUnresolved), ...tagCountIssues(target.cloud, props.tags, spec.tags, spec.tenant),
    ...costCeilingValueIssues(props.maxMonthlyCostUsd, isUnresolved)];
  if (issues.length === 0 && lock.lock && lockPath) issues.push(...schemaChangeIssues(lockPath, lock.lock, spec));
  // Target checks read the tenant; skip them while it is unusable (its issue is already listed).
  throwIfInvalid(scope, issues.some((i) => i.prop.startsWith('tenant')) ? issues : [...issues, ...renderer.validate(spec, isUnresolved)]);
  return { target, renderer, spec };
}

/** Defaults and profile overlay (pure). @internal */
export function resolveFeatureStoreSpec(scope: Construct, props: FeatureStoreProps, previousSchema?: LockedSchema): FeatureStoreSpec {
  const p = props;
  return {
    featureGroups: p.featureGroups,
    onlineStore: p.onlineStore ?? true,
    offlineStore: p.offlineStore ?? true,
    onlineTtlHours: p.onlineTtlHours,
    dataCatalog: p.dataCatalog ?? true,
    retainOnDelete: p.retainOnDelete ?? true,
    compliance: profileOf(scope, p),
    tags: {
      ...costTags({ workload: scope.node.id, tenant: p.tenant?.tenantId, costCenter: p.tenant?.costCenter }),
      ...(p.tags ?? {}),
    },
    tenant: p.tenant,
    previousSchema,
  };
}

/** Type checks for JavaScript callers (a TypeError is never the answer). */
function propShapeIssues(props: FeatureStoreProps): ValidationIssue[] {
  if (props === undefined || props === null || typeof props !== 'object') {
    return [{ prop: 'props', received: show(props), allowed: 'a FeatureStoreProps object with at least `featureGroups`' }];
  }
  return propTypeIssues(props, {
    numbers: ['onlineTtlHours', 'maxMonthlyCostUsd'],
    strings: ['schemaLockFile'],
    booleans: ['onlineStore', 'offlineStore', 'dataCatalog', 'retainOnDelete'],
    maps: ['tags'],
  });
}
