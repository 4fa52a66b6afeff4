/*
 * InferenceEndpoint → Google Cloud.
 *   ModelSource.container   → Cloud Run v2 service with an NVIDIA L4 (internal ingress, CMEK, dedicated service
 *                             account, min/max instances, scale to zero, no public invoker).
 *   ModelSource.huggingFace → Vertex AI endpoint with a Model Garden deployment (min/max replicas). The Terraform
 *                             resource has no CMEK, private-network or request-logging fields
 *                             (research/gcp-azure.md §1.2), so profiles that demand them fail at synth.
 * Naming limits: Cloud Run service names are 1-49 characters ([a-z]([-a-z0-9]*[a-z0-9])?); service account ids
 * 6-30 characters; key ring and key names 1-63 characters [a-zA-Z0-9_-].
 */
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { DataGoogleLoggingProjectCmekSettings } from '@cdktf/provider-google/lib/data-google-logging-project-cmek-settings';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { VertexAiEndpointWithModelGardenDeployment } from '@cdktf/provider-google/lib/vertex-ai-endpoint-with-model-garden-deployment';
import { Construct, IConstruct } from 'constructs';
import { baseName, cmekKey, ensureProvider, targetOptionIssues, gcpPlace } from './common';
import { InferenceEndpointResources } from './resources';
import type { GcpTargetOptions } from './target';
import { gcpTenant } from './tenancy';
import { CostEstimate, estimate, fixedDriver, hourlyDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { InferenceEndpointOutputs, InferenceEndpointSpec } from '../../core/inference-endpoint/spec';
import { ModelSourceKind } from '../../core/model-source';
import { claimNameProp } from '../../core/names';
import { findShape } from '../../core/offerings';
import { RendererModule } from '../../core/renderer';
import { gcpLabelIssues, gcpLabels } from '../../core/tags';
import { CLOUD_RUN_ACCELERATOR, CLOUD_RUN_SHAPES, GCP_FIXED, VERTEX_SHAPES, VertexShape } from '../shared-gcp/accelerators';
import { dividedBy, isUnresolved as unresolvedTf, retain } from '../shared-tf/engine';

const CLOUD_RUN_NAME = /^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/;
const DUTY_CYCLE_METRIC = 'aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle';

/** gs://bucket[/prefix]: bucket names are 3-63 (or up to 222 with dots) lowercase letters, digits, '-', '_' and '.'. */
const GCS_URI = /^gs:\/\/([a-z0-9][a-z0-9._-]{1,220}[a-z0-9])(\/.*)?$/;
/** Where Cloud Run mounts the model bucket (read-only). */
const MODEL_MOUNT = '/mnt/models';

export function validateInferenceEndpoint(spec: InferenceEndpointSpec, options: GcpTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = targetOptionIssues(options, isUnresolved);
  if (spec.model.kind === ModelSourceKind.CONTAINER) {
    const { issue } = findShape(CLOUD_RUN_SHAPES, spec.accelerator, spec.acceleratorCount, 'Cloud Run GPU (GCP, ModelSource.container)');
    if (issue) issues.push({ ...issue, hint: 'for other GPUs serve a Hugging Face model on Vertex AI (ModelSource.huggingFace), or run the container on a GpuPool' });
    if (spec.instanceTypeGcp !== undefined) {
      issues.push({ prop: 'instanceType.gcp', received: show(spec.instanceTypeGcp), allowed: 'unset for Cloud Run (it has no machine types; one L4 with 4 vCPU / 16 GiB per instance)' });
    }
    if (spec.name !== undefined && !isUnresolved(spec.name) && !CLOUD_RUN_NAME.test(spec.name)) {
      issues.push({ prop: 'name', received: `${show(spec.name)} (${spec.name.length} characters)`, allowed: 'a Cloud Run service name: 1-49 lowercase letters, digits and hyphens, starting with a letter' });
    }
    const uri = spec.model.modelDataUri;
    if (uri !== undefined && !isUnresolved(uri) && !(typeof uri === 'string' && GCS_URI.test(uri))) {
      issues.push({ prop: 'model.modelDataUri', received: show(uri), allowed: 'a gs://bucket or gs://bucket/prefix/ URI (mounted read-only into the container)' });
    } else if (uri !== undefined && isUnresolved(uri)) {
      issues.push({ prop: 'model.modelDataUri', received: 'an unresolved token', allowed: 'a literal gs:// URI (its bucket is mounted into the service and granted to its identity at synth)' });
    }
    if ((options?.network === undefined) !== (options?.subnetwork === undefined)) {
      issues.push({ prop: 'GcpTarget.subnetwork', received: show(options?.subnetwork), allowed: 'set together with GcpTarget.network' });
    }
  } else {
    if (!spec.instanceTypeGcp) {
      const { issue } = findShape(VERTEX_SHAPES, spec.accelerator, spec.acceleratorCount, 'Vertex AI (GCP)');
      if (issue) issues.push(issue);
    } else if (isUnresolved(spec.instanceTypeGcp)) {
      // The machine spec pairs the machine type with its accelerator type and count, looked up at synth.
      issues.push({ prop: 'instanceType.gcp', received: 'an unresolved token', allowed: `a literal machine type (it sets the accelerator type and count of the Vertex machine spec): ${VERTEX_SHAPES.map((s) => s.type).join(', ')}` });
    } else if (!VERTEX_SHAPES.some((s) => s.type === spec.instanceTypeGcp)) {
      issues.push({ prop: 'instanceType.gcp', received: show(spec.instanceTypeGcp), allowed: VERTEX_SHAPES.map((s) => s.type).join(', ') });
    }
    // Model Garden takes environment variables only in a custom container spec, which needs the image.
    const env = Object.keys(spec.model.environment ?? {});
    if (env.length > 0 && spec.model.image === undefined) {
      issues.push({
        prop: 'model.environment',
        received: `${env.join(', ')} without model.image`,
        allowed: 'unset, or set with model.image (Model Garden passes environment variables only to a custom serving container)',
      });
    }
    const alt = 'serve the model from your own container with ModelSource.container (Cloud Run: CMEK, internal ingress, scale to zero)';
    if (spec.compliance.controls.customerManagedKeys) {
      issues.push({
        prop: 'model',
        received: `ModelSource.huggingFace under ${spec.compliance.name}`,
        allowed: 'a model path that supports CMEK',
        hint: `Vertex AI Model Garden deployments cannot be given a CMEK key through Terraform; ${alt}`,
      });
    }
    if (spec.compliance.controls.privateNetworking) {
      issues.push({
        prop: 'model',
        received: `ModelSource.huggingFace under ${spec.compliance.name}`,
        allowed: 'a model path with private networking',
        hint: `Model Garden deployments have no private-service-connect or network fields in Terraform; ${alt}`,
      });
    }
    if (!isUnresolved(spec.minReplicas) && spec.minReplicas < 1) {
      issues.push({ prop: 'minReplicas', received: show(spec.minReplicas), allowed: 'at least 1 on Vertex AI (no scale to zero)', hint: alt });
    }
    if (spec.requestLogging.enabled) {
      issues.push({
        prop: 'requestLogging',
        received: 'enabled with ModelSource.huggingFace',
        allowed: 'off on Vertex AI Model Garden deployments',
        hint: `the Terraform resource has no request-response logging config; ${alt}`,
      });
    }
    if (spec.model.modelDataUri !== undefined) {
      issues.push({
        prop: 'model.modelDataUri',
        received: show(spec.model.modelDataUri),
        allowed: 'unset for ModelSource.huggingFace on GCP (Model Garden deploys the model from its own catalog)',
        hint: 'to serve your own copy of the weights, use ModelSource.container with modelDataUri "gs://bucket/prefix/" (Cloud Run mounts it read-only)',
      });
    }
    if (spec.targetConcurrencyPerReplica !== undefined) {
      issues.push({ prop: 'targetConcurrencyPerReplica', received: show(spec.targetConcurrencyPerReplica), allowed: 'unset on Vertex AI (it autoscales on accelerator duty cycle)', hint: alt });
    }
  }
  return issues;
}

export function renderInferenceEndpoint(scope: IConstruct, spec: InferenceEndpointSpec, options: GcpTargetOptions): InferenceEndpointOutputs {
  ensureProvider(scope, options);
  return spec.model.kind === ModelSourceKind.CONTAINER
    ? renderCloudRun(scope as Construct, spec, options)
    : renderVertex(scope as Construct, spec, options);
}

export function estimateInferenceEndpoint(spec: InferenceEndpointSpec, options: GcpTargetOptions): CostEstimate {
  const drivers = [];
  const assumptions = ['On-demand list prices, 730 h/month'];
  if (spec.model.kind === ModelSourceKind.CONTAINER) {
    const shape = CLOUD_RUN_SHAPES[0];
    drivers.push(hourlyDriver(`Cloud Run GPU instance (${shape.type})`, spec.minReplicas, spec.maxReplicas, shape.price));
    assumptions.push('Cloud Run GPU services bill instance time while instances exist (CPU always allocated); requests are not billed separately');
    if (!options?.kmsKeyName) {
      const k = GCP_FIXED.kmsKeyVersionMonthlyUsd;
      drivers.push(fixedDriver('Cloud KMS key version', k.usd, k.source, k.asOf, k.region));
      assumptions.push('Each key rotation (every 90 days) adds a billed key version');
    }
    if (spec.requestLogging.enabled) assumptions.push('Cloud Logging ingestion and retention beyond the free tier are usage-priced and not included');
  } else {
    const shape = vertexShapeFor(spec);
    drivers.push(hourlyDriver(`${shape.type} (Vertex AI prediction node)`, spec.minReplicas, spec.maxReplicas, shape.price));
    assumptions.push('Vertex AI prediction has no scale to zero: the low estimate runs minReplicas nodes all month');
  }
  return estimate(drivers, assumptions);
}

/** The Vertex machine spec: the `instanceType.gcp` override (validated to be in the table) or the table's default. */
function vertexShapeFor(spec: InferenceEndpointSpec): VertexShape {
  const type = spec.instanceTypeGcp ?? findShape(VERTEX_SHAPES, spec.accelerator, spec.acceleratorCount, 'Vertex').shape!.type;
  return VERTEX_SHAPES.find((s) => s.type === type)!;
}

function renderCloudRun(scope: Construct, spec: InferenceEndpointSpec, options: GcpTargetOptions): InferenceEndpointOutputs {
  claimNameProp(scope, spec.name, 'Cloud Run service', gcpPlace(scope, options), 'a service name no other InferenceEndpoint uses');
  const labels = gcpLabels(spec.tags, unresolvedTf);
  const name = spec.name ?? baseName(scope, 49);
  const base = baseName(scope, 40);
  const project = new DataGoogleProject(scope, 'Project', { projectId: options.project });

  // Identity and key: the tenant's when the endpoint has a SecureTenant, else a dedicated account and a new key.
  const tenant = gcpTenant(spec.tenant, scope);
  const sa = tenant ? undefined : new ServiceAccount(scope, 'ServiceAccount', {
    accountId: baseName(scope, 30).replace(/^([^a-z])/, 'e$1'),
    displayName: `Inference endpoint ${scope.node.path}`.slice(0, 100),
    description: 'Dedicated identity of one Cloud Run inference service (ai-infra-constructs)',
    project: options.project,
  });
  const identity = tenant?.serviceAccountEmail ?? sa!.email;

  // CMEK: Cloud Run's service agent must be able to use the key before the service is created.
  const { keyId, key } = tenant ? { keyId: tenant.keyId, key: undefined } : cmekKey(scope, options, base, labels);
  const agentGrant = new KmsCryptoKeyIamMember(scope, 'ServiceAgentKeyAccess', {
    cryptoKeyId: keyId,
    role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    member: `serviceAccount:service-${project.number}@serverless-robot-prod.iam.gserviceaccount.com`,
  });

  const m = spec.model;
  // Model weights in GCS: the bucket is mounted read-only (Cloud Run volume, gen2 execution environment) and the
  // service's identity may read it; MODEL_DIR points at the prefix inside the mount.
  const gcs = m.modelDataUri ? GCS_URI.exec(m.modelDataUri) : null;
  const modelBucket = gcs?.[1];
  const readModel = modelBucket ? new StorageBucketIamMember(scope, 'ModelBucketRead', {
    bucket: modelBucket,
    role: 'roles/storage.objectViewer',
    member: `serviceAccount:${identity}`,
  }) : undefined;
  const modelEnv = modelBucket ? [
    { name: 'MODEL_DATA_URI', value: m.modelDataUri! },
    { name: 'MODEL_DIR', value: `${MODEL_MOUNT}${(gcs![2] ?? '').replace(/\/+$/, '')}` },
  ] : [];
  const service = new CloudRunV2Service(scope, 'Resource', {
    name,
    location: options.region,
    project: options.project,
    description: `GPU inference service ${scope.node.path} (ai-infra-constructs)`.slice(0, 512), // Cloud Run: at most 512
    // Internal only: reachable from the project's VPC networks and Google front ends inside them, never the internet.
    ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
    // Callers need roles/run.invoker; no allUsers binding is ever created.
    invokerIamDisabled: false,
    deletionProtection: false,
    labels,
    template: {
      serviceAccount: identity,
      encryptionKey: keyId,
      labels,
      gpuZonalRedundancyDisabled: true,
      maxInstanceRequestConcurrency: spec.targetConcurrencyPerReplica ?? 4,
      timeout: '3600s',
      scaling: { minInstanceCount: spec.minReplicas, maxInstanceCount: spec.maxReplicas },
      executionEnvironment: modelBucket ? 'EXECUTION_ENVIRONMENT_GEN2' : undefined, // GCS volumes need gen2
      volumes: modelBucket ? [{ name: 'model', gcs: { bucket: modelBucket, readOnly: true } }] : undefined,
      nodeSelector: { accelerator: CLOUD_RUN_ACCELERATOR[spec.accelerator.name] },
      vpcAccess: options.network ? {
        egress: 'PRIVATE_RANGES_ONLY',
        networkInterfaces: [{ network: options.network, subnetwork: options.subnetwork }],
      } : undefined,
      containers: [{
        image: m.image!,
        env: [...Object.entries(m.environment).map(([k, v]) => ({ name: k, value: v })), ...modelEnv],
        ports: { containerPort: m.port },
        volumeMounts: modelBucket ? [{ name: 'model', mountPath: MODEL_MOUNT }] : undefined,
        resources: {
          limits: { 'cpu': '4', 'memory': '16Gi', 'nvidia.com/gpu': '1' },
          cpuIdle: false, // GPU services need CPU always allocated
          startupCpuBoost: true,
        },
        startupProbe: {
          httpGet: { path: m.healthCheckPath, port: m.port },
          periodSeconds: 10,
          timeoutSeconds: 5,
          failureThreshold: 90, // up to 15 minutes to download weights and start
        },
      }],
    },
    dependsOn: readModel ? [agentGrant, readModel] : [agentGrant],
  });

  if (spec.requestLogging.enabled) {
    renderRequestLogs(scope, spec, options, keyId, name, base);
  }

  if (tenant) {
    // The tenant's workloads may call their own endpoint (and only theirs: the binding is on this service).
    new CloudRunV2ServiceIamMember(scope, 'TenantInvoker', {
      name: service.name,
      location: options.region,
      project: options.project,
      role: 'roles/run.invoker',
      member: `serviceAccount:${tenant.serviceAccountEmail}`,
    });
  }
  InferenceEndpointResources._attach(scope, new InferenceEndpointResources({ cloudRunService: service, serviceAccount: sa, cryptoKey: key }));
  return { endpointName: service.name, endpointId: service.id };
}

/**
 * Request logs: a CMEK log bucket with the profile's retention, and a sink routing a sample of the service's
 * request and container logs to it. Cloud Run does not capture bodies: containers write prompts/responses to
 * stdout for them to be captured.
 */
function renderRequestLogs(scope: Construct, spec: InferenceEndpointSpec, options: GcpTargetOptions, keyId: string, serviceName: string, base: string): void {
  const cmek = new DataGoogleLoggingProjectCmekSettings(scope, 'LoggingCmekSettings', { project: options.project });
  const logKeyGrant = new KmsCryptoKeyIamMember(scope, 'LoggingKeyAccess', {
    cryptoKeyId: keyId,
    role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    member: `serviceAccount:${cmek.serviceAccountId}`,
  });
  const bucketId = `${base}-requests`.slice(0, 100);
  const bucket = new LoggingProjectBucketConfig(scope, 'RequestLogBucket', {
    project: options.project,
    location: options.region,
    bucketId,
    retentionDays: spec.requestLogging.retentionDays,
    description: `Sampled request logs of ${scope.node.path}`,
    cmekSettings: { kmsKeyName: keyId },
    dependsOn: [logKeyGrant],
  });
  retain(bucket);
  const fraction = dividedBy(spec.requestLogging.samplingPercent, 100);
  new LoggingProjectSink(scope, 'RequestLogSink', {
    name: `${base}-requests`,
    project: options.project,
    destination: `logging.googleapis.com/projects/${options.project}/locations/${options.region}/buckets/${bucketId}`,
    filter: `resource.type="cloud_run_revision" AND resource.labels.service_name="${serviceName}" AND sample(insertId, ${fraction})`,
    uniqueWriterIdentity: true,
    dependsOn: [bucket],
  });
}

function renderVertex(scope: Construct, spec: InferenceEndpointSpec, options: GcpTargetOptions): InferenceEndpointOutputs {
  const shape = vertexShapeFor(spec);
  const m = spec.model;
  const endpoint = new VertexAiEndpointWithModelGardenDeployment(scope, 'Resource', {
    location: options.region,
    project: options.project,
    huggingFaceModelId: m.modelId,
    modelConfig: {
      acceptEula: m.acceptEula,
      containerSpec: m.image ? {
        imageUri: m.image,
        env: Object.entries(m.environment).map(([k, v]) => ({ name: k, value: v })),
      } : undefined,
    },
    endpointConfig: {
      dedicatedEndpointEnabled: true,
      endpointDisplayName: (spec.name ?? baseName(scope, 63)).slice(0, 128),
    },
    deployConfig: {
      dedicatedResources: {
        machineSpec: { machineType: shape.type, acceleratorType: shape.vertexAcceleratorType, acceleratorCount: shape.count },
        minReplicaCount: spec.minReplicas,
        maxReplicaCount: spec.maxReplicas,
        autoscalingMetricSpecs: [{ metricName: DUTY_CYCLE_METRIC, target: 60 }],
      },
    },
  });
  // The Model Garden resource has no labels field; record the cost tags as metadata for the cost report.
  endpoint.node.addMetadata('ai-infra-constructs:labels', gcpLabels(spec.tags, unresolvedTf));
  InferenceEndpointResources._attach(scope, new InferenceEndpointResources({ vertexEndpoint: endpoint }));
  return { endpointName: endpoint.endpoint, endpointId: endpoint.id };
}

/** The InferenceEndpoint renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<InferenceEndpointSpec, ReturnType<typeof renderInferenceEndpoint>, GcpTargetOptions> = {
  validate: (spec, options, isUnresolved) => [...validateInferenceEndpoint(spec, options, isUnresolved), ...gcpLabelIssues(spec.tags, isUnresolved)],
  render: renderInferenceEndpoint,
  estimate: (spec, options) => estimateInferenceEndpoint(spec, options),
};
