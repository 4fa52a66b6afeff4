// `npx cdktf synth` runs this file (see cdktf.json): one stack per cloud.
import { App, TerraformStack } from 'cdktf';
import { ExistingCluster, Target, tfaws, tfazure, tfgcp } from '../../src';
import { defineBatchPool, defineTrainingPool } from './define';

export function main(app = new App()): App {
  const gcp = new TerraformStack(app, 'gpu-pools-gcp');
  Target.bind(gcp, new tfgcp.GcpTarget({ project: 'my-ml-project', region: 'us-central1', masterAuthorizedNetworks: ['10.128.0.0/16'] }));
  defineTrainingPool(gcp);
  defineBatchPool(gcp, ExistingCluster.fromId('projects/my-ml-project/locations/us-central1/clusters/platform-prod'));

  const azure = new TerraformStack(app, 'gpu-pools-azure');
  Target.bind(azure, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'ml-prod' }));
  defineTrainingPool(azure);
  defineBatchPool(azure, ExistingCluster.fromId(
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/platform/providers/Microsoft.ContainerService/managedClusters/platform-prod'));

  // AWS through Terraform: a new private EKS cluster for training, and a GPU node group on the platform team's
  // existing cluster, in that cluster's VPC.
  const aws = new TerraformStack(app, 'gpu-pools-aws');
  Target.bind(aws, new tfaws.AwsTfTarget({ region: 'us-east-1', clusterAdminRoleArns: ['arn:aws:iam::123456789012:role/platform-admins'] }));
  defineTrainingPool(aws);
  const awsPlatform = new TerraformStack(app, 'gpu-pools-aws-platform');
  Target.bind(awsPlatform, new tfaws.AwsTfTarget({
    region: 'us-east-1',
    vpcId: 'vpc-0a1b2c3d4e5f67890',
    subnetIds: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
  }));
  defineBatchPool(awsPlatform, ExistingCluster.fromName('platform-prod'));
  return app;
}

if (require.main === module) main().synth();
