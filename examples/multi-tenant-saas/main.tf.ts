// `npx cdktf synth` runs this file (see cdktf.json): one stack per cloud.
import { App, TerraformStack } from 'cdktf';
import { Target, tfaws, tfazure, tfgcp } from '../../src';
import { defineSaas } from './define';

export function main(app = new App()): App {
  const gcp = new TerraformStack(app, 'saas-gcp');
  Target.bind(gcp, new tfgcp.GcpTarget({ project: 'my-ml-project', region: 'us-central1', billingAccount: '012345-6789AB-CDEF01' }));
  defineSaas(gcp, 'gcp');

  const azure = new TerraformStack(app, 'saas-azure');
  Target.bind(azure, new tfazure.AzureTarget({ location: 'eastus', resourceGroupName: 'saas-prod' }));
  defineSaas(azure, 'azure');

  // AWS through Terraform: the same tenants, endpoints and budgets as the CloudFormation entrypoint.
  const aws = new TerraformStack(app, 'saas-aws');
  Target.bind(aws, new tfaws.AwsTfTarget({ region: 'us-east-1' }));
  defineSaas(aws, 'aws');
  return app;
}

if (require.main === module) main().synth();
