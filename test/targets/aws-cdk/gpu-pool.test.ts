import { Match, Template } from 'aws-cdk-lib/assertions';
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import { Key } from 'aws-cdk-lib/aws-kms';
import { App, CfnResource, ITaggable, Stack, TagManager } from 'aws-cdk-lib/core';
import { Accelerator, awscdk, ComplianceProfile, ExistingCluster, GpuPool, GpuPoolProps, Target } from '../../../src';
import { synthAws, validationError } from '../../util';

const resourcesOfType = (t: Template, type: string) => Object.values<any>(t.toJSON().Resources).filter((r) => r.Type === type);
const existingVpc = (s: Stack) => Vpc.fromVpcAttributes(s, 'Vpc', {
  vpcId: 'vpc-1', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
});

describe('GpuPool on AWS: new hardened EKS cluster (defaults)', () => {
  let pool!: GpuPool;
  const t = synthAws((s) => {
    pool = new GpuPool(s, 'Training', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 4 });
  });
  const gpuGroup = () => resourcesOfType(t, 'AWS::EKS::Nodegroup').find((r) => r.Properties.AmiType === 'AL2023_x86_64_NVIDIA');

  test('a private EKS cluster: private endpoint only, KMS secrets encryption, all control-plane logs, API auth, standard support', () => {
    t.resourceCountIs('AWS::EKS::Cluster', 1);
    t.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: Match.objectLike({ EndpointPrivateAccess: true, EndpointPublicAccess: false }),
      EncryptionConfig: [{ Provider: { KeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('TrainingKey'), 'Arn'] } }, Resources: ['secrets'] }],
      Logging: { ClusterLogging: { EnabledTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].map((type) => ({ Type: type })) } },
      AccessConfig: { AuthenticationMode: 'API', BootstrapClusterCreatorAdminPermissions: false },
      UpgradePolicy: { SupportType: 'STANDARD' },
      DeletionProtection: true,
    });
  });

  test('the secrets key rotates and is retained; the cluster role may use it', () => {
    t.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ EnableKeyRotation: true }), DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Sid: 'UseSecretsKey', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'] })] },
      Roles: [{ Ref: Match.stringLikeRegexp('TrainingClusterRole') }],
    });
    t.resourceCountIs('AWS::IAM::Policy', 0); // no inline policies
  });

  test('control-plane logs go to a retained log group with the profile retention', () => {
    t.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: Match.stringLikeRegexp('^/aws/eks/Test-Training-[0-9A-F]+/cluster$'), RetentionInDays: 30 },
      DeletionPolicy: 'Retain',
    });
  });

  test('GPU node group: AL2023 NVIDIA AMI, the table\'s instance type, taint, GPU labels, scaling 0..max, on-demand', () => {
    const g = gpuGroup()!.Properties;
    expect(g.InstanceTypes).toEqual(['g6.xlarge']);
    expect(g.CapacityType).toBe('ON_DEMAND');
    expect(g.Taints).toEqual([{ Key: 'nvidia.com/gpu', Value: 'true', Effect: 'NO_SCHEDULE' }]);
    expect(g.Labels).toEqual({ 'ai-infra-constructs.io/accelerator': 'nvidia-l4', 'ai-infra-constructs.io/pool': 'training' });
    expect(g.ScalingConfig).toEqual({ MinSize: 0, DesiredSize: 0, MaxSize: 4 });
    expect(g.NodeRepairConfig).toEqual({ Enabled: true });
    expect(g.ClusterName).toEqual({ Ref: expect.stringMatching(/^TrainingCluster/) });
  });

  test('launch template: IMDSv2 required with hop limit 1, encrypted gp3 root volume, cost tags on instances and volumes', () => {
    const lt = resourcesOfType(t, 'AWS::EC2::LaunchTemplate').find((r) => r.Properties.LaunchTemplateData.BlockDeviceMappings[0].Ebs.VolumeSize === 200)!;
    const data = lt.Properties.LaunchTemplateData;
    expect(data.MetadataOptions).toEqual({ HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' });
    expect(data.BlockDeviceMappings[0].Ebs).toEqual({ VolumeSize: 200, VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true });
    for (const spec of data.TagSpecifications) expect(spec.Tags).toEqual(expect.arrayContaining([{ Key: 'workload', Value: 'Training' }]));
    expect(data.TagSpecifications.map((s: any) => s.ResourceType)).toEqual(['instance', 'volume']);
    expect(gpuGroup()!.Properties.LaunchTemplate).toEqual({ Id: { Ref: expect.any(String) }, Version: { 'Fn::GetAtt': [expect.any(String), 'LatestVersionNumber'] } });
  });

  test('every launch template of the pool requires IMDSv2 and encrypts volumes (system nodes too)', () => {
    const lts = resourcesOfType(t, 'AWS::EC2::LaunchTemplate');
    expect(lts).toHaveLength(2);
    for (const lt of lts) {
      expect(lt.Properties.LaunchTemplateData.MetadataOptions.HttpTokens).toBe('required');
      expect(lt.Properties.LaunchTemplateData.BlockDeviceMappings[0].Ebs.Encrypted).toBe(true);
    }
  });

  test('a small untainted system node group runs cluster add-ons', () => {
    const sys = resourcesOfType(t, 'AWS::EKS::Nodegroup').find((r) => r.Properties.AmiType === 'AL2023_x86_64_STANDARD')!.Properties;
    expect(sys.Taints).toBeUndefined();
    expect(sys.ScalingConfig).toEqual({ MinSize: 2, DesiredSize: 2, MaxSize: 3 });
  });

  test('least-privilege node role: one customer-managed policy, no AWS managed policies, wildcards only where IAM has no resource scope', () => {
    const role = resourcesOfType(t, 'AWS::IAM::Role').find((r) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'ec2.amazonaws.com')!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const policy = resourcesOfType(t, 'AWS::IAM::ManagedPolicy').find((p) => p.Properties.PolicyDocument.Statement.some((s: any) => s.Sid === 'PodIdentity'))!.Properties.PolicyDocument.Statement;
    const wildcards = policy.filter((s: any) => s.Resource === '*').map((s: any) => s.Sid).sort();
    expect(wildcards).toEqual(['EcrAuthToken', 'VpcCniDescribe']);
    const podIdentity = policy.find((s: any) => s.Sid === 'PodIdentity');
    expect(podIdentity.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/TrainingCluster/), 'Arn'] });
  });

  test('the cluster role uses AmazonEKSClusterPolicy only', () => {
    const role = resourcesOfType(t, 'AWS::IAM::Role').find((r) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'eks.amazonaws.com')!;
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toMatch(/AmazonEKSClusterPolicy/);
    expect(role.Properties.ManagedPolicyArns).toHaveLength(1);
  });

  test('a private cluster VPC: nodes in private subnets with one NAT gateway, flow logs on', () => {
    t.resourceCountIs('AWS::EC2::NatGateway', 1);
    t.resourceCountIs('AWS::EC2::FlowLog', 1);
    const subnets = gpuGroup()!.Properties.Subnets.map((s: any) => s.Ref);
    expect(subnets).toHaveLength(2);
    for (const id of subnets) expect(id).toMatch(/nodesSubnet/);
  });

  test('the VPC\'s flow-log policies list actions as aws-cdk-lib renders them: as written, or sorted under minimizePolicies', () => {
    const flowLogActions = (tpl: Template) => {
      const key = resourcesOfType(tpl, 'AWS::KMS::Key').find((r) => r.Properties.Description.startsWith('Flow logs'))!;
      const policy = resourcesOfType(tpl, 'AWS::IAM::ManagedPolicy').find((r) => r.Properties.PolicyDocument.Statement[0].Sid === 'DeliverFlowLogs')!;
      return [key.Properties.KeyPolicy.Statement[1].Action, policy.Properties.PolicyDocument.Statement[0].Action];
    };
    const [keyActions, logActions] = flowLogActions(t);
    expect(logActions).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups']);
    const app = new App({ context: { '@aws-cdk/aws-iam:minimizePolicies': true } });
    const s = new Stack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
    new GpuPool(s, 'Training', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 4 });
    const [keyMin, logMin] = flowLogActions(Template.fromStack(s));
    expect(keyMin).toEqual([...keyActions].sort());
    expect(logMin).toEqual([...logActions].sort());
    expect(logMin).not.toEqual(logActions);
  });

  test('cost tags on the cluster and node groups; outputs and cost estimate', () => {
    expect(resourcesOfType(t, 'AWS::EKS::Cluster')[0].Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'workload', Value: 'Training' }, { Key: 'managed-by', Value: 'ai-infra-constructs' }]));
    expect(gpuGroup()!.Properties.Tags).toMatchObject({ 'workload': 'Training', 'managed-by': 'ai-infra-constructs' });
    expect(pool.createdCluster).toBe(true);
    const e = pool.estimatedMonthlyCost;
    // 0..4 × g6.xlarge $0.8048/h + control plane $0.10/h + NAT $0.045/h + KMS $1
    expect(e.monthlyUsdLow).toBeCloseTo(73 + 32.85 + 1, 2);
    expect(e.monthlyUsdHigh).toBeCloseTo(4 * 730 * 0.8048 + 73 + 32.85 + 1, 2);
    expect(e.drivers.find((d) => d.item.includes('system nodes'))?.priced).toBe(false);
  });

  test('every taggable resource of the pool carries the cost tags (and the launch templates tag themselves)', () => {
    const tagged = pool.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && TagManager.isTaggable(c));
    expect(tagged.map((r) => r.cfnResourceType).sort()).toEqual([
      'AWS::EKS::Cluster', 'AWS::EKS::Nodegroup', 'AWS::EKS::Nodegroup', 'AWS::IAM::Role', 'AWS::IAM::Role', 'AWS::KMS::Key', 'AWS::Logs::LogGroup',
    ]);
    for (const r of tagged) expect((r as unknown as ITaggable).tags.tagValues()).toMatchObject({ 'workload': 'Training', 'managed-by': 'ai-infra-constructs' });
    for (const lt of resourcesOfType(t, 'AWS::EC2::LaunchTemplate')) {
      expect(lt.Properties.TagSpecifications[0]).toMatchObject({ ResourceType: 'launch-template', Tags: expect.arrayContaining([{ Key: 'workload', Value: 'Training' }]) });
    }
  });

  test('without admin roles a synth warning says how to add cluster access; with them, access entries are created', () => {
    const json = JSON.stringify(t.toJSON());
    expect(json).not.toMatch(/AWS::EKS::AccessEntry/);
    const t2 = synthAws((s) => {
      Target.bind(s, new awscdk.AwsCdkTarget({ clusterAdminRoleArns: ['arn:aws:iam::123456789012:role/admins'] }));
      new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1 });
    });
    t2.hasResourceProperties('AWS::EKS::AccessEntry', {
      PrincipalArn: 'arn:aws:iam::123456789012:role/admins',
      AccessPolicies: [{ PolicyArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy']] }, AccessScope: { Type: 'cluster' } }],
    });
  });
});

describe('GpuPool on AWS: options', () => {
  test('spot: SPOT capacity across every instance type with the same GPU and count, and a spot label', () => {
    const t = synthAws((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_A10G, maxNodes: 2, spot: true }));
    t.hasResourceProperties('AWS::EKS::Nodegroup', {
      AmiType: 'AL2023_x86_64_NVIDIA',
      CapacityType: 'SPOT',
      InstanceTypes: ['g5.xlarge', 'g5.2xlarge'],
      Labels: Match.objectLike({ 'ai-infra-constructs.io/capacity': 'spot' }),
    });
  });

  test('acceleratorCount picks the multi-GPU shape; a fixed node group name is used as given', () => {
    const t = synthAws((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_H100_80GB, acceleratorCount: 8, minNodes: 1, maxNodes: 2, name: 'h100-pool' }));
    t.hasResourceProperties('AWS::EKS::Nodegroup', { InstanceTypes: ['p5.48xlarge'], NodegroupName: 'h100-pool', ScalingConfig: { MinSize: 1, DesiredSize: 1, MaxSize: 2 } });
  });

  test('under HIPAA, node volumes use the customer-managed key, which EC2 Auto Scaling may use, and control-plane logs are encrypted', () => {
    const t = synthAws((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1, compliance: ComplianceProfile.HIPAA }));
    for (const lt of resourcesOfType(t, 'AWS::EC2::LaunchTemplate')) {
      expect(lt.Properties.LaunchTemplateData.BlockDeviceMappings[0].Ebs.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/PKey/), 'Arn'] });
    }
    const keyPolicy = JSON.stringify(resourcesOfType(t, 'AWS::KMS::Key')[0].Properties.KeyPolicy);
    expect(keyPolicy).toMatch(/AWSServiceRoleForAutoScaling/);
    expect(keyPolicy).toMatch(/kms:GrantIsForAWSResource/);
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('PKey'), 'Arn'] }, RetentionInDays: 2192 });
  });

  test('kubernetesVersion and deletionProtection reach the cluster', () => {
    const t = synthAws((s) => new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1, kubernetesVersion: '1.33', deletionProtection: false }));
    t.hasResourceProperties('AWS::EKS::Cluster', { Version: '1.33', DeletionProtection: false });
  });

  test('an existing VPC and key from the target are used: no VPC, NAT or key is created', () => {
    const t = synthAws((s) => {
      Target.bind(s, new awscdk.AwsCdkTarget({ vpc: existingVpc(s), encryptionKey: Key.fromKeyArn(s, 'K', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab') }));
      new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1 });
    });
    t.resourceCountIs('AWS::EC2::VPC', 0);
    t.resourceCountIs('AWS::KMS::Key', 0);
    t.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: Match.objectLike({ SubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'] }),
      EncryptionConfig: [Match.objectLike({ Provider: { KeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' } })],
    });
  });

  test('two pools in one stack share the cluster VPC', () => {
    const t = synthAws((s) => {
      new GpuPool(s, 'A', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1 });
      new GpuPool(s, 'B', { accelerator: Accelerator.NVIDIA_T4, maxNodes: 1 });
    });
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.resourceCountIs('AWS::EKS::Cluster', 2);
  });

  test('escape hatch: typed access to the node group and cluster', () => {
    synthAws((s) => {
      const p = new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1 });
      const r = awscdk.GpuPoolResources.of(p);
      expect(r.cfnNodegroup.amiType).toBe('AL2023_x86_64_NVIDIA');
      expect(r.cfnCluster).toBeDefined();
      expect(r.resources.launchTemplate.node.id).toBe('LaunchTemplate');
    });
  });
});

describe('GpuPool on AWS: existing cluster', () => {
  const build = (cluster: ExistingCluster) => synthAws((s) => {
    Target.bind(s, new awscdk.AwsCdkTarget({ vpc: existingVpc(s) }));
    const p = new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 3, cluster });
    expect(p.createdCluster).toBe(false);
    expect(p.estimatedMonthlyCost.drivers.map((d) => d.item)).toEqual(['g6.xlarge GPU node (EC2 on-demand)']);
  });

  test.each([
    ['by name', ExistingCluster.fromName('platform-prod')],
    ['by ARN', ExistingCluster.fromId('arn:aws:eks:us-east-1:123456789012:cluster/platform-prod')],
  ])('%s: only the node group, its launch template and node role; no cluster, VPC or key', (_n, cluster) => {
    const t = build(cluster);
    t.resourceCountIs('AWS::EKS::Cluster', 0);
    t.resourceCountIs('AWS::EC2::VPC', 0);
    t.resourceCountIs('AWS::KMS::Key', 0);
    t.resourceCountIs('AWS::EKS::Nodegroup', 1);
    t.hasResourceProperties('AWS::EKS::Nodegroup', { ClusterName: 'platform-prod', Subnets: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'], AmiType: 'AL2023_x86_64_NVIDIA' });
    const stmt = resourcesOfType(t, 'AWS::IAM::ManagedPolicy').flatMap((p) => p.Properties.PolicyDocument.Statement).find((s: any) => s.Sid === 'PodIdentity');
    expect(JSON.stringify(stmt.Resource)).toMatch(/cluster\/platform-prod/);
  });

  test.each([
    ['region', 'arn:aws:eks:eu-west-1:123456789012:cluster/prod', 'a cluster in region eu-west-1', 'region (us-east-1)'],
    ['account', 'arn:aws:eks:us-east-1:210987654321:cluster/prod', 'a cluster in account 210987654321', 'account (123456789012)'],
  ])('a cluster ARN in another %s fails at synth naming cluster (EKS creates node groups in their cluster\'s region and account)', (_w, arn, received, here) => {
    expect(validationError(() => build(ExistingCluster.fromId(arn))).issues).toEqual([expect.objectContaining({
      prop: 'cluster', received, allowed: expect.stringContaining(`a cluster in this stack's ${here}`),
    })]);
  });
});

describe('GpuPool on AWS: validation', () => {
  const fails = (props: Partial<GpuPoolProps>, bind?: (s: Stack) => void) => validationError(() => synthAws((s) => {
    bind?.(s);
    new GpuPool(s, 'P', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 2, ...props } as GpuPoolProps);
  }));

  test('a single A100 40GB does not exist on AWS: the counts it offers are listed', () => {
    const e = fails({ accelerator: Accelerator.NVIDIA_A100_40GB });
    expect(e.issues[0]).toMatchObject({ prop: 'acceleratorCount', received: '1 × nvidia-a100-40gb' });
    expect(e.issues[0].allowed).toMatch(/8 \(p4d\.24xlarge\)/);
  });
  test('an unknown accelerator lists what EKS offers', () => {
    const e = fails({ accelerator: Accelerator.of('nvidia-b200') });
    expect(e.issues[0]).toMatchObject({ prop: 'accelerator', received: 'nvidia-b200' });
    expect(e.issues[0].allowed).toMatch(/nvidia-a10g.*nvidia-l40s/);
  });
  test('an existing cluster needs the cluster VPC on the target', () => {
    expect(fails({ cluster: ExistingCluster.fromName('prod') }).issues[0]).toMatchObject({ prop: 'AwsCdkTarget.vpc' });
  });
  test('bad cluster references, node group names and versions', () => {
    const bind = (s: Stack) => Target.bind(s, new awscdk.AwsCdkTarget({ vpc: existingVpc(s) }));
    expect(fails({ cluster: ExistingCluster.fromId('arn:aws:ecs:us-east-1:123456789012:cluster/x') }, bind).issues[0]).toMatchObject({ prop: 'cluster' });
    expect(fails({ cluster: ExistingCluster.fromName('prod', { location: 'us-central1' }) }, bind).issues[0]).toMatchObject({ prop: 'cluster' });
    expect(fails({ name: 'bad name!' }).issues[0]).toMatchObject({ prop: 'name' });
    expect(fails({ kubernetesVersion: '1.33.1' }).issues[0]).toMatchObject({ prop: 'kubernetesVersion' });
  });
});
