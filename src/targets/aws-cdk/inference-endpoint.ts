/*
 * InferenceEndpoint → Amazon SageMaker real-time hosting (aws-cdk-lib L1s; deep imports only).
 *
 * Naming: Model and EndpointConfig names are left to CloudFormation so that any change replaces the config and
 * the Endpoint updates in place (fixed config names break updates; research/aws.md §4.3). An inference component
 * needs a physical name (its scalable target and alarm refer to it by name, and it has no name attribute), so one
 * is derived from the construct path.
 * SageMaker names: 1-63 characters, ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}.
 */
import { CfnScalableTarget, CfnScalingPolicy } from 'aws-cdk-lib/aws-applicationautoscaling';
import { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnSecurityGroup, ISecurityGroup, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { CfnEndpoint, CfnEndpointConfig, CfnInferenceComponent, CfnModel } from 'aws-cdk-lib/aws-sagemaker';
import { Aws, Duration, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { alarmTopic } from './alarms';
import { secureDataBucket } from './buckets';
import { acknowledge, acknowledgeWildcards, inCompliancePacks, recordProfile, WILDCARD_REASONS } from './compliance';
import { keepLogicalIds } from './logical-ids';
import { stackPlace } from './place';
import { ensureCostReport } from './reports';
import { InferenceEndpointResources } from './resources';
import type { AwsCdkTargetOptions } from './target';
import { targetOptionIssues, targetSubnetIssues, targetSubnets, vpcCidrIssues } from './target-options';
import { awsTenant, tagTenantOwned } from './tenancy';
import { SharedVpc, sharedStackVpc } from './vpc';
import { CostEstimate } from '../../core/cost';
import { ValidationIssue } from '../../core/errors';
import { InferenceEndpointOutputs, InferenceEndpointSpec } from '../../core/inference-endpoint/spec';
import { ModelSourceKind } from '../../core/model-source';
import { claimNameProp } from '../../core/names';
import { RendererModule } from '../../core/renderer';
import { endpointExecutionStatements, keyDescription, policyDescription, roleDescription, securityGroupDescription } from '../shared-aws/iam';
import {
  DLC_ACCOUNT, endpointAlarms, estimateSageMakerEndpoint, noCapacityAlarm as noCapacityAlarmSpec, HF_TGI_REPOSITORY, HF_TGI_TAG, MODEL_DOWNLOAD_SECONDS, sageMakerEnvironment, sageMakerInstanceType,
  sageMakerModelData, scalingMetric, scalingPolicyName, STARTUP_HEALTH_CHECK_SECONDS, validateSageMakerEndpoint, VARIANT, volumeKeyAllowed, volumeKeyOmittedReason,
} from '../shared-aws/inference-endpoint';

/** Target-specific checks: those both AWS targets make, and what only CloudFormation cannot express. */
export function validateInferenceEndpoint(spec: InferenceEndpointSpec, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues = validateSageMakerEndpoint(spec, isUnresolved);
  if (isUnresolved(spec.latencyAlarmThresholdMs)) {
    // The alarm compares ModelLatency in microseconds; CloudFormation has no intrinsic that multiplies a parameter.
    issues.push({ prop: 'latencyAlarmThresholdMs', received: 'an unresolved token', allowed: 'a literal number of milliseconds on CloudFormation (the alarm threshold is in microseconds, and CloudFormation cannot multiply a parameter)' });
  }
  return issues;
}

/** Renders the endpoint under `scope`. */
export function renderInferenceEndpoint(scope: IConstruct, spec: InferenceEndpointSpec, options: AwsCdkTargetOptions): InferenceEndpointOutputs {
  claimNameProp(scope, spec.name, 'SageMaker endpoint', stackPlace(scope), 'an endpoint name no other InferenceEndpoint uses');
  ensureCostReport(scope);
  keepLogicalIds(scope);
  const instanceType = sageMakerInstanceType(spec);
  const scaleToZero = spec.minReplicas === 0;
  const kmsOnVolume = kmsKeyOnVolume(instanceType);
  const needsKey = kmsOnVolume || spec.requestLogging.enabled;
  const tenant = awsTenant(spec.tenant, scope);
  const key: IKey | undefined = needsKey
    ? tenant?.key ?? options.encryptionKey ?? new Key(scope, 'Key', {
      description: keyDescription(`ai-infra-constructs: ${scope.node.path}`),
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    })
    : undefined;

  // Network placement: private when the profile demands it or the target brings a VPC.
  const network = spec.compliance.controls.privateNetworking || options.vpc ? placeInVpc(scope, options) : undefined;

  // Execution role: a customer-managed policy (no inline policies, no AmazonSageMakerFullAccess).
  const role = new Role(scope, 'ExecutionRole', {
    assumedBy: new ServicePrincipal('sagemaker.amazonaws.com'),
    permissionsBoundary: tenant?.boundary, // a tenant's endpoint role stays inside the tenant's boundary
    description: roleDescription(`SageMaker execution role for ${scope.node.path}`),
  });
  const policy = new ManagedPolicy(scope, 'ExecutionPolicy', {
    description: policyDescription(`Least-privilege SageMaker execution policy for ${scope.node.path}`),
    roles: [role],
  });
  const image = imageFor(spec)!;
  for (const s of executionStatements(spec, image, key, network !== undefined)) policy.addStatements(s);

  // Data capture (prompt/response logging): encrypted, sampled, expired.
  let captureBucket: Bucket | undefined;
  let dataCaptureConfig: CfnEndpointConfig.DataCaptureConfigProperty | undefined;
  if (spec.requestLogging.enabled) {
    ({ bucket: captureBucket } = secureDataBucket(scope as Construct, 'CaptureBucket', {
      key: key!,
      removal: RemovalPolicy.RETAIN,
      logRetentionDays: spec.compliance.controls.logRetentionDays,
      logPrefix: 'capture',
      logBucketId: 'CaptureAccessLogs',
      lifecycleRules: [{
        id: 'expire-captured-requests',
        expiration: Duration.days(spec.requestLogging.retentionDays),
        noncurrentVersionExpiration: Duration.days(1),
      }],
    }));
    policy.addStatements(new PolicyStatement({
      sid: 'WriteCapture',
      actions: ['s3:PutObject'],
      resources: [captureBucket.arnForObjects('capture/*')],
    }));
    dataCaptureConfig = {
      enableCapture: true,
      initialSamplingPercentage: spec.requestLogging.samplingPercent,
      destinationS3Uri: `s3://${captureBucket.bucketName}/capture`,
      kmsKeyId: key!.keyArn,
      captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
      captureContentTypeHeader: { jsonContentTypes: ['application/json'] },
    };
  }

  const model = new CfnModel(scope, 'Model', {
    executionRoleArn: role.roleArn,
    enableNetworkIsolation: true,
    primaryContainer: {
      image,
      environment: sageMakerEnvironment(spec),
      ...modelData(spec.model.modelDataUri),
    },
    vpcConfig: network ? { subnets: network.subnetIds, securityGroupIds: network.securityGroupIds } : undefined,
  });
  model.node.addDependency(policy);
  recordProfile(model, spec.compliance);

  const variant: CfnEndpointConfig.ProductionVariantProperty = scaleToZero
    ? {
      variantName: VARIANT,
      instanceType,
      initialInstanceCount: 1,
      managedInstanceScaling: { status: 'ENABLED', minInstanceCount: 0, maxInstanceCount: spec.maxReplicas },
      routingConfig: { routingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
    }
    : {
      variantName: VARIANT,
      modelName: model.attrModelName,
      instanceType,
      initialInstanceCount: spec.minReplicas,
      initialVariantWeight: 1,
      containerStartupHealthCheckTimeoutInSeconds: STARTUP_HEALTH_CHECK_SECONDS,
      modelDataDownloadTimeoutInSeconds: MODEL_DOWNLOAD_SECONDS,
      routingConfig: { routingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
    };

  const config = new CfnEndpointConfig(scope, 'EndpointConfig', {
    productionVariants: [variant],
    // KmsKeyId only where the instance type accepts it: types with local NVMe storage make CreateEndpointConfig
    // fail when it is set (their instance store is encrypted by the Nitro NVMe controller instead).
    kmsKeyId: kmsOnVolume ? key!.keyArn : undefined,
    dataCaptureConfig,
    // Inference components need the execution role (and network settings) on the config.
    executionRoleArn: scaleToZero ? role.roleArn : undefined,
    enableNetworkIsolation: scaleToZero ? true : undefined,
    vpcConfig: scaleToZero && network ? { subnets: network.subnetIds, securityGroupIds: network.securityGroupIds } : undefined,
  });
  config.node.addDependency(policy);
  if (!kmsOnVolume) {
    acknowledge(config, inCompliancePacks('SageMakerEndpointConfigurationKMSKeyConfigured'), volumeKeyOmittedReason(instanceType, Token.isUnresolved));
  }

  const endpoint = new CfnEndpoint(scope, 'Resource', {
    endpointConfigName: config.attrEndpointConfigName,
    endpointName: spec.name,
  });

  let inferenceComponent: CfnInferenceComponent | undefined;
  let resourceId: string;
  let dimension: string;
  let metricDimensions: CfnAlarm.DimensionProperty[];
  if (scaleToZero) {
    // From the endpoint name when it is known; a token name cannot be cut or cleaned at synth, so the component is
    // then named from the construct path (still unique, always valid).
    const icName = spec.name && !Token.isUnresolved(spec.name) ? `${spec.name.slice(0, 60)}-ic` : Names.uniqueResourceName(scope, { maxLength: 60, separator: '-' }) + '-ic';
    inferenceComponent = new CfnInferenceComponent(scope, 'InferenceComponent', {
      inferenceComponentName: icName.replace(/[^a-zA-Z0-9-]/g, '-').replace(/^-+/, ''),
      endpointName: endpoint.attrEndpointName,
      variantName: VARIANT,
      specification: {
        modelName: model.attrModelName,
        computeResourceRequirements: {
          numberOfAcceleratorDevicesRequired: spec.acceleratorCount,
          minMemoryRequiredInMb: 1024,
        },
        startupParameters: {
          containerStartupHealthCheckTimeoutInSeconds: STARTUP_HEALTH_CHECK_SECONDS,
          modelDataDownloadTimeoutInSeconds: MODEL_DOWNLOAD_SECONDS,
        },
      },
      // CopyCount 0 is rejected at creation: start with one copy, the policies scale it in to zero.
      runtimeConfig: { copyCount: 1 },
    });
    const name = inferenceComponent.inferenceComponentName!;
    resourceId = `inference-component/${name}`;
    dimension = 'sagemaker:inference-component:DesiredCopyCount';
    metricDimensions = [{ name: 'InferenceComponentName', value: name }];
  } else {
    resourceId = `endpoint/${endpoint.attrEndpointName}/variant/${VARIANT}`;
    dimension = 'sagemaker:variant:DesiredInstanceCount';
    metricDimensions = [{ name: 'EndpointName', value: endpoint.attrEndpointName }, { name: 'VariantName', value: VARIANT }];
  }

  // Autoscaling (service-linked role: no RoleARN).
  const scalableTarget = new CfnScalableTarget(scope, 'ScalableTarget', {
    serviceNamespace: 'sagemaker',
    resourceId,
    scalableDimension: dimension,
    minCapacity: spec.minReplicas,
    maxCapacity: spec.maxReplicas,
  });
  scalableTarget.node.addDependency(inferenceComponent ?? endpoint);

  const { metricType, targetValue } = scalingMetric(spec);
  const trackingPolicy = new CfnScalingPolicy(scope, 'TargetTrackingPolicy', {
    policyName: scalingPolicyName(scope.node.id, 'target-tracking'),
    policyType: 'TargetTrackingScaling',
    scalingTargetId: scalableTarget.ref,
    targetTrackingScalingPolicyConfiguration: {
      predefinedMetricSpecification: { predefinedMetricType: metricType },
      targetValue,
      scaleInCooldown: 300,
      scaleOutCooldown: 60,
    },
  });

  let wakePolicy: CfnScalingPolicy | undefined;
  let noCapacityAlarm: CfnAlarm | undefined;
  if (scaleToZero) {
    // Wake from zero: target tracking cannot leave 0 copies; a step policy driven by the
    // NoCapacityInvocationFailures alarm adds the first copy (research/aws.md §4.2).
    wakePolicy = new CfnScalingPolicy(scope, 'ScaleFromZeroPolicy', {
      policyName: scalingPolicyName(scope.node.id, 'scale-from-zero'),
      policyType: 'StepScaling',
      scalingTargetId: scalableTarget.ref,
      stepScalingPolicyConfiguration: {
        adjustmentType: 'ChangeInCapacity',
        metricAggregationType: 'Maximum',
        cooldown: 60,
        stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
      },
    });
    noCapacityAlarm = new CfnAlarm(scope, 'NoCapacityAlarm', {
      ...noCapacityAlarmSpec(scope.node.path),
      dimensions: metricDimensions,
      alarmActions: [wakePolicy.ref],
    });
  }

  const notify = [alarmTopic(scope, options).topicArn];
  const alarms = endpointAlarms(spec, scope.node.path);
  const errorAlarm = new CfnAlarm(scope, 'Errors5xxAlarm', { ...alarms.errors5xx, dimensions: metricDimensions, alarmActions: notify, okActions: notify });
  const latencyAlarm = new CfnAlarm(scope, 'LatencyAlarm', { ...alarms.latency, dimensions: metricDimensions, alarmActions: notify, okActions: notify });

  // Cost-allocation tags (and the tenant's TenantId, which ABAC compares) on every taggable resource.
  tagTenantOwned(scope, spec.tags, spec.tenant);

  acknowledgeWildcards(policy, WILDCARD_REASONS);

  // The security groups as ISecurityGroup are made on first read: importing one costs construct-tree work that only
  // a user of the escape hatch should pay for.
  let securityGroups: ISecurityGroup[] | undefined;
  InferenceEndpointResources._attach(scope, new InferenceEndpointResources({
    cfnModel: model,
    cfnEndpointConfig: config,
    cfnEndpoint: endpoint,
    cfnInferenceComponent: inferenceComponent,
    executionRole: role,
    executionPolicy: policy,
    encryptionKey: key,
    captureBucket,
    scalableTarget,
    targetTrackingPolicy: trackingPolicy,
    scaleFromZeroPolicy: wakePolicy,
    noCapacityAlarm,
    errorsAlarm: errorAlarm,
    latencyAlarm,
    get securityGroups() { return network ? (securityGroups ??= network.securityGroups()) : undefined; },
  }));

  return { endpointName: endpoint.attrEndpointName, endpointId: endpoint.ref };
}

/** Prices the endpoint (shared with the Terraform AWS target). */
export function estimateInferenceEndpoint(spec: InferenceEndpointSpec): CostEstimate {
  return estimateSageMakerEndpoint(spec, Token.isUnresolved);
}

/** Whether EndpointConfig.KmsKeyId can be set (known, non-NVMe instance type). */
function kmsKeyOnVolume(instanceType: string): boolean {
  return volumeKeyAllowed(instanceType, Token.isUnresolved);
}

function imageFor(spec: InferenceEndpointSpec): string | undefined {
  if (spec.model.image) return spec.model.image;
  if (spec.model.kind === ModelSourceKind.HUGGING_FACE) {
    return `${DLC_ACCOUNT}.dkr.ecr.${Aws.REGION}.${Aws.URL_SUFFIX}/${HF_TGI_REPOSITORY}:${HF_TGI_TAG}`;
  }
  return undefined;
}

function modelData(uri: string | undefined): Partial<CfnModel.ContainerDefinitionProperty> {
  const d = sageMakerModelData(uri, Token.isUnresolved);
  if (d.modelDataUrl) return { modelDataUrl: d.modelDataUrl };
  if (!d.s3Prefix) return {};
  return { modelDataSource: { s3DataSource: { s3Uri: d.s3Prefix, s3DataType: 'S3Prefix', compressionType: 'None' } } };
}

function executionStatements(spec: InferenceEndpointSpec, image: string, key: IKey | undefined, inVpc: boolean): PolicyStatement[] {
  const ctx = { partition: Aws.PARTITION, region: Aws.REGION, accountId: Aws.ACCOUNT_ID };
  return endpointExecutionStatements(spec, image, key?.keyArn, inVpc, ctx, Token.isUnresolved).map((st) => PolicyStatement.fromJson(st));
}

interface Network {
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** The security groups, as typed for the escape hatch (made on first read). */
  readonly securityGroups: () => ISecurityGroup[];
}

const SHARED_VPC_ID = 'AiInfraPrivateVpc';

/** Subnets and security groups for a model in a private network. */
function placeInVpc(scope: IConstruct, options: AwsCdkTargetOptions): Network {
  const shared = options.vpc ? undefined : sharedPrivateVpc(Stack.of(scope));
  const vpc: Pick<SharedVpc, 'vpcId' | 'vpcCidrBlock'> = options.vpc ?? shared!;
  const subnetIds = shared ? shared.privateSubnetIds : targetSubnets(options.vpc!, options).subnetIds;
  const given = options.securityGroups;
  if (given && given.length > 0) return { subnetIds, securityGroupIds: given.map((g) => g.securityGroupId), securityGroups: () => given };
  // No inbound; HTTPS to the VPC's CIDR only (what `SecurityGroup` with allowAllOutbound: false and one egress rule
  // rendered, under the same path). The CIDR is read only here: given groups need no CIDR (see vpcCidrIssues).
  const sgScope = new Construct(scope, 'SecurityGroup');
  const sg = new CfnSecurityGroup(sgScope, 'Resource', {
    groupDescription: securityGroupDescription(`Model containers of ${scope.node.path}: no inbound; HTTPS to the VPC only`),
    securityGroupEgress: [{ cidrIp: vpc.vpcCidrBlock, description: 'HTTPS to VPC endpoints', fromPort: 443, ipProtocol: 'tcp', toPort: 443 }],
    vpcId: vpc.vpcId,
  });
  return {
    subnetIds,
    securityGroupIds: [sg.attrGroupId],
    securityGroups: () => [SecurityGroup.fromSecurityGroupId(sgScope, 'Typed', sg.attrGroupId, { allowAllOutbound: false })],
  };
}

/**
 * A private, isolated VPC shared by every endpoint of the stack that needs one: no internet gateway, no NAT,
 * an S3 gateway endpoint for model artifacts, and flow logs.
 */
function sharedPrivateVpc(stack: Stack): SharedVpc {
  return sharedStackVpc(stack, SHARED_VPC_ID, { privateSubnets: { name: 'models', cidrMask: 20, egress: false }, s3GatewayEndpoint: true });
}

/** The InferenceEndpoint renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<InferenceEndpointSpec, ReturnType<typeof renderInferenceEndpoint>, AwsCdkTargetOptions> = {
  // An existing VPC is used whenever it is given (see placeInVpc).
  validate: (spec, options, isUnresolved) => [
    ...targetOptionIssues(options, isUnresolved), ...validateInferenceEndpoint(spec, isUnresolved),
    ...targetSubnetIssues(options, 1, 'the model containers'), ...vpcCidrIssues(options, 'the model containers'),
  ],
  render: renderInferenceEndpoint,
  estimate: (spec, _options) => estimateInferenceEndpoint(spec),
};
