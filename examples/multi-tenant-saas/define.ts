/**
 * A multi-tenant SaaS: each tenant gets its own boundary (key, identity, data location, budget) and its own
 * inference endpoint that runs with the tenant's key and identity. Onboarding tenant N+1 is one more id in the list.
 */
import { Construct } from 'constructs';
import { Accelerator, ComplianceProfile, InferenceEndpoint, ModelSource, SecureTenant } from '../../src';

export const TENANT_IDS = ['acme', 'globex', 'initech'];

export function defineSaas(scope: Construct, cloud: 'aws' | 'gcp' | 'azure', tenantIds: string[] = TENANT_IDS): Array<{ tenant: SecureTenant; endpoint: InferenceEndpoint }> {
  const image = {
    aws: '123456789012.dkr.ecr.us-east-1.amazonaws.com/support-assistant:2.1',
    gcp: 'us-docker.pkg.dev/my-ml-project/serving/support-assistant:2.1',
    azure: 'mlprodacr.azurecr.io/serving/support-assistant:2.1',
  }[cloud];
  return tenantIds.map((tenantId) => {
    const tenant = new SecureTenant(scope, `Tenant-${tenantId}`, {
      tenantId,
      compliance: ComplianceProfile.SOC2,
      costCenter: `cc-${tenantId}`,
      monthlyBudgetUsd: 3000,
      budgetAlertEmails: [`finops+${tenantId}@example.com`],
    });
    const endpoint = new InferenceEndpoint(scope, `Assistant-${tenantId}`, {
      tenant,
      model: ModelSource.container({ image, environment: { TENANT_ID: tenantId }, port: 8080 }),
      accelerator: cloud === 'azure' ? Accelerator.NVIDIA_T4 : Accelerator.NVIDIA_L4,
      minReplicas: 1,
      maxReplicas: 3,
    });
    return { tenant, endpoint };
  });
}
