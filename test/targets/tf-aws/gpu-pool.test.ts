import { TerraformVariable } from 'cdktf';
/**
 * GpuPool on AWS through Terraform: a private, encrypted, fully logged EKS cluster (or an existing one) and a GPU node
 * group on the AL2023 NVIDIA AMI with the GPU taint, IMDSv2 and encrypted volumes.
 */
import { Accelerator, ComplianceProfile, ExistingCluster, GpuPool, GpuPoolProps } from '../../../src';
import { all, only, synthAwsTf, validationError } from '../../util';

const pool = (props: Partial<GpuPoolProps> = {}, options = {}) => synthAwsTf((s) => {
  new GpuPool(s, 'Pool', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 4, ...props });
}, options);

describe('GpuPool on AWS/Terraform creating its cluster', () => {
  const json = pool({}, { clusterAdminRoleArns: ['arn:aws:iam::123456789012:role/platform-admin'] });

  test('a private EKS cluster: no public endpoint, KMS secrets, all control-plane logs, API auth without creator admin, standard support', () => {
    expect(only(json, 'aws_eks_cluster')).toMatchObject({
      vpc_config: { endpoint_private_access: true, endpoint_public_access: false },
      encryption_config: { resources: ['secrets'], provider: { key_arn: expect.stringMatching(/aws_kms_key\.Pool_Key/) } },
      enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
      upgrade_policy: { support_type: 'STANDARD' },
    });
  });

  test('the control-plane log group is named for the cluster, encrypted with the pool key and retained', () => {
    const groups = all(json, 'aws_cloudwatch_log_group').filter((g) => /^\/aws\/eks\//.test(g.name));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ kms_key_id: expect.stringMatching(/aws_kms_key\.Pool_Key/), lifecycle: { prevent_destroy: true } });
  });

  test('the GPU node group: AL2023 NVIDIA AMI, nvidia.com/gpu taint, min 0, IMDSv2 launch template, desired size owned by the autoscaler', () => {
    const groups = all(json, 'aws_eks_node_group');
    const gpu = groups.find((g) => g.ami_type === 'AL2023_x86_64_NVIDIA');
    expect(gpu).toMatchObject({
      instance_types: ['g6.xlarge'],
      capacity_type: 'ON_DEMAND',
      scaling_config: { min_size: 0, desired_size: 0, max_size: 4 },
      taint: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NO_SCHEDULE' }],
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'] },
      node_repair_config: { enabled: true },
    });
    expect(gpu.launch_template.id).toMatch(/^\$\{aws_launch_template\.Pool_LaunchTemplate_\w+\.id\}$/);
    const ltId = gpu.launch_template.id.match(/aws_launch_template\.(\w+)\.id/)[1];
    const lt = json.resource.aws_launch_template[ltId];
    expect(lt).toMatchObject({ metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 }, block_device_mappings: [{ ebs: { encrypted: 'true', volume_type: 'gp3' } }] });
    expect(groups.find((g) => g.ami_type === 'AL2023_x86_64_STANDARD')).toMatchObject({ instance_types: ['m6i.large'], scaling_config: { min_size: 2 } });
  });

  test('a cluster VPC with private node subnets behind one NAT gateway, flow logs, and admin access entries from the target', () => {
    expect(all(json, 'aws_nat_gateway')).toHaveLength(1);
    expect(all(json, 'aws_subnet').every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(only(json, 'aws_flow_log').traffic_type).toBe('ALL');
    expect(only(json, 'aws_eks_access_policy_association')).toMatchObject({
      principal_arn: expect.stringMatching(/aws_eks_access_entry\.Pool_AdminAccess0/),
      policy_arn: 'arn:${data.aws_partition.AiInfraAwsPartition.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
    });
  });

  test('the node role has one customer-managed policy; only the cluster role has an AWS-managed policy (EKS requires it)', () => {
    const attachments = all(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn);
    expect(attachments.filter((a) => a.includes(':iam::aws:policy/'))).toEqual(['arn:${data.aws_partition.AiInfraAwsPartition.partition}:iam::aws:policy/AmazonEKSClusterPolicy']);
  });
});

describe('GpuPool on AWS/Terraform: options', () => {
  test('spot uses every instance type with the same GPU; HIPAA volumes use the customer-managed key', () => {
    const json = pool({ spot: true, compliance: ComplianceProfile.HIPAA });
    const gpu = all(json, 'aws_eks_node_group').find((g) => g.ami_type === 'AL2023_x86_64_NVIDIA');
    expect(gpu.capacity_type).toBe('SPOT');
    expect(gpu.instance_types.length).toBeGreaterThan(1);
    for (const lt of all(json, 'aws_launch_template')) expect(lt.block_device_mappings[0].ebs.kms_key_id).toMatch(/aws_kms_key\.Pool_Key/);
    const poolKey = Object.entries(json.resource.aws_kms_key).find(([k]) => k.startsWith('Pool_Key_'))![1];
    expect(JSON.parse(poolKey.policy).Statement.map((x: any) => x.Sid)).toEqual([
      'AccountRootAdministersTheKey', 'AutoScalingUseOfTheKeyForNodeVolumes', 'AutoScalingGrantsForNodeVolumes', 'CloudWatchLogsUse',
    ]);
  });

  test('an existing cluster: only the node group, in the target\'s subnets', () => {
    const json = pool({ cluster: ExistingCluster.fromName('prod') }, { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaa1'] });
    expect(json.resource.aws_eks_cluster).toBeUndefined();
    expect(only(json, 'aws_eks_node_group')).toMatchObject({ cluster_name: 'prod', subnet_ids: ['subnet-0aaaaaaaaaaaaaaa1'] });
  });

  test('an existing cluster without the target\'s VPC fails at synth naming AwsTfTarget.vpcId', () => {
    expect(validationError(() => pool({ cluster: ExistingCluster.fromName('prod') })).issues.map((i) => i.prop)).toEqual(['AwsTfTarget.vpcId']);
  });
});

test('an existing cluster given as a Terraform reference: the node group gets the name out of the ARN', () => {
  const json = synthAwsTf((s) => {
    const arn = new TerraformVariable(s, 'cluster_arn', { type: 'string' }).stringValue;
    new GpuPool(s, 'Pool', { accelerator: Accelerator.NVIDIA_L4, maxNodes: 1, cluster: ExistingCluster.fromId(arn) });
  }, { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaa1'] });
  expect(only(json, 'aws_eks_node_group').cluster_name).toBe('${element(split("/", var.cluster_arn), 1)}');
  expect(JSON.parse(Object.values<any>(json.resource.aws_iam_policy)[0].policy).Statement[0].Resource).toEqual(['${var.cluster_arn}']);
});

test('a cluster ARN in another region than the target fails at synth naming cluster (the account is the provider\'s: not compared)', () => {
  const e = validationError(() => pool({ cluster: ExistingCluster.fromId('arn:aws:eks:eu-west-1:210987654321:cluster/prod') }, { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0aaaaaaaaaaaaaaa1'] }));
  expect(e.issues).toEqual([expect.objectContaining({ prop: 'cluster', received: 'a cluster in region eu-west-1', allowed: expect.stringContaining("a cluster in this stack's region (us-east-1)") })]);
});
