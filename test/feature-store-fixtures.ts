import { FeatureGroupDefinition, FeatureType } from '../src';

/** A feature group valid on every cloud. */
export const CUSTOMERS: FeatureGroupDefinition = {
  name: 'customer-profile',
  recordIdentifier: 'customer_id',
  eventTime: 'event_time',
  features: [
    { name: 'customer_id', type: FeatureType.STRING },
    { name: 'event_time', type: FeatureType.TIMESTAMP },
    { name: 'lifetime_value', type: FeatureType.FLOAT, description: 'Revenue to date, USD' },
    { name: 'orders_30d', type: FeatureType.INTEGER },
  ],
};

export const ORDERS: FeatureGroupDefinition = {
  name: 'orders',
  recordIdentifier: 'order_id',
  eventTime: 'feature_timestamp',
  features: [
    { name: 'order_id', type: FeatureType.INTEGER },
    { name: 'feature_timestamp', type: FeatureType.TIMESTAMP },
    { name: 'basket_size', type: FeatureType.INTEGER },
  ],
};

/** A group with one extra feature of `type`. */
export function withFeature(type: FeatureType, name = 'extra'): FeatureGroupDefinition {
  return { ...CUSTOMERS, features: [...CUSTOMERS.features, { name, type }] };
}
