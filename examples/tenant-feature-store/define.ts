/**
 * A tenant's feature store, defined once: customer and transaction features with an online store for serving and an
 * offline store for training, retained on delete and guarded by a schema lock. The same function renders to
 * SageMaker Feature Store, Vertex AI Feature Store over BigQuery, and the Azure ML managed feature store.
 */
import * as path from 'path';
import { Construct } from 'constructs';
import { ComplianceProfile, FeatureStore, FeatureType } from '../../src';

export function define(scope: Construct, cloud: 'aws' | 'gcp' | 'azure'): FeatureStore {
  return new FeatureStore(scope, 'RiskFeatures', {
    featureGroups: [
      {
        name: 'customer-profile',
        description: 'Slowly changing customer attributes',
        recordIdentifier: 'customer_id',
        eventTime: 'event_time',
        features: [
          { name: 'customer_id', type: FeatureType.STRING },
          { name: 'event_time', type: FeatureType.TIMESTAMP },
          { name: 'account_age_days', type: FeatureType.INTEGER },
          { name: 'lifetime_value', type: FeatureType.FLOAT, description: 'Revenue to date, USD' },
          { name: 'country', type: FeatureType.STRING },
        ],
      },
      {
        name: 'card-activity',
        description: 'Rolling card transaction aggregates',
        recordIdentifier: 'card_id',
        eventTime: 'event_time',
        features: [
          { name: 'card_id', type: FeatureType.STRING },
          { name: 'event_time', type: FeatureType.TIMESTAMP },
          { name: 'txn_count_1h', type: FeatureType.INTEGER },
          { name: 'txn_amount_24h', type: FeatureType.FLOAT },
          { name: 'distinct_merchants_7d', type: FeatureType.INTEGER },
        ],
      },
    ],
    // The Vertex AI online store has no customer-managed key in Terraform: under profiles that require one, GCP serves
    // features from the CMEK-encrypted BigQuery offline store only.
    onlineStore: !(cloud === 'gcp' && ComplianceProfile.of(scope).controls.customerManagedKeys),
    // Online records expire after a week on AWS (the only cloud where the store itself has a TTL).
    onlineTtlHours: cloud === 'aws' ? 168 : undefined,
    // Synth fails on changes the clouds cannot apply in place (dropped features, changed types or keys).
    schemaLockFile: path.join(__dirname, `features.${cloud}.lock.json`),
    tags: { domain: 'risk' },
  });
}
