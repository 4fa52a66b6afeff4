// `npx cdktf synth` runs this file (see cdktf.json): one stack per cloud.
import { App, TerraformStack } from 'cdktf';
import { Target, tfaws, tfazure, tfgcp } from '../../src';
import { define } from './define';

export function main(app = new App()): App {
  const gcp = new TerraformStack(app, 'llm-serving-gcp');
  Target.bind(gcp, new tfgcp.GcpTarget({ project: 'my-ml-project', region: 'us-central1' }));
  define(gcp, { cloud: 'gcp' });

  const azure = new TerraformStack(app, 'llm-serving-azure');
  Target.bind(azure, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'ml-prod' }));
  define(azure, { cloud: 'azure' });

  // AWS through Terraform: the same definition as the CloudFormation entrypoint (main.aws-cdk.ts).
  const aws = new TerraformStack(app, 'llm-serving-aws');
  Target.bind(aws, new tfaws.AwsTfTarget({ region: 'us-east-1' }));
  define(aws, { cloud: 'aws' });
  return app;
}

if (require.main === module) main().synth();
