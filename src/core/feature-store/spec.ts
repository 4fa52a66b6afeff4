import { ComplianceProfile } from '../compliance';
import { ISecureTenant } from '../tenant';
import { FeatureGroupDefinition } from './types';

/**
 * The schema recorded in a lock file: what was last synthesized, to catch changes the clouds cannot apply in place.
 * @internal
 */
export interface LockedSchema {
  readonly version: 1;
  readonly onlineStore: boolean;
  readonly onlineTtlHours?: number;
  /**
   * The tenant whose key encrypts the store (null: none). Absent in locks written before it was recorded: not checked.
   */
  readonly tenant?: string | null;
  readonly featureGroups: Record<string, { recordIdentifier: string; eventTime: string; features: Record<string, string> }>;
}

/**
 * The fully-defaulted description of a feature store that renderers read (never the props).
 * @internal
 */
export interface FeatureStoreSpec {
  readonly featureGroups: FeatureGroupDefinition[];
  readonly onlineStore: boolean;
  readonly offlineStore: boolean;
  readonly onlineTtlHours?: number;
  readonly dataCatalog: boolean;
  readonly retainOnDelete: boolean;
  readonly compliance: ComplianceProfile;
  readonly tags: Record<string, string>;
  readonly tenant?: ISecureTenant;
  /** The previously locked schema, when a lock file exists. */
  readonly previousSchema?: LockedSchema;
}

/** @internal */
export interface FeatureStoreOutputs {
  /** Cloud id of the store: the offline bucket ARN (AWS), the BigQuery dataset id (GCP), the feature store workspace id (Azure). */
  readonly storeId: string;
  /** Per group: the cloud id of the group (FeatureGroup ARN, Vertex AI feature group id, Azure ML entity id). */
  readonly groupIds: Record<string, string>;
}
