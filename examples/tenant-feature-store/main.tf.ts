// `npx cdktf synth` runs this file (see cdktf.json): one stack per cloud.
import { App, TerraformStack } from 'cdktf';
import { Target, tfaws, tfazure, tfgcp } from '../../src';
import { define } from './define';

export function main(app = new App()): App {
  const gcp = new TerraformStack(app, 'feature-store-gcp');
  Target.bind(gcp, new tfgcp.GcpTarget({ project: 'my-ml-project', region: 'us-central1' }));
  define(gcp, 'gcp');

  const azure = new TerraformStack(app, 'feature-store-azure');
  Target.bind(azure, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'ml-prod' }));
  define(azure, 'azure');

  // AWS through Terraform (same schema lock as the CloudFormation entrypoint: features.aws.lock.json).
  const aws = new TerraformStack(app, 'feature-store-aws');
  Target.bind(aws, new tfaws.AwsTfTarget({ region: 'us-east-1' }));
  define(aws, 'aws');
  return app;
}

if (require.main === module) main().synth();
