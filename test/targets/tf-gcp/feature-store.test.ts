import { ComplianceProfile, FeatureStore, FeatureStoreProps, FeatureType, tfgcp } from '../../../src';
import { CUSTOMERS, ORDERS, withFeature } from '../../feature-store-fixtures';
import { all, only, synthGcp, TfJson, validationError } from '../../util';

const find = (json: TfJson, type: string, pred: (r: any) => boolean) => all(json, type).find(pred);

describe('FeatureStore on GCP (defaults)', () => {
  let store!: FeatureStore;
  const json = synthGcp((s) => {
    store = new FeatureStore(s, 'Features', { featureGroups: [CUSTOMERS, ORDERS], tags: { Domain: 'Growth' } });
  });
  const dataset = only(json, 'google_bigquery_dataset');
  const customers = find(json, 'google_bigquery_table', (t) => t.table_id === 'customer_profile');

  test('a CMEK BigQuery dataset, retained, contents never deleted on destroy; the BigQuery agent can use the key first', () => {
    expect(dataset.default_encryption_configuration).toEqual({ kms_key_name: expect.stringMatching(/^\$\{google_kms_crypto_key\..+\.id\}$/) });
    expect(dataset.lifecycle).toEqual({ prevent_destroy: true });
    expect(dataset.delete_contents_on_destroy).toBe(false);
    expect(dataset.location).toBe('us-central1');
    expect(only(json, 'google_kms_crypto_key_iam_member').member).toMatch(/^serviceAccount:\$\{data\.google_bigquery_default_service_account\..+\.email\}$/);
    expect(dataset.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\./)]);
    expect(only(json, 'google_kms_crypto_key')).toMatchObject({ rotation_period: '7776000s', lifecycle: { prevent_destroy: true } });
  });

  test('one typed, partitioned, clustered, CMEK, deletion-protected table per group', () => {
    expect(JSON.parse(customers.schema)).toEqual([
      { name: 'customer_id', type: 'STRING', mode: 'REQUIRED' },
      { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
      { name: 'lifetime_value', type: 'FLOAT64', mode: 'NULLABLE', description: 'Revenue to date, USD' },
      { name: 'orders_30d', type: 'INT64', mode: 'NULLABLE' },
    ]);
    expect(customers).toMatchObject({
      time_partitioning: { type: 'DAY', field: 'event_time' },
      clustering: ['customer_id'],
      encryption_configuration: { kms_key_name: dataset.default_encryption_configuration.kms_key_name },
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('Vertex AI feature groups over the tables (through a feature_timestamp view when needed), with one feature per value column', () => {
    const fgCustomers = find(json, 'google_vertex_ai_feature_group', (g) => g.name === 'customer_profile');
    expect(fgCustomers.big_query).toEqual({ big_query_source: { input_uri: 'bq://my-proj.features_c860a9dd.customer_profile_vertex' }, entity_id_columns: ['customer_id'] });
    const view = find(json, 'google_bigquery_table', (t) => t.table_id === 'customer_profile_vertex');
    expect(view.view.query).toMatch(/SELECT \*, event_time AS feature_timestamp FROM `my-proj\.features_c860a9dd\.customer_profile`/);
    // A group whose event time is already feature_timestamp reads its table directly.
    const fgOrders = find(json, 'google_vertex_ai_feature_group', (g) => g.name === 'orders');
    expect(fgOrders.big_query.big_query_source.input_uri).toBe('bq://my-proj.features_c860a9dd.orders');
    expect(all(json, 'google_vertex_ai_feature_group_feature').map((f) => f.name).sort()).toEqual(['basket_size', 'lifetime_value', 'orders_30d']);
  });

  test('an optimized online store with a feature view per group, synced hourly; Vertex AI may read the dataset', () => {
    const online = only(json, 'google_vertex_ai_feature_online_store');
    expect(online.optimized).toEqual({});
    expect(online.force_destroy).toBe(false);
    const views = all(json, 'google_vertex_ai_feature_online_store_featureview');
    expect(views).toHaveLength(2);
    expect(find(json, 'google_vertex_ai_feature_online_store_featureview', (v) => v.name === 'customer_profile')).toMatchObject({
      sync_config: { cron: '0 * * * *' },
      feature_registry_source: { feature_groups: [{ feature_ids: ['lifetime_value', 'orders_30d'] }] },
    });
    expect(only(json, 'google_bigquery_dataset_iam_member')).toMatchObject({ role: 'roles/bigquery.dataViewer', member: expect.stringMatching(/gcp-sa-aiplatform/) });
  });

  test('labels normalised on the dataset, tables, key, feature groups and online store', () => {
    const labels = { 'workload': 'features', 'managed-by': 'ai-infra-constructs', 'domain': 'growth' };
    for (const t of ['google_bigquery_dataset', 'google_bigquery_table', 'google_kms_crypto_key', 'google_vertex_ai_feature_group',
      'google_vertex_ai_feature_group_feature', 'google_vertex_ai_feature_online_store', 'google_vertex_ai_feature_online_store_featureview']) {
      for (const r of all(json, t)) expect(r.labels).toEqual(labels);
    }
    expect(Object.keys(store.featureGroupIds)).toEqual(['customer-profile', 'orders']); // tokens resolving to the Vertex AI ids
  });

  test('retainOnDelete: false drops prevent_destroy and deletion protection explicitly', () => {
    const j = synthGcp((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], retainOnDelete: false }));
    expect(only(j, 'google_bigquery_dataset').lifecycle).toBeUndefined();
    expect(only(j, 'google_bigquery_dataset').delete_contents_on_destroy).toBe(true);
    expect(find(j, 'google_bigquery_table', (t) => t.table_id === 'customer_profile').deletion_protection).toBe(false);
    expect(only(j, 'google_vertex_ai_feature_online_store').force_destroy).toBe(true);
  });

  test('offline only: no online store or views; an existing key from the target', () => {
    const j = synthGcp((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], onlineStore: false, compliance: ComplianceProfile.HIPAA }),
      { kmsKeyName: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k' });
    expect(j.resource.google_vertex_ai_feature_online_store).toBeUndefined();
    expect(j.resource.google_kms_crypto_key).toBeUndefined();
    expect(only(j, 'google_bigquery_dataset').default_encryption_configuration.kms_key_name).toBe('projects/p/locations/us-central1/keyRings/r/cryptoKeys/k');
  });

  test('escape hatch', () => {
    synthGcp((s) => {
      const f = new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS] });
      expect(Object.keys(tfgcp.FeatureStoreResources.of(f).resources.tables)).toEqual(['customer-profile']);
    });
  });
});

describe('FeatureStore on GCP: validation', () => {
  const fails = (props: Partial<FeatureStoreProps>) => validationError(() => synthGcp((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], ...props })));

  test('the online store has no CMEK: profiles that require customer-managed keys say to turn it off', () => {
    const e = fails({ compliance: ComplianceProfile.HIPAA });
    expect(e.issues[0]).toMatchObject({ prop: 'onlineStore', received: 'true under HIPAA' });
  });
  test('TTL is not a GCP setting', () => {
    expect(fails({ onlineTtlHours: 24 }).issues[0]).toMatchObject({ prop: 'onlineTtlHours' });
  });
  test('feature names must be Vertex AI ids and BigQuery columns', () => {
    expect(fails({ featureGroups: [withFeature(FeatureType.STRING, 'OrderCount')] }).issues[0]).toMatchObject({ prop: 'featureGroups.customer-profile.features.OrderCount' });
    expect(fails({ featureGroups: [withFeature(FeatureType.STRING, 'feature_timestamp')] }).issues[0].allowed).toMatch(/reserves it for the event time/);
  });
  test('vectors and booleans are fine on BigQuery', () => {
    const j = synthGcp((s) => new FeatureStore(s, 'F', { featureGroups: [{ ...withFeature(FeatureType.FLOAT_VECTOR, 'embedding'), features: [...withFeature(FeatureType.FLOAT_VECTOR, 'embedding').features, { name: 'active', type: FeatureType.BOOLEAN }] }] }));
    const schema = JSON.parse(find(j, 'google_bigquery_table', (t) => t.table_id === 'customer_profile').schema);
    expect(schema).toEqual(expect.arrayContaining([{ name: 'embedding', type: 'FLOAT64', mode: 'REPEATED' }, { name: 'active', type: 'BOOL', mode: 'NULLABLE' }]));
  });
});
