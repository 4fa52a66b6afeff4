/**
 * Conformance: one neutral scenario per construct, synthesized on every target, asked the same neutral questions
 * (encrypted with a customer-managed key? private? autoscaled between the requested bounds? tagged for the tenant?
 * retained?). Each target answers from its own synthesized CloudFormation / Terraform JSON; a target that renders a
 * construct must answer every question "yes".
 *
 * The scenario runs under a HIPAA tenant, so every target shows its strictest defaults.
 */
import { Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { Accelerator, ComplianceProfile, FeatureStore, GpuPool, InferenceEndpoint, ModelSource, SecureTenant } from '../../src';
import { CUSTOMERS } from '../feature-store-fixtures';
import { ECR_IMAGE, synthAws, synthAwsTf, synthAzure, synthGcp, TfJson } from '../util';

/** A synthesized resource, engine-neutral. */
interface R { readonly type: string; readonly props: any; readonly retained: boolean }

function fromCfn(template: any): R[] {
  return Object.values<any>(template.Resources ?? {}).map((r) => ({ type: r.Type, props: r.Properties ?? {}, retained: r.DeletionPolicy === 'Retain' }));
}
function fromTf(json: TfJson): R[] {
  return Object.entries(json.resource).flatMap(([type, byId]) => Object.values<any>(byId).map((props) => ({ type, props, retained: props.lifecycle?.prevent_destroy === true })));
}
const of = (rs: R[], type: string) => rs.filter((r) => r.type === type);
const one = (rs: R[], type: string) => {
  const found = of(rs, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0].props;
};
const cfnTags = (props: any): Record<string, string> => Object.fromEntries((props.Tags ?? []).map((t: any) => [t.Key, t.Value]));
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

interface Scenario { readonly cloud: 'aws' | 'gcp' | 'azure' }
type Build = (scope: Construct, s: Scenario) => void;

interface TargetUnderTest {
  readonly name: string;
  readonly cloud: Scenario['cloud'];
  readonly synth: (build: (scope: Construct) => void) => R[];
  readonly endpoint: (rs: R[]) => { private: boolean; cmkEncrypted: boolean; bounds: [number, number]; tenantTag: string | undefined };
  readonly pool: (rs: R[]) => { privateControlPlane: boolean; gpuTaint: boolean; bounds: [number, number]; cmkDisks: boolean };
  readonly store: (rs: R[]) => { cmkEncrypted: boolean; retained: boolean; onlineAndOffline: boolean; tenantTag: string | undefined };
  readonly tenant: (rs: R[]) => { rotatingKey: boolean; keyRetained: boolean; budgetUsd: number; identity: boolean };
}

const AWS_CFN: TargetUnderTest = {
  name: 'awscdk.AwsCdkTarget (CloudFormation)',
  cloud: 'aws',
  synth: (build) => fromCfn(synthAws((stack: Stack) => build(stack)).toJSON()),
  endpoint: (rs) => {
    const model = one(rs, 'AWS::SageMaker::Model');
    const config = one(rs, 'AWS::SageMaker::EndpointConfig');
    const target = one(rs, 'AWS::ApplicationAutoScaling::ScalableTarget');
    return {
      private: model.EnableNetworkIsolation === true && present(model.VpcConfig),
      cmkEncrypted: present(config.DataCaptureConfig?.KmsKeyId),
      bounds: [target.MinCapacity, target.MaxCapacity],
      tenantTag: cfnTags(one(rs, 'AWS::SageMaker::Endpoint')).tenant,
    };
  },
  pool: (rs) => {
    const cluster = one(rs, 'AWS::EKS::Cluster');
    const gpu = of(rs, 'AWS::EKS::Nodegroup').find((n) => n.props.AmiType === 'AL2023_x86_64_NVIDIA')!.props;
    return {
      privateControlPlane: cluster.ResourcesVpcConfig.EndpointPublicAccess === false,
      gpuTaint: gpu.Taints.some((t: any) => t.Key === 'nvidia.com/gpu' && t.Effect === 'NO_SCHEDULE'),
      bounds: [gpu.ScalingConfig.MinSize, gpu.ScalingConfig.MaxSize],
      cmkDisks: of(rs, 'AWS::EC2::LaunchTemplate').every((t) => present(t.props.LaunchTemplateData.BlockDeviceMappings[0].Ebs.KmsKeyId)),
    };
  },
  store: (rs) => {
    const fg = one(rs, 'AWS::SageMaker::FeatureGroup');
    return {
      cmkEncrypted: present(fg.OnlineStoreConfig?.SecurityConfig?.KmsKeyId) && present(fg.OfflineStoreConfig?.S3StorageConfig?.KmsKeyId),
      retained: of(rs, 'AWS::SageMaker::FeatureGroup').every((r) => r.retained),
      onlineAndOffline: fg.OnlineStoreConfig?.EnableOnlineStore === true && present(fg.OfflineStoreConfig),
      tenantTag: cfnTags(fg).tenant,
    };
  },
  tenant: (rs) => ({
    rotatingKey: one(rs, 'AWS::KMS::Key').EnableKeyRotation === true,
    keyRetained: of(rs, 'AWS::KMS::Key')[0].retained,
    budgetUsd: one(rs, 'AWS::Budgets::Budget').Budget.BudgetLimit.Amount,
    identity: of(rs, 'AWS::IAM::Role').length === 1,
  }),
};

const AWS_TF: TargetUnderTest = {
  name: 'tfaws.AwsTfTarget (Terraform)',
  cloud: 'aws',
  synth: (build) => fromTf(synthAwsTf(build)),
  endpoint: (rs) => {
    const model = one(rs, 'aws_sagemaker_model');
    const config = one(rs, 'aws_sagemaker_endpoint_configuration');
    const target = one(rs, 'aws_appautoscaling_target');
    return {
      private: model.enable_network_isolation === true && present(model.vpc_config),
      cmkEncrypted: present(config.data_capture_config?.kms_key_id),
      bounds: [target.min_capacity, target.max_capacity],
      tenantTag: one(rs, 'aws_sagemaker_endpoint').tags?.tenant,
    };
  },
  pool: (rs) => {
    const cluster = one(rs, 'aws_eks_cluster');
    const gpu = of(rs, 'aws_eks_node_group').find((n) => n.props.ami_type === 'AL2023_x86_64_NVIDIA')!.props;
    return {
      privateControlPlane: cluster.vpc_config.endpoint_public_access === false,
      gpuTaint: gpu.taint.some((t: any) => t.key === 'nvidia.com/gpu' && t.effect === 'NO_SCHEDULE'),
      bounds: [gpu.scaling_config.min_size, gpu.scaling_config.max_size],
      cmkDisks: of(rs, 'aws_launch_template').every((t) => present(t.props.block_device_mappings[0].ebs.kms_key_id)),
    };
  },
  store: (rs) => {
    const fg = one(rs, 'aws_sagemaker_feature_group');
    return {
      cmkEncrypted: present(fg.online_store_config?.security_config?.kms_key_id) && present(fg.offline_store_config?.s3_storage_config?.kms_key_id),
      retained: of(rs, 'aws_sagemaker_feature_group').every((r) => r.retained),
      onlineAndOffline: fg.online_store_config?.enable_online_store === true && present(fg.offline_store_config),
      tenantTag: fg.tags?.tenant,
    };
  },
  tenant: (rs) => {
    const key = of(rs, 'aws_kms_key').filter((k) => !k.props.description.startsWith('Alarm'));
    return {
      rotatingKey: key.length === 1 && key[0].props.enable_key_rotation === true,
      keyRetained: key[0].retained,
      budgetUsd: Number(one(rs, 'aws_budgets_budget').limit_amount),
      identity: of(rs, 'aws_iam_role').length === 1,
    };
  },
};

const GCP: TargetUnderTest = {
  name: 'tfgcp.GcpTarget (Terraform)',
  cloud: 'gcp',
  synth: (build) => fromTf(synthGcp(build, { billingAccount: '012345-6789AB-CDEF01' })),
  endpoint: (rs) => {
    const svc = one(rs, 'google_cloud_run_v2_service');
    return {
      private: svc.ingress === 'INGRESS_TRAFFIC_INTERNAL_ONLY',
      cmkEncrypted: present(svc.template.encryption_key),
      bounds: [svc.template.scaling.min_instance_count, svc.template.scaling.max_instance_count],
      tenantTag: svc.labels?.tenant,
    };
  },
  pool: (rs) => {
    const cluster = one(rs, 'google_container_cluster');
    const gpu = of(rs, 'google_container_node_pool').find((n) => n.props.node_config.guest_accelerator)!.props;
    return {
      privateControlPlane: cluster.private_cluster_config.enable_private_endpoint === true && cluster.private_cluster_config.enable_private_nodes === true,
      gpuTaint: gpu.node_config.taint.some((t: any) => t.key === 'nvidia.com/gpu' && t.effect === 'NO_SCHEDULE'),
      bounds: [gpu.autoscaling.total_min_node_count, gpu.autoscaling.total_max_node_count],
      cmkDisks: of(rs, 'google_container_node_pool').every((p) => present(p.props.node_config.boot_disk_kms_key)),
    };
  },
  store: (rs) => {
    const ds = one(rs, 'google_bigquery_dataset');
    return {
      cmkEncrypted: present(ds.default_encryption_configuration?.kms_key_name),
      retained: of(rs, 'google_bigquery_dataset').every((r) => r.retained),
      // HIPAA: the online store (no CMEK in Terraform) is off; features are served from BigQuery (see FeatureStore docs)
      onlineAndOffline: present(ds) && of(rs, 'google_vertex_ai_feature_group').length === 1,
      tenantTag: ds.labels?.tenant,
    };
  },
  tenant: (rs) => {
    const key = one(rs, 'google_kms_crypto_key');
    return {
      rotatingKey: key.rotation_period === '7776000s',
      keyRetained: of(rs, 'google_kms_crypto_key')[0].retained,
      budgetUsd: Number(one(rs, 'google_billing_budget').amount.specified_amount.units),
      identity: of(rs, 'google_service_account').length === 1,
    };
  },
};

const AZURE: TargetUnderTest = {
  name: 'tfazure.AzureTarget (Terraform)',
  cloud: 'azure',
  synth: (build) => fromTf(synthAzure(build)),
  endpoint: (rs) => {
    const ws = one(rs, 'azurerm_machine_learning_workspace');
    const ep = of(rs, 'azapi_resource').find((r) => r.props.type.startsWith('Microsoft.MachineLearningServices/workspaces/onlineEndpoints@'))!.props;
    const cap = one(rs, 'azurerm_monitor_autoscale_setting').profile[0].capacity;
    return {
      private: ws.public_network_access_enabled === false && ep.body.properties.publicNetworkAccess === 'Disabled',
      cmkEncrypted: present(ws.encryption?.key_id),
      bounds: [cap.minimum, cap.maximum],
      tenantTag: ws.tags?.tenant,
    };
  },
  pool: (rs) => {
    const cluster = one(rs, 'azurerm_kubernetes_cluster');
    const gpu = one(rs, 'azurerm_kubernetes_cluster_node_pool');
    return {
      privateControlPlane: cluster.private_cluster_enabled === true,
      gpuTaint: gpu.node_taints.includes('nvidia.com/gpu=true:NoSchedule'),
      bounds: [gpu.min_count, gpu.max_count],
      cmkDisks: gpu.host_encryption_enabled === true && present(cluster.disk_encryption_set_id),
    };
  },
  store: (rs) => {
    const ws = of(rs, 'azurerm_machine_learning_workspace').find((w) => w.props.kind === 'FeatureStore')!;
    return {
      cmkEncrypted: present(ws.props.encryption?.key_id),
      retained: ws.retained,
      onlineAndOffline: of(rs, 'azurerm_redis_cache').length === 1 && of(rs, 'azapi_resource').some((r) => r.props.body?.properties?.category === 'ADLSGen2'),
      tenantTag: ws.props.tags?.tenant,
    };
  },
  tenant: (rs) => ({
    rotatingKey: present(one(rs, 'azurerm_key_vault_key').rotation_policy?.automatic),
    keyRetained: of(rs, 'azurerm_key_vault_key')[0].retained,
    budgetUsd: one(rs, 'azurerm_consumption_budget_resource_group').amount,
    identity: of(rs, 'azurerm_user_assigned_identity').length === 1,
  }),
};

const TARGETS = [AWS_CFN, AWS_TF, GCP, AZURE];

const tenant = (scope: Construct) => new SecureTenant(scope, 'Tenant', {
  tenantId: 'conf', compliance: ComplianceProfile.HIPAA, monthlyBudgetUsd: 100, budgetAlertEmails: ['finops@example.com'],
});
const IMAGE = { aws: ECR_IMAGE, gcp: 'us-docker.pkg.dev/p/r/x:1', azure: 'acr.azurecr.io/x:1' };
const GPU = { aws: Accelerator.NVIDIA_L4, gcp: Accelerator.NVIDIA_L4, azure: Accelerator.NVIDIA_T4 };

const scenarios: Record<string, Build> = {
  endpoint: (scope, s) => {
    new InferenceEndpoint(scope, 'Ep', {
      model: ModelSource.container({ image: IMAGE[s.cloud] }),
      accelerator: GPU[s.cloud],
      minReplicas: 1,
      maxReplicas: 3,
      requestLogging: { enabled: true },
      tenant: tenant(scope),
    });
  },
  pool: (scope, s) => { new GpuPool(scope, 'Pool', { accelerator: GPU[s.cloud], maxNodes: 3, compliance: ComplianceProfile.HIPAA }); },
  // GCP under HIPAA serves features from BigQuery: the Vertex AI online store has no CMEK setting in Terraform.
  store: (scope, s) => { new FeatureStore(scope, 'Store', { featureGroups: [CUSTOMERS], tenant: tenant(scope), onlineStore: s.cloud !== 'gcp' }); },
  tenant: (scope) => { tenant(scope); },
};

describe.each(TARGETS.map((t) => [t.name, t] as const))('%s', (_name, t) => {
  const synth = (b: Build) => t.synth((scope) => b(scope, { cloud: t.cloud }));

  test('InferenceEndpoint: private, encrypted with a customer-managed key, autoscaled 1..3, tagged for the tenant', () => {
    expect(t.endpoint(synth(scenarios.endpoint))).toEqual({ private: true, cmkEncrypted: true, bounds: [1, 3], tenantTag: 'conf' });
  });

  test('GpuPool (HIPAA): private control plane, GPU taint, scales 0..3, disks encrypted with a customer-managed key', () => {
    expect(t.pool(synth(scenarios.pool))).toEqual({ privateControlPlane: true, gpuTaint: true, bounds: [0, 3], cmkDisks: true });
  });

  test('FeatureStore: encrypted with the tenant key, retained, online and offline stores, tagged for the tenant', () => {
    expect(t.store(synth(scenarios.store))).toEqual({ cmkEncrypted: true, retained: true, onlineAndOffline: true, tenantTag: 'conf' });
  });

  test('SecureTenant: its own rotating, retained key, its identity and its budget', () => {
    expect(t.tenant(synth(scenarios.tenant))).toEqual({ rotatingKey: true, keyRetained: true, budgetUsd: 100, identity: true });
  });
});
