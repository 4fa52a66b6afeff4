/**
 * Importing into an existing Terraform setup on AWS: the platform team's VPC, subnets and KMS key already exist (here
 * passed as ids, e.g. from `terraform_remote_state` outputs or variables); bind them once through the target options
 * and every endpoint in the stack uses them (no new VPC, no new key).
 *
 * `npx cdktf synth` runs this file (see cdktf.json).
 */
import { App, TerraformStack } from 'cdktf';
import { ComplianceProfile, Target, tfaws } from '../../src';
import { defineClinicalNotes } from './define';

export function main(app = new App()): App {
  const stack = new TerraformStack(app, 'existing-platform-aws');
  Target.bind(stack, new tfaws.AwsTfTarget({
    region: 'us-east-1',
    vpcId: 'vpc-0a1b2c3d4e5f67890',
    subnetIds: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
    vpcCidrBlock: '10.20.0.0/16',
    kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  }));
  ComplianceProfile.apply(stack, ComplianceProfile.HIPAA);

  defineClinicalNotes(stack);
  return app;
}

if (require.main === module) main().synth();
