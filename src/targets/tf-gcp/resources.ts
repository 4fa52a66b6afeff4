import type { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import type { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { VertexAiEndpointWithModelGardenDeployment } from '@cdktf/provider-google/lib/vertex-ai-endpoint-with-model-garden-deployment';
import { IConstruct } from 'constructs';
import { attachResources, resourcesOf } from '../../core/escape-hatch';

const RESOURCES = Symbol.for('ai-infra-constructs.tf-gcp.InferenceEndpointResources');

/**
 * Fields of `InferenceEndpointResources` (GCP).
 */
export interface InferenceEndpointResourcesProps {
  /**
   * The Cloud Run v2 service (`ModelSource.container`).
   * @default - none
   */
  readonly cloudRunService?: CloudRunV2Service;
  /**
   * The Vertex AI endpoint with its Model Garden deployment (`ModelSource.huggingFace`).
   * @default - none
   */
  readonly vertexEndpoint?: VertexAiEndpointWithModelGardenDeployment;
  /**
   * The dedicated service account (Cloud Run).
   * @default - none
   */
  readonly serviceAccount?: ServiceAccount;
  /**
   * The CMEK key created for the endpoint.
   * @default - none (an existing key from the target options, or no CMEK)
   */
  readonly cryptoKey?: KmsCryptoKey;
}

/**
 * Typed access to the Google Cloud resources behind an `InferenceEndpoint` (escape hatch).
 */
export class InferenceEndpointResources {
  /** The resources of an endpoint rendered to GCP. */
  public static of(endpoint: IConstruct): InferenceEndpointResources {
    return resourcesOf<InferenceEndpointResources>(endpoint, RESOURCES, 'an InferenceEndpoint rendered to GCP');
  }

  /** @internal */
  public static _attach(endpoint: IConstruct, r: InferenceEndpointResources): void {
    attachResources(endpoint, RESOURCES, r);
  }

  /** The resources. */
  public readonly resources: InferenceEndpointResourcesProps;

  constructor(props: InferenceEndpointResourcesProps) {
    this.resources = props;
  }
}
