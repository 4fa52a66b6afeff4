import { TerraformVariable } from 'cdktf';
import { Accelerator, ComplianceProfile, InferenceEndpoint, InferenceEndpointProps, ModelSource, tfgcp } from '../../../src';
import { all, only, synthGcp, validationError } from '../../util';

const image = 'us-docker.pkg.dev/my-proj/serving/vllm:0.6';
const container = ModelSource.container({ image, environment: { MODEL_ID: 'x' }, port: 8000 });
const hf = ModelSource.huggingFace({ modelId: 'google/gemma-2-9b-it', acceptEula: true });

describe('InferenceEndpoint on GCP: ModelSource.container → Cloud Run v2 GPU', () => {
  const json = synthGcp((s) => new InferenceEndpoint(s, 'Chat', { model: container, minReplicas: 0, maxReplicas: 3, tags: { Team: 'Chat Bots' } }));
  const svc = only(json, 'google_cloud_run_v2_service');

  test('resource types', () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      'google_cloud_run_v2_service', 'google_kms_crypto_key', 'google_kms_crypto_key_iam_member', 'google_kms_key_ring', 'google_service_account',
    ]);
    expect(json.provider?.google).toEqual([expect.objectContaining({ project: 'my-proj', region: 'us-central1' })]);
  });

  test('internal ingress, IAM-checked invocation, no public invoker binding', () => {
    expect(svc.ingress).toBe('INGRESS_TRAFFIC_INTERNAL_ONLY');
    expect(svc.invoker_iam_disabled).toBe(false);
    expect(JSON.stringify(json)).not.toMatch(/allUsers|allAuthenticatedUsers/);
    expect(json.resource.google_cloud_run_v2_service_iam_member).toBeUndefined();
  });

  test('an NVIDIA L4 per instance, min/max instances with scale to zero', () => {
    expect(svc.template.node_selector).toEqual({ accelerator: 'nvidia-l4' });
    expect(svc.template.containers[0].resources.limits).toEqual({ 'cpu': '4', 'memory': '16Gi', 'nvidia.com/gpu': '1' });
    expect(svc.template.containers[0].resources.cpu_idle).toBe(false);
    expect(svc.template.scaling).toEqual({ min_instance_count: 0, max_instance_count: 3 });
    expect(svc.template.containers[0].ports).toEqual({ container_port: 8000 });
    expect(svc.template.containers[0].env).toEqual([{ name: 'MODEL_ID', value: 'x' }]);
  });

  test('CMEK with a 90-day rotating, retained key; the Cloud Run service agent can use it before the service exists', () => {
    const key = only(json, 'google_kms_crypto_key');
    expect(key.rotation_period).toBe('7776000s');
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
    expect(only(json, 'google_kms_key_ring').lifecycle).toEqual({ prevent_destroy: true });
    expect(svc.template.encryption_key).toMatch(/^\$\{google_kms_crypto_key\..+\.id\}$/);
    const grant = only(json, 'google_kms_crypto_key_iam_member');
    expect(grant.role).toBe('roles/cloudkms.cryptoKeyEncrypterDecrypter');
    expect(grant.member).toMatch(/^serviceAccount:service-\$\{data\.google_project\..+\.number\}@serverless-robot-prod\.iam\.gserviceaccount\.com$/);
    expect(svc.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\./)]);
  });

  test('a dedicated service account runs the service', () => {
    const sa = only(json, 'google_service_account');
    expect(sa.account_id).toMatch(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
    expect(svc.template.service_account).toMatch(/^\$\{google_service_account\..+\.email\}$/);
  });

  test('labels are normalised and applied to the service and its revisions', () => {
    expect(svc.labels).toEqual({ 'workload': 'chat', 'managed-by': 'ai-infra-constructs', 'team': 'chat_bots' });
    expect(svc.template.labels).toEqual(svc.labels);
  });

  test('an existing key from the target options is used instead of a new one', () => {
    const j = synthGcp((s) => new InferenceEndpoint(s, 'Chat', { model: container }), { kmsKeyName: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k' });
    expect(j.resource.google_kms_crypto_key).toBeUndefined();
    expect(only(j, 'google_cloud_run_v2_service').template.encryption_key).toBe('projects/p/locations/us-central1/keyRings/r/cryptoKeys/k');
  });

  test('request logging: a CMEK log bucket with retention and a sampled sink', () => {
    const j = synthGcp((s) => new InferenceEndpoint(s, 'Chat', { model: container, requestLogging: { enabled: true, samplingPercent: 10, retentionDays: 90 } }));
    const bucket = only(j, 'google_logging_project_bucket_config');
    expect(bucket.retention_days).toBe(90);
    expect(bucket.cmek_settings.kms_key_name).toMatch(/google_kms_crypto_key/);
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    const sink = only(j, 'google_logging_project_sink');
    expect(sink.filter).toMatch(/resource\.type="cloud_run_revision".*sample\(insertId, 0\.1\)/);
    expect(sink.destination).toMatch(/^logging\.googleapis\.com\/projects\/my-proj\/locations\/us-central1\/buckets\//);
    expect(all(j, 'google_kms_crypto_key_iam_member')).toHaveLength(2);
  });

  test('escape hatch', () => {
    synthGcp((s) => {
      const ep = new InferenceEndpoint(s, 'Chat', { model: container });
      expect(tfgcp.InferenceEndpointResources.of(ep).resources.cloudRunService?.terraformResourceType).toBe('google_cloud_run_v2_service');
    });
  });
});

test('GCP: a sampling percentage given as a Terraform variable is divided by Terraform in the log sink filter', () => {
  const json = synthGcp((s) => new InferenceEndpoint(s, 'Chat', {
    model: ModelSource.container({ image: 'us-docker.pkg.dev/my-proj/r/x:1' }),
    accelerator: Accelerator.NVIDIA_L4,
    requestLogging: { enabled: true, samplingPercent: new TerraformVariable(s, 'sampling', { type: 'number' }).numberValue },
  }));
  expect(only(json, 'google_logging_project_sink').filter).toMatch(/sample\(insertId, \$\{\(var\.sampling \/ 100\)\}\)$/);
});

describe('InferenceEndpoint on GCP: model weights in GCS', () => {
  const json = synthGcp((s) => new InferenceEndpoint(s, 'Chat', { model: ModelSource.container({ image, modelDataUri: 'gs://my-models/llama-3.1-8b/' }) }));
  const svc = only(json, 'google_cloud_run_v2_service');
  test('the bucket is mounted read-only (gen2) and MODEL_DIR points at the prefix', () => {
    expect(svc.template.execution_environment).toBe('EXECUTION_ENVIRONMENT_GEN2');
    expect(svc.template.volumes).toEqual([{ name: 'model', gcs: { bucket: 'my-models', read_only: true } }]);
    expect(svc.template.containers[0].volume_mounts).toEqual([{ name: 'model', mount_path: '/mnt/models' }]);
    expect(svc.template.containers[0].env).toEqual(expect.arrayContaining([
      { name: 'MODEL_DATA_URI', value: 'gs://my-models/llama-3.1-8b/' }, { name: 'MODEL_DIR', value: '/mnt/models/llama-3.1-8b' },
    ]));
  });
  test('only the service identity may read the bucket, granted before the service starts', () => {
    const grant = only(json, 'google_storage_bucket_iam_member');
    expect(grant).toMatchObject({ bucket: 'my-models', role: 'roles/storage.objectViewer', member: expect.stringMatching(/^serviceAccount:\$\{google_service_account\./) });
    expect(svc.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_storage_bucket_iam_member\./)]));
  });
});

describe('InferenceEndpoint on GCP: ModelSource.huggingFace → Vertex AI Model Garden', () => {
  const json = synthGcp((s) => new InferenceEndpoint(s, 'Gemma', { model: hf, minReplicas: 1, maxReplicas: 4 }));
  const ep = only(json, 'google_vertex_ai_endpoint_with_model_garden_deployment');

  test('deploys the model with min/max replicas on the accelerator table machine', () => {
    expect(ep.hugging_face_model_id).toBe('google/gemma-2-9b-it');
    expect(ep.model_config.accept_eula).toBe(true);
    expect(ep.deploy_config.dedicated_resources).toEqual(expect.objectContaining({
      min_replica_count: 1,
      max_replica_count: 4,
      machine_spec: { machine_type: 'g2-standard-8', accelerator_type: 'NVIDIA_L4', accelerator_count: 1 },
      autoscaling_metric_specs: [{ metric_name: 'aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle', target: 60 }],
    }));
    expect(ep.endpoint_config.dedicated_endpoint_enabled).toBe(true);
  });

  test('A100 80GB maps to a2-ultragpu-1g', () => {
    const j = synthGcp((s) => new InferenceEndpoint(s, 'Big', { model: hf, accelerator: Accelerator.NVIDIA_A100_80GB }));
    expect(only(j, 'google_vertex_ai_endpoint_with_model_garden_deployment').deploy_config.dedicated_resources.machine_spec.machine_type).toBe('a2-ultragpu-1g');
  });

  test('Vertex prices are listed as unpriced, never $0 silently', () => {
    synthGcp((s) => {
      const e = new InferenceEndpoint(s, 'Gemma', { model: hf });
      expect(e.estimatedMonthlyCost.drivers[0].priced).toBe(false);
      expect(e.estimatedMonthlyCost.assumptions.join(' ')).toMatch(/unpriced/);
    });
  });
});

describe('InferenceEndpoint on GCP: validation', () => {
  const fails = (props: Partial<InferenceEndpointProps>) => validationError(() => synthGcp((s) => new InferenceEndpoint(s, 'E', { model: container, ...props })));
  test('Cloud Run offers the L4 only; the message names the alternatives', () => {
    const err = fails({ accelerator: Accelerator.NVIDIA_A100_80GB });
    expect(err.issues[0]).toMatchObject({ prop: 'accelerator' });
    expect(err.issues[0].allowed).toMatch(/offers nvidia-l4/);
    expect(err.issues[0].hint).toMatch(/ModelSource\.huggingFace|GpuPool/);
  });
  test('HIPAA rejects Model Garden (no CMEK or private networking) and names the alternative', () => {
    const err = fails({ model: hf, compliance: ComplianceProfile.HIPAA });
    expect(err.issues.map((i) => i.hint).join(' ')).toMatch(/ModelSource\.container/);
    expect(err.issues).toHaveLength(2);
  });
  test('Vertex cannot scale to zero', () => {
    expect(fails({ model: hf, minReplicas: 0 }).issues[0]).toMatchObject({ prop: 'minReplicas' });
  });
  test('Cloud Run service names are at most 49 characters', () => {
    expect(fails({ name: 'a'.repeat(50) }).issues[0]).toMatchObject({ prop: 'name' });
  });
  test('modelDataUri: a literal gs:// URI for Cloud Run; none for Model Garden (it deploys from its catalog)', () => {
    const withUri = (modelDataUri: string) => ModelSource.container({ image, modelDataUri });
    expect(fails({ model: withUri('s3://models/x/') }).issues[0]).toMatchObject({ prop: 'model.modelDataUri', allowed: expect.stringMatching(/gs:\/\/bucket/) });
    expect(fails({ model: withUri('gs://') }).issues[0].prop).toBe('model.modelDataUri');
    const hfCopy = ModelSource.huggingFace({ modelId: 'google/gemma-2-9b-it', acceptEula: true, modelDataUri: 'gs://models/gemma/' });
    expect(fails({ model: hfCopy }).issues[0]).toMatchObject({ prop: 'model.modelDataUri', hint: expect.stringMatching(/ModelSource.container/) });
  });
  test('a GPU type Vertex does not offer', () => {
    expect(fails({ model: hf, accelerator: Accelerator.NVIDIA_A10G }).issues[0].allowed).toMatch(/Vertex AI \(GCP\) offers/);
  });
  test('Model Garden environment variables need a custom image (they were dropped without one)', () => {
    const envOnly = ModelSource.huggingFace({ modelId: 'google/gemma-2-9b-it', acceptEula: true, environment: { MAX_INPUT_LENGTH: '4096' } });
    expect(fails({ model: envOnly }).issues).toEqual([expect.objectContaining({ prop: 'model.environment', received: 'MAX_INPUT_LENGTH without model.image' })]);
    const withImage = ModelSource.huggingFace({ modelId: 'google/gemma-2-9b-it', acceptEula: true, image: 'us-docker.pkg.dev/p/r/tgi:2', environment: { MAX_INPUT_LENGTH: '4096' } });
    const json = synthGcp((s) => new InferenceEndpoint(s, 'E', { model: withImage }));
    expect(only(json, 'google_vertex_ai_endpoint_with_model_garden_deployment').model_config.container_spec.env).toEqual([{ name: 'MAX_INPUT_LENGTH', value: '4096' }]);
  });
  test('a Vertex machine type given as a token (it was a TypeError: the machine spec is looked up at synth)', () => {
    const err = validationError(() => synthGcp((s) => new InferenceEndpoint(s, 'E', { model: hf, instanceType: { gcp: new TerraformVariable(s, 'type', { type: 'string' }).stringValue } })));
    expect(err.issues).toEqual([expect.objectContaining({ prop: 'instanceType.gcp', received: 'an unresolved token', allowed: expect.stringMatching(/^a literal machine type .*g2-standard-8/) })]);
  });
});
