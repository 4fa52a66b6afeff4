import { Match, Template } from 'aws-cdk-lib/assertions';
import { Peer, Port, Vpc } from 'aws-cdk-lib/aws-ec2';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { App, CfnParameter, Stack } from 'aws-cdk-lib/core';
import { Accelerator, awscdk, ComplianceProfile, InferenceEndpoint, InferenceEndpointProps, ModelSource, Target } from '../../../src';
import { ECR_IMAGE, synthAws, validationError } from '../../util';

const container = ModelSource.container({ image: ECR_IMAGE, modelDataUri: 's3://my-models/llama/', environment: { MODEL_ID: 'x' } });
const endpoint = (props: Partial<InferenceEndpointProps> = {}) => (stack: Stack) => {
  new InferenceEndpoint(stack, 'Chat', { model: container, ...props });
};

describe('InferenceEndpoint on AWS (defaults: min 1, max 2, L4)', () => {
  const t = synthAws(endpoint());

  test('renders model, config, endpoint, autoscaling and alarms', () => {
    const types = Object.values(t.toJSON().Resources).map((r: any) => r.Type).sort();
    expect(types).toEqual([
      'AWS::ApplicationAutoScaling::ScalableTarget',
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      'AWS::CloudWatch::Alarm',
      'AWS::CloudWatch::Alarm',
      'AWS::IAM::ManagedPolicy',
      'AWS::IAM::Role',
      'AWS::KMS::Key', // the stack's alarm topic key
      'AWS::SNS::Topic',
      'AWS::SNS::TopicPolicy',
      'AWS::SageMaker::Endpoint',
      'AWS::SageMaker::EndpointConfig',
      'AWS::SageMaker::Model',
    ]);
  });

  test('alarms notify the stack\'s alarm topic, which is KMS-encrypted (a key CloudWatch may use) and TLS-only', () => {
    const topicRef = { Ref: expect.stringMatching(/^AiInfraAlarms/) };
    for (const alarm of Object.values<any>(t.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([topicRef]);
      expect(alarm.Properties.OKActions).toEqual([topicRef]);
    }
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AiInfraAlarmsKey'), 'Arn'] } });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    const key = Object.values<any>(t.findResources('AWS::KMS::Key'))[0];
    expect(JSON.stringify(key.Properties.KeyPolicy)).toMatch(/cloudwatch\.amazonaws\.com/);
  });

  test('model runs with network isolation; uncompressed S3 prefix artifacts', () => {
    t.hasResourceProperties('AWS::SageMaker::Model', {
      EnableNetworkIsolation: true,
      PrimaryContainer: {
        Image: ECR_IMAGE,
        Environment: { MODEL_ID: 'x' },
        ModelDataSource: { S3DataSource: { S3Uri: 's3://my-models/llama/', S3DataType: 'S3Prefix', CompressionType: 'None' } },
      },
    });
  });

  test('names are left to CloudFormation so configs can be replaced', () => {
    const model = Object.values(t.findResources('AWS::SageMaker::Model'))[0] as any;
    const config = Object.values(t.findResources('AWS::SageMaker::EndpointConfig'))[0] as any;
    const ep = Object.values(t.findResources('AWS::SageMaker::Endpoint'))[0] as any;
    expect(model.Properties.ModelName).toBeUndefined();
    expect(config.Properties.EndpointConfigName).toBeUndefined();
    expect(ep.Properties.EndpointName).toBeUndefined();
  });

  test('config uses the accelerator table instance type; no KmsKeyId on NVMe types, with the reason recorded', () => {
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ InstanceType: 'ml.g6.xlarge', InitialInstanceCount: 1, VariantName: 'AllTraffic' })],
      KmsKeyId: Match.absent(),
    });
    const config = Object.values(t.findResources('AWS::SageMaker::EndpointConfig'))[0] as any;
    expect(config.Metadata['ai-infra-constructs:acknowledgement']).toEqual([{
      ruleIds: ['HIPAA.Security-SageMakerEndpointConfigurationKMSKeyConfigured', 'NIST.800.53.R5-SageMakerEndpointConfigurationKMSKeyConfigured', 'PCI.DSS.321-SageMakerEndpointConfigurationKMSKeyConfigured'],
      reason: expect.stringMatching(/local NVMe instance storage, for which SageMaker rejects KmsKeyId/),
    }]);
    expect(Object.keys(t.findResources('AWS::KMS::Key')).filter((id) => !id.startsWith('AiInfraAlarms'))).toEqual([]);
  });

  test('least-privilege role: no AWS-managed policies, no inline policies, wildcards only where AWS allows no resource', () => {
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'sagemaker.amazonaws.com' } })] },
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
    });
    t.resourceCountIs('AWS::IAM::Policy', 0);
    const policy = Object.values(t.findResources('AWS::IAM::ManagedPolicy'))[0] as any;
    const statements: any[] = policy.Properties.PolicyDocument.Statement;
    const wildcard = statements.filter((s) => s.Resource === '*').map((s) => s.Sid).sort();
    expect(wildcard).toEqual(['EcrAuthToken', 'EndpointMetrics']);
    expect(JSON.stringify(statements)).not.toMatch(/FullAccess/);
    const pull = statements.find((s) => s.Sid === 'PullModelImage');
    expect(JSON.stringify(pull.Resource)).toContain(':123456789012:repository/vllm');
    const read = statements.find((s) => s.Sid === 'ReadModelArtifacts');
    expect(JSON.stringify(read.Resource)).toContain(':::my-models/llama/*');
  });

  test('autoscaling: variant min/max and target tracking on invocations per instance', () => {
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ServiceNamespace: 'sagemaker',
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      MinCapacity: 1,
      MaxCapacity: 2,
      RoleARN: Match.absent(),
    });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
        TargetValue: 70,
      },
    });
  });

  test('alarms on 5xx errors and model latency', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Invocation5XXErrors', Namespace: 'AWS/SageMaker', Threshold: 5 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ModelLatency', Threshold: 30_000_000 });
  });

  test('cost-allocation tags on taggable resources', () => {
    for (const type of ['AWS::SageMaker::Endpoint', 'AWS::SageMaker::Model', 'AWS::IAM::Role']) {
      t.hasResourceProperties(type, { Tags: Match.arrayWith([{ Key: 'workload', Value: 'Chat' }]) });
      t.hasResourceProperties(type, { Tags: Match.arrayWith([{ Key: 'managed-by', Value: 'ai-infra-constructs' }]) });
    }
  });
});

test('a tag with an empty value is left off the alarms and inference components, whose CloudFormation schemas take values of 1-256 characters', () => {
  const validation = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'true'; // test/setup-env.ts turns aws-cdk-lib's schema validation off elsewhere
  try {
    const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
    new InferenceEndpoint(stack, 'Chat', { model: container, tags: { owner: '', team: 'ml' } });
    new InferenceEndpoint(stack, 'Batch', { model: container, minReplicas: 0, maxReplicas: 2, tags: { owner: '', team: 'ml' } }); // an inference component
    app.synth(); // validated against the schemas: an empty tag value on these types failed here (F3033)
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SageMaker::Endpoint', { Tags: Match.arrayWith([{ Key: 'owner', Value: '' }, { Key: 'team', Value: 'ml' }]) });
    const left = [...Object.values(t.findResources('AWS::CloudWatch::Alarm')), ...Object.values(t.findResources('AWS::SageMaker::InferenceComponent'))];
    expect(left.length).toBeGreaterThan(2);
    for (const r of left) {
      expect(r.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'ml' }]));
      expect(r.Properties.Tags.map((x: any) => x.Key)).not.toContain('owner');
    }
  } finally {
    process.env.CDK_VALIDATION = validation;
  }
});

describe('InferenceEndpoint on AWS: options', () => {
  test('targetConcurrencyPerReplica switches to high-resolution concurrency scaling', () => {
    const t = synthAws(endpoint({ targetConcurrencyPerReplica: 8, minReplicas: 2, maxReplicas: 6 }));
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantConcurrentRequestsPerModelHighResolution' },
        TargetValue: 8,
      }),
    });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 6 });
  });

  test('a latency threshold given as a parameter fails at synth: CloudFormation cannot convert it to microseconds', () => {
    const e = validationError(() => synthAws((s) => {
      new InferenceEndpoint(s, 'Chat', { model: container, latencyAlarmThresholdMs: new CfnParameter(s, 'LatencyMs', { type: 'Number' }).valueAsNumber });
    }));
    expect(e.issues).toEqual([expect.objectContaining({ prop: 'latencyAlarmThresholdMs', allowed: expect.stringMatching(/literal number of milliseconds/) })]);
  });

  test('minReplicas 0 with a token name: the inference component is named from the path, not from the token placeholder', () => {
    const t = synthAws((s) => {
      new InferenceEndpoint(s, 'Chat', { model: container, minReplicas: 0, maxReplicas: 3, name: new CfnParameter(s, 'EndpointName').valueAsString });
    });
    t.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: { Ref: 'EndpointName' } });
    const ic = Object.values(t.findResources('AWS::SageMaker::InferenceComponent'))[0] as any;
    expect(ic.Properties.InferenceComponentName).toMatch(/^[a-zA-Z0-9-]{1,63}$/);
    expect(ic.Properties.InferenceComponentName).not.toMatch(/TOKEN/i);
    expect(ic.Properties.InferenceComponentName).toMatch(/Chat.*-ic$/);
  });

  test('minReplicas 0: inference component, managed instance scaling to 0, step policy and no-capacity alarm', () => {
    const t = synthAws(endpoint({ minReplicas: 0, maxReplicas: 3 }));
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ExecutionRoleArn: Match.anyValue(),
      ProductionVariants: [Match.objectLike({
        ModelName: Match.absent(),
        ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 0, MaxInstanceCount: 3 },
        RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
      })],
    });
    t.hasResourceProperties('AWS::SageMaker::InferenceComponent', {
      InferenceComponentName: Match.stringLikeRegexp('^[a-zA-Z0-9-]{1,63}$'),
      Specification: Match.objectLike({ ComputeResourceRequirements: Match.objectLike({ NumberOfAcceleratorDevicesRequired: 1 }) }),
      RuntimeConfig: { CopyCount: 1 },
    });
    const ic = Object.values(t.findResources('AWS::SageMaker::InferenceComponent'))[0] as any;
    const icName = ic.Properties.InferenceComponentName;
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ResourceId: `inference-component/${icName}`,
      ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
      MinCapacity: 0,
      MaxCapacity: 3,
    });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: Match.objectLike({ AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] }),
    });
    const policies = t.findResources('AWS::ApplicationAutoScaling::ScalingPolicy', { Properties: { PolicyType: 'StepScaling' } });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'NoCapacityInvocationFailures',
      Dimensions: [{ Name: 'InferenceComponentName', Value: icName }],
      AlarmActions: [{ Ref: Object.keys(policies)[0] }],
    });
  });

  test('request logging: encrypted, sampled capture to a retained, SSL-only bucket that expires data', () => {
    const t = synthAws(endpoint({ requestLogging: { enabled: true, samplingPercent: 20, retentionDays: 90 } }));
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      DataCaptureConfig: Match.objectLike({ EnableCapture: true, InitialSamplingPercentage: 20, KmsKeyId: Match.anyValue() }),
    });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    t.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, Status: 'Enabled' })] },
      }),
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('KmsKeyId is set on instance types without local NVMe storage', () => {
    const t = synthAws(endpoint({ instanceType: { aws: 'ml.m5.xlarge' } }));
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', { KmsKeyId: Match.anyValue() });
    expect(Object.keys(t.findResources('AWS::KMS::Key')).filter((id) => !id.startsWith('AiInfraAlarms'))).toHaveLength(1);
  });

  test('a token instance type: no KmsKeyId (it may be an NVMe type), and the reason says so instead of quoting the token', () => {
    const t = synthAws((s) => new InferenceEndpoint(s, 'Chat', { model: container, instanceType: { aws: new CfnParameter(s, 'Type').valueAsString } }));
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', { KmsKeyId: Match.absent(), ProductionVariants: [Match.objectLike({ InstanceType: { Ref: 'Type' } })] });
    const config = Object.values(t.findResources('AWS::SageMaker::EndpointConfig'))[0] as any;
    const [ack] = config.Metadata['ai-infra-constructs:acknowledgement'];
    expect(ack.reason).toMatch(/^KmsKeyId is not set: the instance type is a token, unknown at synth, and SageMaker rejects KmsKeyId on types with local NVMe/);
  });

  test('HIPAA puts the model in a private isolated VPC (no NAT, no internet gateway)', () => {
    const t = synthAws(endpoint({ compliance: ComplianceProfile.HIPAA }));
    t.hasResourceProperties('AWS::SageMaker::Model', { VpcConfig: { Subnets: Match.anyValue(), SecurityGroupIds: Match.anyValue() } });
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.resourceCountIs('AWS::EC2::FlowLog', 1);
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [Match.objectLike({ FromPort: 443, ToPort: 443 })],
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('an existing VPC and key from the target options are used (nothing new created)', () => {
    const t = synthAws((stack) => {
      const vpc = new Vpc(stack, 'Existing', { maxAzs: 2 });
      const key = new Key(stack, 'ExistingKey', { enableKeyRotation: true });
      const alarmTopic = Topic.fromTopicArn(stack, 'Oncall', 'arn:aws:sns:us-east-1:123456789012:oncall');
      Target.bind(stack, new awscdk.AwsCdkTarget({ vpc, encryptionKey: key, alarmTopic }));
      new InferenceEndpoint(stack, 'Chat', { model: container, requestLogging: { enabled: true } });
    });
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.resourceCountIs('AWS::KMS::Key', 1);
    const keyId = Object.keys(t.findResources('AWS::KMS::Key'))[0];
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      DataCaptureConfig: Match.objectLike({ KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } }),
    });
    t.hasResourceProperties('AWS::SageMaker::Model', { VpcConfig: Match.anyValue() });
  });

  test('huggingFace uses the TGI DLC with weights from S3', () => {
    const t = synthAws((stack) => new InferenceEndpoint(stack, 'Hf', {
      model: ModelSource.huggingFace({ modelId: 'org/model', modelDataUri: 's3://my-models/weights/model.tar.gz' }),
      accelerator: Accelerator.NVIDIA_A10G,
    }));
    t.hasResourceProperties('AWS::SageMaker::Model', {
      PrimaryContainer: Match.objectLike({
        Image: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^763104351884\\.dkr\\.ecr\\.')])] },
        ModelDataUrl: 's3://my-models/weights/model.tar.gz',
        Environment: { HF_MODEL_ID: '/opt/ml/model', SM_NUM_GPUS: '1' },
      }),
    });
    t.hasResourceProperties('AWS::SageMaker::EndpointConfig', { ProductionVariants: [Match.objectLike({ InstanceType: 'ml.g5.xlarge' })] });
    const policy = Object.values(t.findResources('AWS::IAM::ManagedPolicy'))[0] as any;
    const pull = policy.Properties.PolicyDocument.Statement.find((st: any) => st.Sid === 'PullModelImage');
    expect(JSON.stringify(pull.Resource)).toContain(':763104351884:repository/huggingface-pytorch-tgi-inference');
  });

  test('huggingFace on an instanceType override shards over the instance\'s GPUs (SM_NUM_GPUS said 1 on a 4-GPU type)', () => {
    const hf = ModelSource.huggingFace({ modelId: 'org/model', modelDataUri: 's3://my-models/weights/' });
    const gpus = (props: Partial<InferenceEndpointProps>) => {
      const t = synthAws((stack) => new InferenceEndpoint(stack, 'Hf', { model: hf, accelerator: Accelerator.NVIDIA_A10G, ...props }));
      return (Object.values(t.findResources('AWS::SageMaker::Model'))[0] as any).Properties.PrimaryContainer.Environment.SM_NUM_GPUS;
    };
    expect(gpus({ instanceType: { aws: 'ml.g5.12xlarge' } })).toBe('4');
    expect(gpus({ acceleratorCount: 4 })).toBe('4'); // the table's 4-GPU type
    expect(gpus({ instanceType: { aws: 'ml.g5.96xlarge' }, acceleratorCount: 2 })).toBe('2'); // not in the table: acceleratorCount
  });

  test('escape hatch exposes the L1 resources', () => {
    synthAws((stack) => {
      const ep = new InferenceEndpoint(stack, 'Chat', { model: container });
      const res = awscdk.InferenceEndpointResources.of(ep);
      expect(res.cfnEndpoint.cfnResourceType).toBe('AWS::SageMaker::Endpoint');
      expect(res.resources.scalableTarget.minCapacity).toBe(1);
    });
  });

  test('escape hatch: the security group of a private endpoint is a working ISecurityGroup, made only when read', () => {
    let untouched: any;
    synthAws((stack) => {
      new InferenceEndpoint(stack, 'Chat', { model: container, compliance: ComplianceProfile.HIPAA });
      untouched = Template.fromStack(stack).toJSON();
    });
    const t = synthAws((stack) => {
      const ep = new InferenceEndpoint(stack, 'Chat', { model: container, compliance: ComplianceProfile.HIPAA });
      const [sg] = awscdk.InferenceEndpointResources.of(ep).resources.securityGroups!;
      expect(stack.resolve(sg.securityGroupId)).toEqual({ 'Fn::GetAtt': ['ChatSecurityGroupFE6FB5AB', 'GroupId'] });
      sg.addIngressRule(Peer.ipv4('10.1.0.0/16'), Port.tcp(8080), 'from the platform');
    });
    // Reading the field adds no resource; using it adds the rule, on the endpoint's group.
    expect(Object.keys(untouched.Resources)).toContain('ChatSecurityGroupFE6FB5AB');
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': ['ChatSecurityGroupFE6FB5AB', 'GroupId'] }, CidrIp: '10.1.0.0/16', FromPort: 8080, ToPort: 8080,
    });
    expect(Object.keys(t.toJSON().Resources).filter((id) => !(id in untouched.Resources)).map((id) => t.toJSON().Resources[id].Type))
      .toEqual(['AWS::EC2::SecurityGroupIngress']);
  });

  test('estimatedMonthlyCost = replicas × 730 h × rate', () => {
    synthAws((stack) => {
      const ep = new InferenceEndpoint(stack, 'Chat', { model: container, minReplicas: 1, maxReplicas: 4, accelerator: Accelerator.NVIDIA_A10G });
      expect(ep.estimatedMonthlyCost.monthlyUsdLow).toBeCloseTo(1.4084 * 730, 1);
      expect(ep.estimatedMonthlyCost.monthlyUsdHigh).toBeCloseTo(1.4084 * 730 * 4, 1);
      expect(ep.estimatedMonthlyCost.drivers[0].source).toMatch(/^S4/);
    });
  });
});

describe('InferenceEndpoint on AWS: validation', () => {
  const fails = (props: Partial<InferenceEndpointProps>) => validationError(() => synthAws(endpoint(props)));
  test('fails on an endpoint name longer than 63 characters', () => {
    const err = fails({ name: 'a'.repeat(64) });
    expect(err.issues[0]).toMatchObject({ prop: 'name' });
    expect(err.issues[0].received).toContain('64 characters');
  });
  test('fails on accelerator counts SageMaker does not offer, listing what it offers', () => {
    const err = fails({ accelerator: Accelerator.NVIDIA_A100_40GB, acceleratorCount: 1 });
    expect(err.issues[0].prop).toBe('acceleratorCount');
    expect(err.issues[0].allowed).toMatch(/8 \(ml\.p4d\.24xlarge\)/);
  });
  test('fails on a container port other than 8080 (SageMaker always calls 8080; the port would be silently ignored)', () => {
    const err = fails({ model: ModelSource.container({ image: ECR_IMAGE, port: 8000 }) });
    expect(err.issues[0]).toMatchObject({ prop: 'model.port', received: '8000', allowed: '8080 on AWS (unset)' });
    expect(err.issues[0].hint).toMatch(/\/invocations and \/ping on port 8080/);
  });
  test('a deploy-time image URI: the pull is scoped to this account\'s repositories, with the reason recorded', () => {
    const t = synthAws((s) => {
      const image = new CfnParameter(s, 'Image').valueAsString;
      new InferenceEndpoint(s, 'E', { model: ModelSource.container({ image }) });
    });
    const policy = Object.values<any>(t.findResources('AWS::IAM::ManagedPolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement).find((st: any) => st.Sid === 'PullModelImage');
    expect(JSON.stringify(policy.Resource)).toMatch(/:repository\/\*/);
    expect(JSON.stringify(t.toJSON())).toMatch(/The image URI is a deploy-time value/);
  });
  test('fails on a non-ECR image', () => {
    expect(fails({ model: ModelSource.container({ image: 'docker.io/vllm/vllm-openai:latest' }) }).issues[0].prop).toBe('model.image');
  });
  test('fails on huggingFace without S3 weights (network isolation)', () => {
    const err = fails({ model: ModelSource.huggingFace({ modelId: 'org/model' }) });
    expect(err.issues[0]).toMatchObject({ prop: 'model.modelDataUri' });
    expect(err.issues[0].hint).toMatch(/network isolation/);
  });
  test('fails on burstable instance types', () => {
    expect(fails({ instanceType: { aws: 'ml.t2.medium' } }).issues[0].hint).toMatch(/burstable/);
  });
  test('fails on request logging with scale to zero', () => {
    expect(fails({ minReplicas: 0, requestLogging: { enabled: true } }).issues[0].prop).toBe('requestLogging');
  });
});
