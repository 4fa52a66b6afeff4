/**
 * LLM serving, defined once: a chat model from your own vLLM container that scales to zero, and a Hugging Face
 * model on the cloud's managed serving stack. The same `define()` renders to AWS, GCP and Azure.
 */
import { Construct } from 'constructs';
import { Accelerator, ComplianceProfile, InferenceEndpoint, ModelSource } from '../../src';

export interface LlmServingOptions {
  /** The cloud the scope renders to (some model paths differ per cloud). */
  readonly cloud: 'aws' | 'gcp' | 'azure';
}

export function define(scope: Construct, options: LlmServingOptions): InferenceEndpoint[] {
  const endpoints: InferenceEndpoint[] = [];

  // A container you built (vLLM). On AWS it must live in ECR; GCP/Azure pull from their registries.
  const image = {
    aws: '123456789012.dkr.ecr.us-east-1.amazonaws.com/vllm-openai:v0.6.3',
    gcp: 'us-docker.pkg.dev/my-ml-project/serving/vllm-openai:v0.6.3',
    azure: 'mlprodacr.azurecr.io/serving/vllm-openai:v0.6.3',
  }[options.cloud];

  endpoints.push(new InferenceEndpoint(scope, 'Chat', {
    model: ModelSource.container({
      image,
      modelDataUri: options.cloud === 'aws' ? 's3://my-ml-models/llama-3.1-8b-instruct/' : undefined,
      environment: { MODEL_ID: 'meta-llama/Llama-3.1-8B-Instruct', MAX_MODEL_LEN: '8192' },
      port: 8080,
    }),
    accelerator: options.cloud === 'azure' ? Accelerator.NVIDIA_A100_80GB : Accelerator.NVIDIA_L4,
    // Scale to zero where the cloud supports it (Azure ML managed endpoints keep at least one instance).
    minReplicas: options.cloud === 'azure' ? 1 : 0,
    maxReplicas: 4,
    targetConcurrencyPerReplica: 8,
    requestLogging: options.cloud === 'aws' ? undefined : { enabled: true, samplingPercent: 5 },
    tags: { team: 'assistant' },
  }));

  // A Hugging Face model served by the cloud's own stack (weights copied to S3 on AWS: network isolation). Terraform
  // cannot give a Vertex AI Model Garden deployment a customer-managed key, so under profiles that require one
  // (HIPAA, PCI, SOC2, NIST) GCP serves the same model from a TEI container on Cloud Run instead.
  const cmkOnGcp = options.cloud === 'gcp' && ComplianceProfile.of(scope).controls.customerManagedKeys;
  endpoints.push(new InferenceEndpoint(scope, 'Embeddings', {
    model: cmkOnGcp
      ? ModelSource.container({
        image: 'us-docker.pkg.dev/my-ml-project/serving/text-embeddings-inference:1.5',
        environment: { MODEL_ID: 'BAAI/bge-large-en-v1.5' },
        port: 8080,
      })
      : ModelSource.huggingFace({
        modelId: 'BAAI/bge-large-en-v1.5',
        modelDataUri: options.cloud === 'aws' ? 's3://my-ml-models/bge-large-en-v1.5/' : undefined,
      }),
    accelerator: options.cloud === 'azure' ? Accelerator.NVIDIA_T4 : Accelerator.NVIDIA_L4,
    minReplicas: 1,
    maxReplicas: 3,
    tags: { team: 'search' },
  }));
  return endpoints;
}
