/**
 * InferenceEndpoint on AWS through Terraform: the CloudFormation target's resources and defaults, with Terraform's
 * update pitfalls handled (generated config names + create_before_destroy) and scale to zero through awscc.
 */
import { TerraformVariable } from 'cdktf';
import { Accelerator, ComplianceProfile, InferenceEndpoint, InferenceEndpointProps, ModelSource, SecureTenant, tfaws } from '../../../src';
import { all, ECR_IMAGE, only, synthAwsTf, TfJson, validationError } from '../../util';

const container = ModelSource.container({ image: ECR_IMAGE, modelDataUri: 's3://my-models/llama/', environment: { MODEL_ID: 'x' } });
const synth = (props: Partial<InferenceEndpointProps> = {}, options: Partial<tfaws.AwsTfTargetOptions> = {}): TfJson =>
  synthAwsTf((s) => { new InferenceEndpoint(s, 'Chat', { model: container, ...props }); }, options);
const policyOf = (json: TfJson, match: RegExp) => JSON.parse(Object.entries(json.resource.aws_iam_policy).find(([k]) => match.test(k))![1].policy);

describe('InferenceEndpoint on AWS/Terraform (defaults: min 1, max 2, L4)', () => {
  const json = synth();

  test('renders model, endpoint config, endpoint, autoscaling and alarms with the aws provider pinned', () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      'aws_appautoscaling_policy', 'aws_appautoscaling_target', 'aws_cloudwatch_metric_alarm', 'aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy_attachment',
      'aws_kms_key', 'aws_sagemaker_endpoint', 'aws_sagemaker_endpoint_configuration', 'aws_sagemaker_model', 'aws_sns_topic', 'aws_sns_topic_policy',
    ]);
    expect(json.terraform.required_providers.aws).toEqual({ source: 'aws', version: '6.25.0' });
    expect(json.provider!.aws).toEqual([{ region: 'us-east-1' }]);
    expect(json.terraform.required_providers.awscc).toBeUndefined();
  });

  test('the model runs with network isolation, reads its weights from the S3 prefix, and is replaced before it is destroyed', () => {
    expect(only(json, 'aws_sagemaker_model')).toMatchObject({
      enable_network_isolation: true,
      primary_container: {
        image: ECR_IMAGE,
        environment: { MODEL_ID: 'x' },
        model_data_source: { s3_data_source: [{ s3_uri: 's3://my-models/llama/', s3_data_type: 'S3Prefix', compression_type: 'None' }] },
      },
      lifecycle: { create_before_destroy: true },
    });
  });

  test('the endpoint config has a generated name and create_before_destroy (configs cannot change in place)', () => {
    const config = only(json, 'aws_sagemaker_endpoint_configuration');
    expect(config.name).toBeUndefined();
    expect(config.name_prefix).toMatch(/^Chat-[0-9a-f]{8}-$/);
    expect(config.lifecycle).toEqual({ create_before_destroy: true });
    expect(config.production_variants).toEqual([expect.objectContaining({
      variant_name: 'AllTraffic',
      instance_type: 'ml.g6.xlarge',
      initial_instance_count: 1,
      container_startup_health_check_timeout_in_seconds: 900,
      model_data_download_timeout_in_seconds: 1800,
      routing_config: [{ routing_strategy: 'LEAST_OUTSTANDING_REQUESTS' }],
    })]);
    // ml.g6 has local NVMe storage: SageMaker rejects KmsKeyId there, and the rule finding is acknowledged with the reason.
    expect(config.kms_key_arn).toBeUndefined();
    expect(only(json, 'aws_sagemaker_endpoint').endpoint_config_name).toMatch(/^\$\{aws_sagemaker_endpoint_configuration\.Chat_EndpointConfig_\w+\.name\}$/);
  });

  test('the execution policy is least privilege: the ECR repository, the model prefix, and * only where IAM has no resource scope', () => {
    const doc = policyOf(json, /ExecutionPolicy/);
    const bySid = Object.fromEntries(doc.Statement.map((s: any) => [s.Sid, s]));
    expect(bySid.PullModelImage.Resource).toEqual(['arn:${data.aws_partition.AiInfraAwsPartition.partition}:ecr:us-east-1:123456789012:repository/vllm']);
    expect(bySid.ReadModelArtifacts.Resource).toEqual(['arn:${data.aws_partition.AiInfraAwsPartition.partition}:s3:::my-models/llama/*']);
    expect(bySid.ListModelArtifacts.Condition).toEqual({ StringLike: { 's3:prefix': ['llama/*'] } });
    const wildcards = doc.Statement.filter((s: any) => s.Resource.includes('*')).map((s: any) => s.Sid).sort();
    expect(wildcards).toEqual(['EcrAuthToken', 'EndpointMetrics']);
    expect(only(json, 'aws_iam_role').assume_role_policy).toContain('sagemaker.amazonaws.com');
  });

  test('target tracking on invocations per instance, and 5xx / latency alarms to the stack topic (KMS, TLS-only)', () => {
    expect(only(json, 'aws_appautoscaling_target')).toMatchObject({ service_namespace: 'sagemaker', scalable_dimension: 'sagemaker:variant:DesiredInstanceCount', min_capacity: 1, max_capacity: 2 });
    expect(only(json, 'aws_appautoscaling_policy').target_tracking_scaling_policy_configuration).toMatchObject({
      predefined_metric_specification: { predefined_metric_type: 'SageMakerVariantInvocationsPerInstance' },
    });
    const alarms = all(json, 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.metric_name).sort()).toEqual(['Invocation5XXErrors', 'ModelLatency']);
    for (const a of alarms) expect(a.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.AiInfraAlarms_\w+\.arn\}$/)]);
    expect(only(json, 'aws_sns_topic').kms_master_key_id).toMatch(/aws_kms_key\.AiInfraAlarms_Key/);
    expect(only(json, 'aws_sns_topic_policy').policy).toContain('aws:SecureTransport');
  });

  test('a tag with an empty value stays on the alarms (the CloudWatch API takes it), and is left off the awscc inference component (its schema does not)', () => {
    for (const a of all(synth({ tags: { owner: '' } }), 'aws_cloudwatch_metric_alarm')) expect(a.tags).toMatchObject({ owner: '', workload: 'Chat' });
    const scaled = synth({ minReplicas: 0, maxReplicas: 2, tags: { owner: '', team: 'ml' } });
    expect(only(scaled, 'aws_sagemaker_endpoint').tags).toMatchObject({ owner: '', team: 'ml' });
    const ic = only(scaled, 'awscc_sagemaker_inference_component');
    expect(ic.tags).toEqual(expect.arrayContaining([{ key: 'team', value: 'ml' }]));
    expect(ic.tags.map((t: any) => t.key)).not.toContain('owner');
  });

  test('every taggable resource carries the cost-allocation tags', () => {
    for (const type of ['aws_sagemaker_model', 'aws_sagemaker_endpoint', 'aws_sagemaker_endpoint_configuration', 'aws_iam_role']) {
      expect(only(json, type).tags).toMatchObject({ 'workload': 'Chat', 'managed-by': 'ai-infra-constructs' });
    }
  });
});

describe('scale to zero renders what hashicorp/aws lacks with awscc', () => {
  const json = synth({ minReplicas: 0, maxReplicas: 3, targetConcurrencyPerReplica: 4 });

  test('with a token name, the inference component is named from the path, not from the token placeholder', () => {
    const named = synthAwsTf((s) => {
      new InferenceEndpoint(s, 'Chat', { model: container, minReplicas: 0, maxReplicas: 3, name: new TerraformVariable(s, 'endpoint_name', { type: 'string' }).stringValue });
    });
    expect(only(named, 'aws_sagemaker_endpoint').name).toBe('${var.endpoint_name}');
    const icName = only(named, 'awscc_sagemaker_inference_component').inference_component_name;
    expect(icName).toMatch(/^[a-zA-Z0-9-]{1,63}$/);
    expect(icName).not.toMatch(/TOKEN/i);
    expect(icName).toMatch(/-ic$/);
  });

  test('an awscc endpoint config (execution role, network isolation, managed instance scaling) and an inference component', () => {
    expect(json.terraform.required_providers.awscc).toEqual({ source: 'hashicorp/awscc', version: '~> 1.100' });
    expect(json.resource.aws_sagemaker_endpoint_configuration).toBeUndefined();
    const config = only(json, 'awscc_sagemaker_endpoint_config');
    expect(config).toMatchObject({
      enable_network_isolation: true,
      execution_role_arn: expect.stringMatching(/aws_iam_role\.Chat_ExecutionRole/),
      production_variants: [{ variant_name: 'AllTraffic', instance_type: 'ml.g6.xlarge', managed_instance_scaling: { status: 'ENABLED', min_instance_count: 0, max_instance_count: 3 } }],
      lifecycle: { create_before_destroy: true },
    });
    expect(config.tags).toEqual(expect.arrayContaining([{ key: 'workload', value: 'Chat' }]));
    const ic = only(json, 'awscc_sagemaker_inference_component');
    expect(ic).toMatchObject({
      endpoint_name: expect.stringMatching(/aws_sagemaker_endpoint\.Chat/),
      specification: { model_name: expect.stringMatching(/aws_sagemaker_model\.Chat_Model/), compute_resource_requirements: { number_of_accelerator_devices_required: 1 } },
      runtime_config: { copy_count: 1 },
    });
    expect(only(json, 'aws_sagemaker_endpoint').endpoint_config_name).toMatch(/awscc_sagemaker_endpoint_config\.Chat_EndpointConfig_\w+\.endpoint_config_name/);
  });

  test('awscc resources carry the same cost and tenant tags as the rest (as a { key, value } list)', () => {
    const j = synthAwsTf((s) => {
      const tenant = new SecureTenant(s, 'T', { tenantId: 'acme', costCenter: 'cc-7' });
      new InferenceEndpoint(s, 'Chat', { model: container, minReplicas: 0, tenant });
    });
    const expected = only(j, 'aws_sagemaker_endpoint').tags;
    for (const type of ['awscc_sagemaker_endpoint_config', 'awscc_sagemaker_inference_component']) {
      const tags = Object.fromEntries(only(j, type).tags.map((t: any) => [t.key, t.value]));
      expect(tags).toEqual(expected);
      expect(tags).toMatchObject({ TenantId: 'acme', CostCenter: 'cc-7' });
    }
  });

  test('copy-count scaling on concurrency, a step policy and a NoCapacityInvocationFailures alarm wake it from zero', () => {
    expect(only(json, 'aws_appautoscaling_target')).toMatchObject({ scalable_dimension: 'sagemaker:inference-component:DesiredCopyCount', min_capacity: 0, max_capacity: 3 });
    const policies = all(json, 'aws_appautoscaling_policy');
    expect(policies.map((p) => p.policy_type).sort()).toEqual(['StepScaling', 'TargetTrackingScaling']);
    expect(policies.find((p) => p.policy_type === 'TargetTrackingScaling').target_tracking_scaling_policy_configuration).toMatchObject({
      predefined_metric_specification: { predefined_metric_type: 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution' }, target_value: 4,
    });
    const wake = all(json, 'aws_cloudwatch_metric_alarm').find((a) => a.metric_name === 'NoCapacityInvocationFailures');
    expect(wake.alarm_actions).toEqual([expect.stringMatching(/aws_appautoscaling_policy\.Chat_ScaleFromZeroPolicy_\w+\.arn/)]);
  });
});

test('a latency threshold given as a Terraform variable is converted to microseconds by Terraform', () => {
  const json = synthAwsTf((s) => {
    new InferenceEndpoint(s, 'Chat', { model: container, latencyAlarmThresholdMs: new TerraformVariable(s, 'latency_ms', { type: 'number' }).numberValue });
  });
  const latency = all(json, 'aws_cloudwatch_metric_alarm').find((a) => a.metric_name === 'ModelLatency');
  expect(latency).toMatchObject({ threshold: '${(var.latency_ms * 1000)}', alarm_description: expect.stringMatching(/above the configured threshold$/) });
});

describe('profiles and options', () => {
  test('HIPAA: the model runs in the stack\'s isolated VPC (no IGW, no NAT), with an HTTPS-to-VPC-only security group and flow logs', () => {
    const json = synth({ compliance: ComplianceProfile.HIPAA });
    const model = only(json, 'aws_sagemaker_model');
    expect(model.vpc_config.subnets).toHaveLength(2);
    expect(json.resource.aws_internet_gateway).toBeUndefined();
    expect(json.resource.aws_nat_gateway).toBeUndefined();
    const sg = only(json, 'aws_security_group');
    expect(sg.ingress).toEqual([]);
    expect(sg.egress).toEqual([expect.objectContaining({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [expect.stringMatching(/^\$\{aws_vpc\.AiInfraPrivateVpc_\w+\.cidr_block\}$/)] })]);
    expect(only(json, 'aws_flow_log')).toMatchObject({ traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    expect(only(json, 'aws_default_security_group')).not.toHaveProperty('ingress');
    expect(only(json, 'aws_vpc_endpoint')).toMatchObject({ service_name: 'com.amazonaws.us-east-1.s3', vpc_endpoint_type: 'Gateway' });
  });

  test('an existing VPC, subnets, key and topic from the target are used instead of new ones', () => {
    const json = synth({ requestLogging: { enabled: true } }, {
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
      securityGroupIds: ['sg-0123456789abcdef0'],
      kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555',
      alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:oncall',
    });
    expect(only(json, 'aws_sagemaker_model').vpc_config).toEqual({ subnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'], security_group_ids: ['sg-0123456789abcdef0'] });
    expect(json.resource.aws_vpc).toBeUndefined();
    expect(json.resource.aws_sns_topic).toBeUndefined();
    expect(all(json, 'aws_kms_key')).toEqual([]);
    const capture = only(json, 'aws_sagemaker_endpoint_configuration').data_capture_config;
    expect(capture).toMatchObject({ enable_capture: true, initial_sampling_percentage: expect.any(Number), kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555' });
    for (const a of all(json, 'aws_cloudwatch_metric_alarm')) expect(a.alarm_actions).toEqual(['arn:aws:sns:us-east-1:123456789012:oncall']);
  });

  test('request logging: a KMS-encrypted, SSL-only, versioned, retained capture bucket that expires captures', () => {
    const json = synth({ requestLogging: { enabled: true, retentionDays: 30 } });
    const buckets = all(json, 'aws_s3_bucket');
    expect(buckets).toHaveLength(2); // capture + its access-log bucket
    for (const b of buckets) expect(b).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
    const sse = all(json, 'aws_s3_bucket_server_side_encryption_configuration').map((x) => x.rule[0].apply_server_side_encryption_by_default.sse_algorithm).sort();
    expect(sse).toEqual(['AES256', 'aws:kms']); // log delivery supports SSE-S3 only (acknowledged)
    expect(all(json, 'aws_s3_bucket_public_access_block')).toHaveLength(2);
    expect(all(json, 'aws_s3_bucket_policy').every((p) => p.policy.includes('"aws:SecureTransport":"false"'))).toBe(true);
    const expiry = all(json, 'aws_s3_bucket_lifecycle_configuration').find((l) => l.rule[0].id === 'expire-captured-requests');
    expect(expiry.rule[0].expiration).toEqual([{ days: 30 }]);
    expect((json as any).locals.ai_infra_constructs_compliance.acknowledged.map((a: any) => a.rule).sort()).toEqual(['CKV_AWS_145', 'CKV_AWS_98']);
  });

  test('a token instance type: no kms_key_arn (it may be an NVMe type), and the reason says so instead of quoting the token', () => {
    const json = synthAwsTf((s) => {
      new InferenceEndpoint(s, 'Chat', { model: container, instanceType: { aws: new TerraformVariable(s, 'type', { type: 'string' }).stringValue } });
    });
    const config = only(json, 'aws_sagemaker_endpoint_configuration');
    expect(config.kms_key_arn).toBeUndefined();
    expect(config.production_variants[0].instance_type).toBe('${var.type}');
    const ack = (json as any).locals.ai_infra_constructs_compliance.acknowledged.find((a: any) => a.rule === 'CKV_AWS_98');
    expect(ack.reason).toMatch(/^KmsKeyId is not set: the instance type is a token, unknown at synth, and SageMaker rejects KmsKeyId on types with local NVMe/);
    expect(JSON.stringify((json as any).locals)).not.toMatch(/TfToken|TOKEN/);
  });

  test('bad input fails at synth naming the prop (shared validation with the CloudFormation target)', () => {
    expect(validationError(() => synth({ model: ModelSource.container({ image: 'docker.io/vllm:1' }) })).issues.map((i) => i.prop)).toEqual(['model.image']);
    expect(validationError(() => synth({ accelerator: Accelerator.NVIDIA_A100_40GB, acceleratorCount: 3 })).issues[0].prop).toBe('acceleratorCount');
    expect(validationError(() => synth({}, { region: 'mars-1' })).issues.map((i) => i.prop)).toEqual(['AwsTfTarget.region']);
    expect(validationError(() => synth({}, { vpcId: 'vpc-0123456789abcdef0' })).issues.map((i) => i.prop)).toEqual(['AwsTfTarget.subnetIds']);
  });
});
