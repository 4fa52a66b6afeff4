/*
 * InferenceEndpoint → Amazon SageMaker real-time hosting, rendered with Terraform (hashicorp/aws; deep imports only).
 *
 * Same resources and defaults as the CloudFormation target: a model with network isolation and a least-privilege
 * execution role, an endpoint configuration, an endpoint, target-tracking autoscaling, 5xx and latency alarms, and
 * encrypted, sampled data capture when request logging is on.
 *
 * Terraform specifics:
 * - Endpoint configurations cannot change in place and SageMaker rejects reusing a name: Terraform generates the
 *   config name (`name_prefix`) and creates the replacement before destroying the old one (`create_before_destroy`),
 *   so an update re-points the endpoint instead of failing. The model gets the same treatment.
 * - Scale to zero needs an inference component and an endpoint configuration with the execution role, network
 *   isolation and VPC settings on the configuration. hashicorp/aws 6.x has neither `aws_sagemaker_inference_component`
 *   nor `enable_network_isolation` / `vpc_config` on `aws_sagemaker_endpoint_configuration`, so both are rendered as
 *   `awscc_sagemaker_endpoint_config` and `awscc_sagemaker_inference_component` (hashicorp/awscc, Cloud Control).
 */
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SagemakerEndpoint } from '@cdktf/provider-aws/lib/sagemaker-endpoint';
import { SagemakerEndpointConfiguration } from '@cdktf/provider-aws/lib/sagemaker-endpoint-configuration';
import { SagemakerModel } from '@cdktf/provider-aws/lib/sagemaker-model';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Construct, IConstruct } from 'constructs';
import { alarmTopicArn } from './alarms';
import { allow, attachPolicy, AwsContext, awsccProvider, ensureProvider, newKey, physicalName, serviceRole, tagTenantOwned, targetOptionIssues, stackPlace } from './common';
import { InferenceEndpointResources } from './resources';
import type { AwsTfTargetOptions } from './target';
import { awsTfTenant } from './tenancy';
import { Compliance } from '../../core/acknowledgement';
import { CostEstimate } from '../../core/cost';
import { ValidationIssue } from '../../core/errors';
import { InferenceEndpointOutputs, InferenceEndpointSpec } from '../../core/inference-endpoint/spec';
import { claimNameProp } from '../../core/names';
import { RendererModule } from '../../core/renderer';
import { endpointExecutionStatements, securityGroupDescription } from '../shared-aws/iam';
import {
  DLC_ACCOUNT, endpointAlarms, estimateSageMakerEndpoint, noCapacityAlarm as noCapacityAlarmSpec, HF_TGI_REPOSITORY, HF_TGI_TAG, MODEL_DOWNLOAD_SECONDS, sageMakerEnvironment, sageMakerInstanceType,
  sageMakerModelData, scalingMetric, scalingPolicyName, STARTUP_HEALTH_CHECK_SECONDS, validateSageMakerEndpoint, VARIANT, volumeKeyAllowed, volumeKeyOmittedReason,
} from '../shared-aws/inference-endpoint';
import { isUnresolved, RawResource, times } from '../shared-tf/engine';

export function validateInferenceEndpoint(spec: InferenceEndpointSpec, options: AwsTfTargetOptions, unresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues = [...targetOptionIssues(options), ...validateSageMakerEndpoint(spec, unresolved)];
  return issues;
}

export function renderInferenceEndpoint(scope: IConstruct, spec: InferenceEndpointSpec, options: AwsTfTargetOptions): InferenceEndpointOutputs {
  claimNameProp(scope, spec.name, 'SageMaker endpoint', stackPlace(scope, options), 'an endpoint name no other InferenceEndpoint uses');
  const ctx = ensureProvider(scope, options);
  const c = scope as Construct;
  const instanceType = sageMakerInstanceType(spec);
  const scaleToZero = spec.minReplicas === 0;
  const kmsOnVolume = volumeKeyAllowed(instanceType, isUnresolved);
  const tenant = awsTfTenant(spec.tenant, scope);
  let key: KmsKey | undefined;
  let keyArn: string | undefined;
  if (kmsOnVolume || spec.requestLogging.enabled) {
    keyArn = tenant?.keyArn ?? options.kmsKeyArn;
    if (!keyArn) {
      key = newKey(c, 'Key', ctx, `ai-infra-constructs: ${c.node.path}`);
      keyArn = key.arn;
    }
  }

  const network = spec.compliance.controls.privateNetworking || options.vpcId ? placeInVpc(c, options, ctx, spec) : undefined;

  const role = serviceRole(c, 'ExecutionRole', ['sagemaker.amazonaws.com'], `SageMaker execution role for ${c.node.path}`, tenant?.boundaryArn);
  const image = imageFor(spec, ctx);
  const statements = endpointExecutionStatements(spec, image, keyArn, network !== undefined, ctx, isUnresolved);

  let captureBucket: S3Bucket | undefined;
  let dataCapture: { bucketName: string } | undefined;
  if (spec.requestLogging.enabled) {
    ({ bucket: captureBucket } = (require('./buckets') as typeof import('./buckets')).tfDataBucket(c, 'CaptureBucket', ctx, {
      keyArn: keyArn!,
      retain: true,
      logRetentionDays: spec.compliance.controls.logRetentionDays,
      logPrefix: 'capture',
      lifecycleRules: [{
        id: 'expire-captured-requests',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        expiration: [{ days: spec.requestLogging.retentionDays }],
        noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
      }],
    }));
    statements.push(allow('WriteCapture', ['s3:PutObject'], [`${captureBucket.arn}/capture/*`]));
    dataCapture = { bucketName: captureBucket.bucket };
  }
  const { policy, attachment } = attachPolicy(c, 'ExecutionPolicy', role, `Least-privilege SageMaker execution policy for ${c.node.path}`, statements);

  const data = sageMakerModelData(spec.model.modelDataUri, isUnresolved);
  const model = new SagemakerModel(c, 'Model', {
    executionRoleArn: role.arn,
    enableNetworkIsolation: true,
    primaryContainer: {
      image,
      environment: sageMakerEnvironment(spec),
      modelDataUrl: data.modelDataUrl,
      modelDataSource: data.s3Prefix ? { s3DataSource: [{ s3Uri: data.s3Prefix, s3DataType: 'S3Prefix', compressionType: 'None' }] } : undefined,
    },
    vpcConfig: network ? { subnets: network.subnetIds, securityGroupIds: network.securityGroupIds } : undefined,
    dependsOn: [attachment],
    lifecycle: { createBeforeDestroy: true },
  });

  let config: SagemakerEndpointConfiguration | undefined;
  let configName: string;
  let ic: RawResource | undefined;
  if (scaleToZero) {
    const cc = awsccProvider(c, options);
    const awsccConfig = new RawResource(c, 'EndpointConfig', {
      type: 'awscc_sagemaker_endpoint_config',
      provider: cc,
      attributes: {
        production_variants: [{
          variant_name: VARIANT,
          instance_type: instanceType,
          initial_instance_count: 1,
          managed_instance_scaling: { status: 'ENABLED', min_instance_count: 0, max_instance_count: spec.maxReplicas },
          routing_config: { routing_strategy: 'LEAST_OUTSTANDING_REQUESTS' },
        }],
        kms_key_id: kmsOnVolume ? keyArn : undefined,
        execution_role_arn: role.arn,
        enable_network_isolation: true,
        vpc_config: network ? { subnets: network.subnetIds, security_group_ids: network.securityGroupIds } : undefined,
        tags: [],
      },
      dependsOn: [attachment],
    });
    awsccConfig.lifecycle = { createBeforeDestroy: true };
    configName = awsccConfig.attr('endpoint_config_name');
  } else {
    config = new SagemakerEndpointConfiguration(c, 'EndpointConfig', {
      namePrefix: `${physicalName(c, 40)}-`,
      productionVariants: [{
        variantName: VARIANT,
        modelName: model.name,
        instanceType,
        initialInstanceCount: spec.minReplicas,
        initialVariantWeight: 1,
        containerStartupHealthCheckTimeoutInSeconds: STARTUP_HEALTH_CHECK_SECONDS,
        modelDataDownloadTimeoutInSeconds: MODEL_DOWNLOAD_SECONDS,
        routingConfig: [{ routingStrategy: 'LEAST_OUTSTANDING_REQUESTS' }],
      }],
      kmsKeyArn: kmsOnVolume ? keyArn : undefined,
      dataCaptureConfig: dataCapture ? {
        enableCapture: true,
        initialSamplingPercentage: spec.requestLogging.samplingPercent,
        destinationS3Uri: `s3://${dataCapture.bucketName}/capture`,
        kmsKeyId: keyArn,
        captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
        captureContentTypeHeader: { jsonContentTypes: ['application/json'] },
      } : undefined,
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [attachment],
    });
    configName = config.name;
  }
  if (!kmsOnVolume) {
    Compliance.acknowledge(c.node.findChild('EndpointConfig'), {
      ruleId: 'CKV_AWS_98',
      reason: volumeKeyOmittedReason(instanceType, isUnresolved),
    });
  }

  const endpoint = new SagemakerEndpoint(c, 'Resource', { name: spec.name ?? physicalName(c, 63), endpointConfigName: configName });

  let resourceId: string;
  let dimension: string;
  let dims: Record<string, string>;
  if (scaleToZero) {
    // From the endpoint name when it is known; a token name cannot be cut or cleaned at synth, so the component is
    // then named from the construct path (still unique, always valid).
    const icName = (spec.name && !isUnresolved(spec.name) ? `${spec.name.slice(0, 60)}-ic` : `${physicalName(c, 60)}-ic`).replace(/[^a-zA-Z0-9-]/g, '-').replace(/^-+/, '');
    ic = new RawResource(c, 'InferenceComponent', {
      type: 'awscc_sagemaker_inference_component',
      provider: awsccProvider(c, options),
      attributes: {
        inference_component_name: icName,
        endpoint_name: endpoint.name,
        variant_name: VARIANT,
        specification: {
          model_name: model.name,
          compute_resource_requirements: { number_of_accelerator_devices_required: spec.acceleratorCount, min_memory_required_in_mb: 1024 },
          startup_parameters: {
            container_startup_health_check_timeout_in_seconds: STARTUP_HEALTH_CHECK_SECONDS,
            model_data_download_timeout_in_seconds: MODEL_DOWNLOAD_SECONDS,
          },
        },
        // CopyCount 0 is rejected at creation: start with one copy, the policies scale it in to zero.
        runtime_config: { copy_count: 1 },
        tags: [],
      },
      dependsOn: [endpoint],
    });
    resourceId = `inference-component/${icName}`;
    dimension = 'sagemaker:inference-component:DesiredCopyCount';
    dims = { InferenceComponentName: icName };
  } else {
    resourceId = `endpoint/${endpoint.name}/variant/${VARIANT}`;
    dimension = 'sagemaker:variant:DesiredInstanceCount';
    dims = { EndpointName: endpoint.name, VariantName: VARIANT };
  }

  // Autoscaling (service-linked role).
  const target = new AppautoscalingTarget(c, 'ScalableTarget', {
    serviceNamespace: 'sagemaker',
    resourceId,
    scalableDimension: dimension,
    minCapacity: spec.minReplicas,
    maxCapacity: spec.maxReplicas,
    dependsOn: [ic ?? endpoint],
  });
  const { metricType, targetValue } = scalingMetric(spec);
  new AppautoscalingPolicy(c, 'TargetTrackingPolicy', {
    name: scalingPolicyName(c.node.id, 'target-tracking'),
    policyType: 'TargetTrackingScaling',
    serviceNamespace: target.serviceNamespace,
    resourceId: target.resourceId,
    scalableDimension: target.scalableDimension,
    targetTrackingScalingPolicyConfiguration: {
      predefinedMetricSpecification: { predefinedMetricType: metricType },
      targetValue,
      scaleInCooldown: 300,
      scaleOutCooldown: 60,
    },
  });
  if (scaleToZero) {
    // Wake from zero: target tracking cannot leave 0 copies; a step policy driven by NoCapacityInvocationFailures adds the first.
    const wake = new AppautoscalingPolicy(c, 'ScaleFromZeroPolicy', {
      name: scalingPolicyName(c.node.id, 'scale-from-zero'),
      policyType: 'StepScaling',
      serviceNamespace: target.serviceNamespace,
      resourceId: target.resourceId,
      scalableDimension: target.scalableDimension,
      stepScalingPolicyConfiguration: {
        adjustmentType: 'ChangeInCapacity',
        metricAggregationType: 'Maximum',
        cooldown: 60,
        stepAdjustment: [{ metricIntervalLowerBound: '0', scalingAdjustment: 1 }],
      },
    });
    new CloudwatchMetricAlarm(c, 'NoCapacityAlarm', {
      ...noCapacityAlarmSpec(c.node.path),
      alarmName: `${physicalName(c, 200)}-no-capacity`,
      dimensions: dims,
      alarmActions: [wake.arn],
    });
  }

  const notify = [alarmTopicArn(c, options, ctx)];
  const alarms = endpointAlarms(spec, c.node.path, times, isUnresolved);
  new CloudwatchMetricAlarm(c, 'Errors5xxAlarm', { ...alarms.errors5xx, alarmName: `${physicalName(c, 200)}-5xx`, dimensions: dims, alarmActions: notify, okActions: notify });
  new CloudwatchMetricAlarm(c, 'LatencyAlarm', { ...alarms.latency, alarmName: `${physicalName(c, 200)}-latency`, dimensions: dims, alarmActions: notify, okActions: notify });

  tagTenantOwned(c, spec.tags, spec.tenant);

  InferenceEndpointResources._attach(c, new InferenceEndpointResources({
    model, endpoint, endpointConfiguration: config, executionRole: role, executionPolicy: policy, key, captureBucket,
  }));
  return { endpointName: endpoint.name, endpointId: endpoint.arn };
}

export function estimateInferenceEndpoint(spec: InferenceEndpointSpec): CostEstimate {
  return estimateSageMakerEndpoint(spec, isUnresolved);
}

function imageFor(spec: InferenceEndpointSpec, ctx: AwsContext): string {
  if (spec.model.image) return spec.model.image;
  return `${DLC_ACCOUNT}.dkr.ecr.${ctx.region}.amazonaws.com/${HF_TGI_REPOSITORY}:${HF_TGI_TAG}`;
}

interface Network {
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
}

/** Subnets and security groups for a model in a private network: the target's, else the stack's isolated VPC. */
function placeInVpc(c: Construct, options: AwsTfTargetOptions, ctx: AwsContext, spec: InferenceEndpointSpec): Network {
  let vpcId: string;
  let cidr: string;
  let subnetIds: string[];
  if (options.vpcId) {
    vpcId = options.vpcId;
    subnetIds = options.subnetIds!;
    cidr = options.vpcCidrBlock ?? '';
  } else {
    const shared = (require('./network') as typeof import('./network')).sharedModelNetwork(c, ctx, spec.compliance.controls.logRetentionDays);
    vpcId = shared.vpcId;
    subnetIds = shared.subnetIds;
    cidr = shared.cidrBlock;
  }
  if (options.securityGroupIds?.length) return { subnetIds, securityGroupIds: options.securityGroupIds };
  if (!cidr) cidr = new DataAwsVpc(c, 'Vpc', { id: vpcId }).cidrBlock;
  const sg = new SecurityGroup(c, 'SecurityGroup', {
    namePrefix: `${physicalName(c, 40)}-`,
    vpcId,
    description: securityGroupDescription(`Model containers of ${c.node.path}: no inbound; HTTPS to the VPC only`),
    egress: [{ description: 'HTTPS to VPC endpoints', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [cidr] }],
    ingress: [],
    revokeRulesOnDelete: true,
  });
  return { subnetIds, securityGroupIds: [sg.id] };
}

/** The InferenceEndpoint renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<InferenceEndpointSpec, InferenceEndpointOutputs, AwsTfTargetOptions> = {
  validate: validateInferenceEndpoint,
  render: renderInferenceEndpoint,
  estimate: (spec) => estimateInferenceEndpoint(spec),
};
