// `npx cdktf synth` runs this file (see cdktf.json): one stack per cloud.
import { App, TerraformStack } from 'cdktf';
import { ExistingCluster, Target, tfazure, tfgcp } from '../../src';
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
  return app;
}

if (require.main === module) main().synth();
