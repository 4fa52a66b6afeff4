// `npx cdktf synth` runs this file (see cdktf.json): one stack per cloud.
import { App, TerraformStack } from 'cdktf';
import { Target, tfazure, tfgcp } from '../../src';
import { define } from './define';

export function main(app = new App()): App {
  const gcp = new TerraformStack(app, 'feature-store-gcp');
  Target.bind(gcp, new tfgcp.GcpTarget({ project: 'my-ml-project', region: 'us-central1' }));
  define(gcp, 'gcp');

  const azure = new TerraformStack(app, 'feature-store-azure');
  Target.bind(azure, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'ml-prod' }));
  define(azure, 'azure');
  return app;
}

if (require.main === module) main().synth();
