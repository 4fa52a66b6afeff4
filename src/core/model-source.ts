/**
 * Options for `ModelSource.container`.
 */
export interface ContainerModelOptions {
  /** Container image URI, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com/vllm:0.6`. */
  readonly image: string;
  /**
   * Location of the model artifacts, mounted into the container:
   * - AWS: `s3://bucket/key` — a `.tar.gz` object is rendered as `ModelDataUrl`, any other prefix as an uncompressed
   *   `ModelDataSource`;
   * - GCP: `gs://bucket/prefix/` (a literal) — the bucket is mounted read-only at `/mnt/models` (Cloud Run gen2),
   *   `MODEL_DIR` points at the prefix and the service identity is granted `roles/storage.objectViewer` on the bucket;
   * - Azure: a registered Azure ML model (`azureml:<name>:<version>`, `azureml://registries/...` or a model
   *   resource id) — online deployments mount models, not storage URLs.
   * Anything else is a ValidationError.
   * @default - the image carries (or downloads) the weights itself
   */
  readonly modelDataUri?: string;
  /**
   * Environment variables passed to the container. Never put secrets here: they are written into the template.
   * @default - none
   */
  readonly environment?: Record<string, string>;
  /**
   * Port the container serves on. SageMaker (AWS) always calls port 8080, so any other port is a ValidationError there.
   * @default 8080
   */
  readonly port?: number;
  /**
   * HTTP path of the health check on GCP (Cloud Run startup probe) and Azure (liveness and readiness routes). SageMaker
   * (AWS) always checks `/ping`, whatever this says.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
}

/**
 * Options for `ModelSource.huggingFace`.
 */
export interface HuggingFaceModelOptions {
  /**
   * Hugging Face Hub model id, e.g. `meta-llama/Llama-3.1-8B-Instruct`. GCP deploys it from Model Garden; Azure maps
   * it to the HuggingFace registry (a literal is required there, as it names the registry model); on AWS it only
   * describes the model, whose weights come from `modelDataUri`.
   */
  readonly modelId: string;
  /**
   * `s3://` URI holding a copy of the weights. Required on AWS, where the model runs with network isolation and
   * cannot download from the Hub; must be unset on GCP (Model Garden) and Azure (HuggingFace registry), which deploy
   * from their own catalogs — to serve your own copy there, use `ModelSource.container` with `modelDataUri`.
   * @default - the target pulls the model from its own model catalog
   */
  readonly modelDataUri?: string;
  /**
   * Serving container image override, on AWS and GCP. Azure deploys the HuggingFace registry's model with its own
   * serving environment, so an image there is a ValidationError: use `ModelSource.container` instead.
   * @default - the target's Hugging Face serving image (AWS: HF TGI DLC; GCP: Model Garden)
   */
  readonly image?: string;
  /**
   * Accept the model's EULA where the target requires it (gated models in Model Garden).
   * @default false
   */
  readonly acceptEula?: boolean;
  /**
   * Extra environment variables for the serving container. On GCP, Model Garden passes them only to a custom serving
   * container, so they need `image` there.
   * @default - none
   */
  readonly environment?: Record<string, string>;
}

/** What kind of model source a `ModelSource` is. */
export enum ModelSourceKind {
  /** A container image you built. */
  CONTAINER = 'CONTAINER',
  /** A Hugging Face Hub model served by the target's own serving stack. */
  HUGGING_FACE = 'HUGGING_FACE',
}

/**
 * Where the model comes from.
 */
export abstract class ModelSource {
  /** A container image you built (vLLM, TGI, Triton, your own server). */
  public static container(options: ContainerModelOptions): ModelSource {
    return new ContainerModelSource(options);
  }

  /** A Hugging Face Hub model, served by the target's managed serving stack. */
  public static huggingFace(options: HuggingFaceModelOptions): ModelSource {
    return new HuggingFaceModelSource(options);
  }

  /** The kind of source. */
  public abstract readonly kind: ModelSourceKind;
  /** Container image, when the source names one. */
  public abstract readonly image?: string;
  /** Hugging Face model id, for `huggingFace` sources. */
  public abstract readonly modelId?: string;
  /** Model artifact location, when given. */
  public abstract readonly modelDataUri?: string;
  /** Environment variables for the serving container. */
  public abstract readonly environment: Record<string, string>;
  /** Serving port. */
  public abstract readonly port: number;
  /** Health check path. */
  public abstract readonly healthCheckPath: string;
  /** Whether the EULA is accepted. */
  public abstract readonly acceptEula: boolean;
}

class ContainerModelSource extends ModelSource {
  public readonly kind = ModelSourceKind.CONTAINER;
  public readonly image?: string;
  public readonly modelId?: string = undefined;
  public readonly modelDataUri?: string;
  public readonly environment: Record<string, string>;
  public readonly port: number;
  public readonly healthCheckPath: string;
  public readonly acceptEula = false;
  constructor(o: ContainerModelOptions) {
    super();
    this.image = o.image;
    this.modelDataUri = o.modelDataUri;
    this.environment = { ...(o.environment ?? {}) };
    this.port = o.port ?? 8080;
    this.healthCheckPath = o.healthCheckPath ?? '/health';
  }
}

class HuggingFaceModelSource extends ModelSource {
  public readonly kind = ModelSourceKind.HUGGING_FACE;
  public readonly image?: string;
  public readonly modelId?: string;
  public readonly modelDataUri?: string;
  public readonly environment: Record<string, string>;
  public readonly port = 8080;
  public readonly healthCheckPath = '/health';
  public readonly acceptEula: boolean;
  constructor(o: HuggingFaceModelOptions) {
    super();
    this.modelId = o.modelId;
    this.image = o.image;
    this.modelDataUri = o.modelDataUri;
    this.environment = { ...(o.environment ?? {}) };
    this.acceptEula = o.acceptEula ?? false;
  }
}
