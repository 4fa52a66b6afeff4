/*
 * FeatureStore → Vertex AI Feature Store over BigQuery (cdktf, deep imports only).
 *
 * Offline: one BigQuery dataset (CMEK by default, retained with prevent_destroy, contents never deleted on destroy)
 * with one typed table per group, partitioned by day on the event time and deletion-protected. Vertex AI feature
 * groups point at the tables (through a view that names the event time `feature_timestamp`, the column Vertex AI
 * reads, when the group calls it something else); each non-key column is a Vertex AI feature.
 * Online: an Optimized feature online store (private service connect under private-networking profiles) with one
 * feature view per group, synced hourly. The online store has no CMEK field in the GA provider (research/gcp-azure.md
 * §1.2), so profiles that require customer-managed keys reject it at synth.
 * Names: dataset ids [A-Za-z0-9_] ≤ 1024; Vertex AI resource ids ^[a-z_][a-z0-9_]{0,59}$ (group names are used with
 * `-` as `_`); feature ids the same, and BigQuery column names are the feature names, so they must satisfy both.
 */
import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { BigqueryTable } from '@cdktf/provider-google/lib/bigquery-table';
import { DataGoogleBigqueryDefaultServiceAccount } from '@cdktf/provider-google/lib/data-google-bigquery-default-service-account';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { VertexAiFeatureGroup } from '@cdktf/provider-google/lib/vertex-ai-feature-group';
import { VertexAiFeatureGroupFeature } from '@cdktf/provider-google/lib/vertex-ai-feature-group-feature';
import { VertexAiFeatureOnlineStore } from '@cdktf/provider-google/lib/vertex-ai-feature-online-store';
import { VertexAiFeatureOnlineStoreFeatureview } from '@cdktf/provider-google/lib/vertex-ai-feature-online-store-featureview';
import { Construct, IConstruct } from 'constructs';
import { baseName, cmekKey, ensureProvider, targetOptionIssues, gcpPlace } from './common';
import { FeatureStoreResources } from './resources';
import type { GcpTargetOptions } from './target';
import { gcpTenant } from './tenancy';
import { CostDriver, CostEstimate, estimate, fixedDriver, hourlyDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { FeatureStoreOutputs, FeatureStoreSpec } from '../../core/feature-store/spec';
import { FeatureDefinition, FeatureGroupDefinition, FeatureType } from '../../core/feature-store/types';
import { claimFeatureGroupNames, featureNamingIssues } from '../../core/feature-store/validate';
import { RendererModule } from '../../core/renderer';
import { gcpLabelIssues, gcpLabels } from '../../core/tags';
import { GCP_FIXED } from '../shared-gcp/accelerators';
import { isUnresolved as unresolvedTf, retain } from '../shared-tf/engine';

const BQ_TYPES: Record<FeatureType, { type: string; mode: string }> = {
  [FeatureType.STRING]: { type: 'STRING', mode: 'NULLABLE' },
  [FeatureType.INTEGER]: { type: 'INT64', mode: 'NULLABLE' },
  [FeatureType.FLOAT]: { type: 'FLOAT64', mode: 'NULLABLE' },
  [FeatureType.BOOLEAN]: { type: 'BOOL', mode: 'NULLABLE' },
  [FeatureType.TIMESTAMP]: { type: 'TIMESTAMP', mode: 'NULLABLE' },
  [FeatureType.FLOAT_VECTOR]: { type: 'FLOAT64', mode: 'REPEATED' },
};
/** The timestamp column Vertex AI feature groups read. */
const VERTEX_TIMESTAMP = 'feature_timestamp';
const VERTEX_ID = /^[a-z_][a-z0-9_]{0,59}$/;

/** A group's Vertex AI / BigQuery id. */
export const gcpGroupId = (name: string) => name.toLowerCase().replace(/-/g, '_');

export function validateFeatureStore(spec: FeatureStoreSpec, options: GcpTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues = [...targetOptionIssues(options, isUnresolved), ...featureNamingIssues(spec, {
    where: 'Vertex AI Feature Store and BigQuery (GCP)',
    groupName: VERTEX_ID,
    groupNameHelp: 'a group name that, lowercased with - as _, is 1-60 lowercase letters, digits and underscores starting with a letter or _',
    featureName: VERTEX_ID,
    featureNameHelp: 'a feature name of 1-60 lowercase letters, digits and underscores, starting with a letter or _ (a Vertex AI feature id and a BigQuery column)',
    unsupportedTypes: {},
    normaliseGroupName: gcpGroupId,
    groupDescription: { max: 16_384, where: 'BigQuery table' },
    featureDescription: { max: 1_024, where: 'BigQuery column' },
  }, isUnresolved)];
  // Vertex AI reads the event time as `feature_timestamp`: only the event-time feature may carry that name.
  for (const g of Array.isArray(spec.featureGroups) ? spec.featureGroups : []) {
    for (const f of Array.isArray(g?.features) ? g.features : []) {
      if (f?.name === VERTEX_TIMESTAMP && g.eventTime !== VERTEX_TIMESTAMP) {
        issues.push({
          prop: `featureGroups.${g.name}.features.${f.name}`,
          received: show(f.name),
          allowed: `a name other than ${VERTEX_TIMESTAMP} unless it is the group's eventTime (Vertex AI reserves it for the event time)`,
        });
      }
    }
  }
  if (spec.onlineTtlHours !== undefined) {
    issues.push({
      prop: 'onlineTtlHours',
      received: String(spec.onlineTtlHours),
      allowed: 'unset on GCP',
      hint: 'Vertex AI feature views serve the latest synced value; expire data in the BigQuery tables (partition expiration) instead',
    });
  }
  if (spec.onlineStore && spec.compliance.controls.customerManagedKeys) {
    issues.push({
      prop: 'onlineStore',
      received: `true under ${spec.compliance.name}`,
      allowed: 'false (serve features from the CMEK-encrypted BigQuery offline store)',
      hint: 'the Vertex AI feature online store has no customer-managed-key setting in the Terraform google provider 6.50',
    });
  }
  return issues;
}

export function renderFeatureStore(scope: IConstruct, spec: FeatureStoreSpec, options: GcpTargetOptions): FeatureStoreOutputs {
  // Vertex AI feature group names are fixed and unique per project and region.
  claimFeatureGroupNames(scope, gcpPlace(scope, options), spec.featureGroups.map((g) => [g.name, gcpGroupId(g.name)]));
  ensureProvider(scope, options);
  const c = scope as Construct;
  const labels = gcpLabels(spec.tags, unresolvedTf);
  const base = baseName(c, 30);
  const dsId = base.replace(/-/g, '_');
  const project = new DataGoogleProject(c, 'Project', { projectId: options.project });

  // CMEK for the dataset: the BigQuery service agent must be able to use the key first.
  const tenant = gcpTenant(spec.tenant, c);
  const { keyId, key } = tenant ? { keyId: tenant.keyId, key: undefined } : cmekKey(c, options, base, labels);
  const bq = new DataGoogleBigqueryDefaultServiceAccount(c, 'BigQueryAgent', { project: options.project });
  const bqKey = new KmsCryptoKeyIamMember(c, 'BigQueryKeyAccess', {
    cryptoKeyId: keyId,
    role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    member: `serviceAccount:${bq.email}`,
  });

  const dataset = new BigqueryDataset(c, 'Dataset', {
    datasetId: dsId,
    project: options.project,
    location: options.region,
    description: `Offline feature store ${c.node.path} (ai-infra-constructs)`,
    defaultEncryptionConfiguration: { kmsKeyName: keyId },
    deleteContentsOnDestroy: !spec.retainOnDelete,
    labels,
    dependsOn: [bqKey],
  });
  if (spec.retainOnDelete) retain(dataset);

  // Vertex AI reads the tables (feature view sync) through its service agent.
  new BigqueryDatasetIamMember(c, 'VertexAgentRead', {
    datasetId: dataset.datasetId,
    project: options.project,
    role: 'roles/bigquery.dataViewer',
    member: `serviceAccount:service-${project.number}@gcp-sa-aiplatform.iam.gserviceaccount.com`,
  });

  if (tenant) {
    // The tenant's workloads read and write their own offline store.
    new BigqueryDatasetIamMember(c, 'TenantDataAccess', {
      datasetId: dataset.datasetId,
      project: options.project,
      role: 'roles/bigquery.dataEditor',
      member: `serviceAccount:${tenant.serviceAccountEmail}`,
    });
  }

  const tables: Record<string, BigqueryTable> = {};
  const featureGroups: Record<string, VertexAiFeatureGroup> = {};
  const groupIds: Record<string, string> = {};
  for (const g of spec.featureGroups) {
    const gid = gcpGroupId(g.name);
    const table = new BigqueryTable(c, `Table_${gid}`, {
      datasetId: dataset.datasetId,
      project: options.project,
      tableId: gid,
      description: g.description ?? `Feature group ${g.name}`,
      schema: JSON.stringify(g.features.map((f) => column(f, g))),
      timePartitioning: { type: 'DAY', field: g.eventTime },
      clustering: [g.recordIdentifier],
      encryptionConfiguration: { kmsKeyName: keyId },
      deletionProtection: spec.retainOnDelete,
      labels,
    });
    if (spec.retainOnDelete) retain(table);
    tables[g.name] = table;

    // Vertex AI feature groups read `feature_timestamp`: expose the event time under that name through a view.
    let source = `bq://${options.project}.${dsId}.${gid}`;
    if (g.eventTime !== VERTEX_TIMESTAMP) {
      new BigqueryTable(c, `VertexView_${gid}`, {
        datasetId: dataset.datasetId,
        project: options.project,
        tableId: `${gid}_vertex`,
        description: `Feature group ${g.name} as Vertex AI reads it (${g.eventTime} AS ${VERTEX_TIMESTAMP})`,
        view: { query: `SELECT *, ${g.eventTime} AS ${VERTEX_TIMESTAMP} FROM \`${options.project}.${dsId}.${gid}\``, useLegacySql: false },
        deletionProtection: false, // a view holds no data
        labels,
        dependsOn: [table],
      });
      source = `bq://${options.project}.${dsId}.${gid}_vertex`;
    }
    const fg = new VertexAiFeatureGroup(c, `FeatureGroup_${gid}`, {
      name: gid,
      project: options.project,
      region: options.region,
      description: g.description ?? `Feature group ${g.name}`,
      labels,
      bigQuery: { bigQuerySource: { inputUri: source }, entityIdColumns: [g.recordIdentifier] },
      dependsOn: [table],
    });
    featureGroups[g.name] = fg;
    groupIds[g.name] = fg.id;
    // One reference for all the group's features: each read of an attribute makes a new token (a stack trace apiece).
    const groupName = fg.name;
    for (const f of valueFeatures(g)) {
      new VertexAiFeatureGroupFeature(c, `Feature_${gid}_${f.name}`, {
        name: f.name,
        featureGroup: groupName,
        project: options.project,
        region: options.region,
        versionColumnName: f.name,
        description: f.description,
        labels,
      });
    }
  }

  let onlineStore: VertexAiFeatureOnlineStore | undefined;
  if (spec.onlineStore) {
    onlineStore = new VertexAiFeatureOnlineStore(c, 'OnlineStore', {
      name: `${dsId}_online`.slice(0, 60),
      project: options.project,
      region: options.region,
      optimized: {},
      dedicatedServingEndpoint: spec.compliance.controls.privateNetworking
        ? { privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlist: [options.project] } }
        : undefined,
      forceDestroy: !spec.retainOnDelete,
      labels,
    });
    for (const g of spec.featureGroups) {
      const gid = gcpGroupId(g.name);
      new VertexAiFeatureOnlineStoreFeatureview(c, `FeatureView_${gid}`, {
        name: gid,
        project: options.project,
        region: options.region,
        featureOnlineStore: onlineStore.name,
        featureRegistrySource: { featureGroups: [{ featureGroupId: featureGroups[g.name].name, featureIds: valueFeatures(g).map((f) => f.name) }] },
        syncConfig: { cron: '0 * * * *' },
        labels,
      });
    }
  }

  FeatureStoreResources._attach(c, new FeatureStoreResources({ dataset, tables, featureGroups, onlineStore, cryptoKey: key }));
  return { storeId: dataset.id, groupIds };
}

export function estimateFeatureStore(spec: FeatureStoreSpec, options: GcpTargetOptions): CostEstimate {
  const drivers: CostDriver[] = [];
  if (!options.kmsKeyName) {
    const k = GCP_FIXED.kmsKeyVersionMonthlyUsd;
    drivers.push(fixedDriver('Cloud KMS key version', k.usd, k.source, k.asOf, k.region));
  }
  const assumptions = [
    'BigQuery storage and queries (feature view syncs, training reads) are usage-priced and not included',
  ];
  if (spec.onlineStore) {
    drivers.push(hourlyDriver('Vertex AI feature online store (Optimized) node', 1, 1,
      GCP_FIXED.vertexOnlineStoreNode));
  }
  return estimate(drivers, assumptions);
}

function column(f: FeatureDefinition, g: FeatureGroupDefinition) {
  const t = BQ_TYPES[f.type];
  const required = f.name === g.recordIdentifier || f.name === g.eventTime;
  return { name: f.name, type: t.type, mode: required ? 'REQUIRED' : t.mode, description: f.description };
}

/** The features Vertex AI serves: everything but the entity id and the event time. */
function valueFeatures(g: FeatureGroupDefinition): FeatureDefinition[] {
  return g.features.filter((f) => f.name !== g.recordIdentifier && f.name !== g.eventTime);
}

/** The FeatureStore renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<FeatureStoreSpec, ReturnType<typeof renderFeatureStore>, GcpTargetOptions> = {
  validate: (spec, options, isUnresolved) => [...validateFeatureStore(spec, options, isUnresolved), ...gcpLabelIssues(spec.tags, isUnresolved)],
  render: renderFeatureStore,
  estimate: (spec, options) => estimateFeatureStore(spec, options),
};
