/**
 * The type of a feature's values, cloud-neutral. Each target maps it to its store's type, and a type a target's
 * store cannot hold fails at synth naming the alternative.
 *
 * | FeatureType | AWS SageMaker | GCP BigQuery / Vertex AI | Azure ML feature store |
 * |---|---|---|---|
 * | STRING | String | STRING | string |
 * | INTEGER | Integral | INT64 | long |
 * | FLOAT | Fractional | FLOAT64 | double |
 * | BOOLEAN | not supported | BOOL | boolean |
 * | TIMESTAMP | String (ISO-8601) | TIMESTAMP | datetime |
 * | FLOAT_VECTOR | not supported (Standard online store) | ARRAY<FLOAT64> | not supported |
 */
export enum FeatureType {
  /** Text. */
  STRING = 'string',
  /** 64-bit integer. */
  INTEGER = 'integer',
  /** 64-bit floating point. */
  FLOAT = 'float',
  /** True or false. */
  BOOLEAN = 'boolean',
  /** A point in time (the event-time feature must have this type). */
  TIMESTAMP = 'timestamp',
  /** A list of 64-bit floats (embeddings). */
  FLOAT_VECTOR = 'float_vector',
}

/**
 * One feature (a column) of a feature group.
 */
export interface FeatureDefinition {
  /** Feature name (a column name in the offline store). */
  readonly name: string;
  /** Value type. */
  readonly type: FeatureType;
  /**
   * What the feature means. Rendered on GCP (the BigQuery column's and the Vertex AI feature's description, at most
   * 1,024 characters); SageMaker and Azure ML features have no description.
   * @default - none
   */
  readonly description?: string;
}

/**
 * A typed feature group: the features of one entity, keyed by a record identifier and versioned by event time.
 */
export interface FeatureGroupDefinition {
  /** Group name (the SageMaker FeatureGroup name; the Vertex AI feature group and BigQuery table id, with `-` as `_`). */
  readonly name: string;
  /** The feature that identifies a record (STRING or INTEGER). Must be one of `features`. */
  readonly recordIdentifier: string;
  /** The feature holding each record's event time (TIMESTAMP). Must be one of `features`. */
  readonly eventTime: string;
  /** Every feature of the group, including the record identifier and the event time. */
  readonly features: FeatureDefinition[];
  /**
   * What the group describes: at most 128 characters on AWS (the SageMaker FeatureGroup's description), 16,384 on GCP
   * (the BigQuery table's).
   * @default - none
   */
  readonly description?: string;
}
