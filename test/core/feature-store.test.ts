/**
 * Cloud-neutral FeatureStore checks, schema locks and tenant wiring.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComplianceProfile, FeatureGroupDefinition, FeatureStore, FeatureStoreProps, FeatureType, SecureTenant } from '../../src';
import { CUSTOMERS, ORDERS } from '../feature-store-fixtures';
import { ROOT, runTs } from '../ts-child';
import { synthAws, synthAwsTf, synthAzure, synthGcp, validationError } from '../util';

const builders = [
  ['AWS', (p: any) => synthAws((s) => new FeatureStore(s, 'F', p))],
  ['GCP', (p: any) => synthGcp((s) => new FeatureStore(s, 'F', p))],
  ['Azure', (p: any) => synthAzure((s) => new FeatureStore(s, 'F', p))],
] as const;
const group = (over: Partial<FeatureGroupDefinition>): FeatureGroupDefinition => ({ ...CUSTOMERS, ...over });

describe.each(builders)('FeatureStore input checks (%s)', (_cloud, build) => {
  test.each<[string, any, string]>([
    ['no groups', { featureGroups: [] }, 'featureGroups'],
    ['groups not an array', { featureGroups: 'customers' }, 'featureGroups'],
    ['duplicate group names', { featureGroups: [CUSTOMERS, CUSTOMERS] }, 'featureGroups.customer-profile.name'],
    ['duplicate feature names', { featureGroups: [group({ features: [...CUSTOMERS.features, { name: 'orders_30d', type: FeatureType.FLOAT }] })] }, 'featureGroups.customer-profile.features.orders_30d'],
    ['feature names differing only in case', { featureGroups: [group({ features: [...CUSTOMERS.features, { name: 'Orders_30d', type: FeatureType.FLOAT }] })] }, 'featureGroups.customer-profile.features.Orders_30d'],
    ['record identifier missing from features', { featureGroups: [group({ recordIdentifier: 'user_id' })] }, 'featureGroups.customer-profile.recordIdentifier'],
    ['event time missing from features', { featureGroups: [group({ eventTime: 'ts' })] }, 'featureGroups.customer-profile.eventTime'],
    ['event time not a TIMESTAMP', { featureGroups: [group({ eventTime: 'orders_30d' })] }, 'featureGroups.customer-profile.eventTime'],
    ['record identifier a FLOAT', { featureGroups: [group({ recordIdentifier: 'lifetime_value' })] }, 'featureGroups.customer-profile.recordIdentifier'],
    ['an unknown feature type', { featureGroups: [group({ features: [...CUSTOMERS.features, { name: 'blob', type: 'bytes' as FeatureType }] })] }, 'featureGroups.customer-profile.features.blob.type'],
    ['no features', { featureGroups: [group({ features: [] })] }, 'featureGroups.customer-profile.features'],
    ['neither store', { featureGroups: [CUSTOMERS], onlineStore: false, offlineStore: false }, 'offlineStore'],
    ['TTL without an online store', { featureGroups: [CUSTOMERS], onlineStore: false, onlineTtlHours: 5 }, 'onlineTtlHours'],
    ['retainOnDelete as a string', { featureGroups: [CUSTOMERS], retainOnDelete: 'no' }, 'retainOnDelete'],
    ['a group description that is not a string', { featureGroups: [group({ description: 42 as any })] }, 'featureGroups.customer-profile.description'],
    ['a feature description that is not a string', { featureGroups: [group({ features: [...CUSTOMERS.features, { name: 'x', type: FeatureType.FLOAT, description: ['a'] as any }] })] }, 'featureGroups.customer-profile.features.x.description'],
  ])('%s', (_name, props, prop) => {
    const e = validationError(() => build(props));
    expect(e.issues.map((i) => i.prop)).toContain(prop);
  });

  test('no props', () => {
    expect(validationError(() => build(undefined)).issues[0].prop).toBe('props');
  });

  test('each repeated feature name is reported once, naming the first feature it collides with', () => {
    const features = [...CUSTOMERS.features, { name: 'Orders_30D', type: FeatureType.FLOAT }, { name: 'orders_30d', type: FeatureType.FLOAT }, { name: 'ORDERS_30d', type: FeatureType.FLOAT }];
    const dups = validationError(() => build({ featureGroups: [group({ features })] })).issues.filter((i) => /second feature/.test(i.received));
    expect(dups.map((i) => [i.prop, i.received])).toEqual([
      ['featureGroups.customer-profile.features.Orders_30D', 'a second feature named "Orders_30D" (collides with "orders_30d")'],
      ['featureGroups.customer-profile.features.orders_30d', 'a second feature named "orders_30d"'],
      ['featureGroups.customer-profile.features.ORDERS_30d', 'a second feature named "ORDERS_30d" (collides with "orders_30d")'],
    ]);
  });
});

describe('description lengths: what each store takes (found by the fuzzer: AWS via Terraform synthesized 200 characters, and the deploy would fail)', () => {
  const long = (n: number) => 'd'.repeat(n);
  test.each<[string, (p: any) => unknown]>([
    ['AWS', (p) => synthAws((s) => new FeatureStore(s, 'F', p))],
    ['AWS via Terraform', (p) => synthAwsTf((s) => new FeatureStore(s, 'F', p))],
  ])('%s: a group description of at most 128 characters (SageMaker FeatureGroup)', (_cloud, build) => {
    expect(() => build({ featureGroups: [group({ description: long(128) })] })).not.toThrow();
    expect(validationError(() => build({ featureGroups: [group({ description: long(129) })] })).issues).toEqual([{
      prop: 'featureGroups.customer-profile.description', received: '129 characters', allowed: 'at most 128 characters (the SageMaker FeatureGroup description)',
    }]);
  });

  test('GCP: a feature description of at most 1,024 characters (BigQuery column), a group description of at most 16,384 (BigQuery table)', () => {
    const build = (p: any) => synthGcp((s) => new FeatureStore(s, 'F', { onlineStore: false, ...p }));
    const feature = (n: number) => group({ features: CUSTOMERS.features.map((f, i) => (i === 0 ? { ...f, description: long(n) } : f)) });
    const at = `featureGroups.customer-profile.features.${CUSTOMERS.features[0].name}.description`;
    expect(() => build({ featureGroups: [feature(1024)] })).not.toThrow();
    expect(validationError(() => build({ featureGroups: [feature(1025)] })).issues).toEqual([{ prop: at, received: '1025 characters', allowed: 'at most 1,024 characters (the BigQuery column description)' }]);
    expect(() => build({ featureGroups: [group({ description: long(16_384) })] })).not.toThrow();
    expect(validationError(() => build({ featureGroups: [group({ description: long(16_385) })] })).issues[0].prop).toBe('featureGroups.customer-profile.description');
  });
});

describe('schema lock file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-lock-'));
  const file = path.join(dir, 'features.lock.json');
  const synth = (props: Partial<FeatureStoreProps>) => synthAws((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS, ORDERS], schemaLockFile: file, ...props }));

  test('the first synth writes the lock (stable, sorted)', () => {
    synth({});
    const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(lock).toEqual({
      version: 1,
      onlineStore: true,
      tenant: null,
      featureGroups: {
        'customer-profile': { recordIdentifier: 'customer_id', eventTime: 'event_time', features: { customer_id: 'string', event_time: 'timestamp', lifetime_value: 'float', orders_30d: 'integer' } },
        'orders': { recordIdentifier: 'order_id', eventTime: 'feature_timestamp', features: { basket_size: 'integer', feature_timestamp: 'timestamp', order_id: 'integer' } },
      },
    });
  });

  test('a lock checked out with CRLF line endings (git autocrlf) is read, and not rewritten when unchanged', () => {
    synth({});
    const crlf = fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n');
    fs.writeFileSync(file, crlf);
    synth({});
    expect(fs.readFileSync(file, 'utf8')).toBe(crlf);
    // A change a cloud cannot apply in place is still caught from the CRLF file.
    expect(validationError(() => synth({ featureGroups: [ORDERS] })).issues[0].prop).toMatch(/featureGroups/);
    fs.writeFileSync(file, crlf.replace(/\r\n/g, '\n'));
  });

  test('adding a feature is allowed and updates the lock', () => {
    synth({ featureGroups: [{ ...CUSTOMERS, features: [...CUSTOMERS.features, { name: 'churn_risk', type: FeatureType.FLOAT }] }, ORDERS] });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).featureGroups['customer-profile'].features.churn_risk).toBe('float');
  });

  test('dropping a feature, changing a type or a key, or removing a group fails until the lock confirms it', () => {
    const e = validationError(() => synth({
      featureGroups: [{ ...CUSTOMERS, recordIdentifier: 'orders_30d', features: CUSTOMERS.features.map((f) => (f.name === 'lifetime_value' ? { ...f, type: FeatureType.STRING } : f)) }],
    }));
    expect(e.issues.map((i) => i.prop).sort()).toEqual([
      'featureGroups',
      'featureGroups.customer-profile.features', // churn_risk dropped
      'featureGroups.customer-profile.features.lifetime_value',
      'featureGroups.customer-profile.recordIdentifier',
    ]);
    expect(e.message).toMatch(/edit the lock file/);
  });

  test('on AWS, changing online-store settings would replace the groups: rejected', () => {
    const e = validationError(() => synth({ featureGroups: [{ ...CUSTOMERS, features: [...CUSTOMERS.features, { name: 'churn_risk', type: FeatureType.FLOAT }] }, ORDERS], onlineTtlHours: 24 }));
    expect(e.issues[0]).toMatchObject({ prop: 'onlineTtlHours' });
    expect(e.issues[0].hint).toMatch(/replace/);
  });

  test('on AWS, changing the tenant (whose key encrypts the groups) would replace them: rejected; an older lock without the entry is not checked', () => {
    const own = path.join(dir, 'tenant.lock.json');
    const withTenant = (tenantId?: string) => () => synthAws((s) => new FeatureStore(s, 'F', {
      featureGroups: [CUSTOMERS], schemaLockFile: own, tenant: tenantId ? new SecureTenant(s, 'T', { tenantId }) : undefined,
    }));
    withTenant()();
    expect(JSON.parse(fs.readFileSync(own, 'utf8')).tenant).toBeNull();
    const e = validationError(withTenant('acme'));
    expect(e.issues).toEqual([expect.objectContaining({ prop: 'tenant', received: 'acme (locked: none)', hint: expect.stringMatching(/KmsKeyId replaces them/) })]);
    // A lock written before the tenant was recorded has no entry: nothing to compare, and the next synth records it.
    const locked = JSON.parse(fs.readFileSync(own, 'utf8'));
    delete locked.tenant;
    fs.writeFileSync(own, JSON.stringify(locked, null, 2));
    withTenant('acme')();
    expect(JSON.parse(fs.readFileSync(own, 'utf8')).tenant).toBe('acme');
    expect(validationError(withTenant('globex')).issues[0]).toMatchObject({ prop: 'tenant', received: 'globex (locked: acme)' });
    // GCP changes the dataset's default key in place: no issue there.
    expect(() => synthGcp((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], schemaLockFile: own }))).not.toThrow();
  });

  test('the lock is the same whatever the machine\'s locale', () => {
    // Each locale in a child process: the default locale is fixed when a process starts. Danish collation puts "aa"
    // after "z", Estonian "z" after "s", Lithuanian "y" after "i".
    const spec = {
      onlineStore: true,
      featureGroups: [
        { name: 'zeta', features: ['zip', 'aa_score', 'yx', 'ix', 'tz', 'sz', 'f_1', 'f1'].map((name) => ({ name, type: 'string' })) },
        { name: 'aa-group', features: [{ name: 'id', type: 'string' }] },
      ],
    };
    const lockIn = (locale: string) => runTs(`
      const { lockOf } = require(${JSON.stringify(path.join(ROOT, 'src', 'core', 'feature-store', 'schema-lock'))});
      process.stdout.write(JSON.stringify(lockOf(${JSON.stringify(spec)})));`, { LC_ALL: locale, LANG: locale });
    const en = lockIn('en_US.UTF-8');
    expect(Object.keys(JSON.parse(en).featureGroups.zeta.features)).toEqual(['aa_score', 'f_1', 'f1', 'ix', 'sz', 'tz', 'yx', 'zip']);
    for (const locale of ['da_DK.UTF-8', 'et_EE.UTF-8', 'lt_LT.UTF-8', 'C.UTF-8']) expect(lockIn(locale)).toBe(en);
  });

  test('a file that is not a lock is reported', () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"hello": 1}');
    expect(validationError(() => synthAws((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], schemaLockFile: bad }))).issues[0]).toMatchObject({ prop: 'schemaLockFile' });
  });
});

describe('tenant wiring', () => {
  const tenant = (scope: any) => Object.assign(Object.create(null), { tenantId: 'acme', costCenter: 'cc-7', compliance: ComplianceProfile.SOC2, node: scope.node });

  test('AWS: the tenant profile and cost tags apply', () => {
    const t = synthAws((s) => {
      const f = new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], tenant: tenant(s) });
      expect(f.compliance).toBe(ComplianceProfile.SOC2);
    });
    const g = Object.values<any>(t.toJSON().Resources).find((r) => r.Type === 'AWS::SageMaker::FeatureGroup');
    expect(g.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'tenant', Value: 'acme' }, { Key: 'cost-center', Value: 'cc-7' }]));
  });

  test('GCP: the tenant\'s SOC2 profile (customer-managed keys) rejects the online store without CMEK', () => {
    const e = validationError(() => synthGcp((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], tenant: tenant(s) })));
    expect(e.issues[0]).toMatchObject({ prop: 'onlineStore', received: 'true under SOC2' });
    const j = synthGcp((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], tenant: tenant(s), onlineStore: false }));
    expect(Object.values<any>(j.resource.google_bigquery_dataset)[0].labels).toMatchObject({ 'tenant': 'acme', 'cost-center': 'cc-7' });
  });

  test('Azure: the tenant\'s profile encrypts the workspace with the customer-managed key', () => {
    const j = synthAzure((s) => new FeatureStore(s, 'F', { featureGroups: [CUSTOMERS], tenant: tenant(s) }));
    const ws = Object.values<any>(j.resource.azurerm_machine_learning_workspace)[0];
    expect(ws.encryption).toBeDefined();
    expect(ws.tags).toMatchObject({ 'tenant': 'acme', 'cost-center': 'cc-7' });
  });
});
