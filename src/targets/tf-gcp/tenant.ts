/*
 * SecureTenant → Google Cloud (cdktf, deep imports only).
 *
 * Per tenant: a key ring and key (90-day rotation, prevent_destroy), a service account, a CMEK data bucket (uniform
 * access, public access prevention, versioning, retained), IAM bindings on the tenant's own key and bucket only —
 * each with an IAM condition naming the tenant's resource — a VPC Service Controls perimeter around the project when
 * the target names an access policy, and a billing budget filtered on the project and the tenant label.
 * Constructs given the tenant use its key for CMEK and its service account as their runtime identity.
 * Names: key rings/keys [a-zA-Z0-9_-] ≤ 63; service account ids 6-30 [a-z][-a-z0-9]*[a-z0-9]; buckets 3-63.
 */
import { AccessContextManagerServicePerimeter } from '@cdktf/provider-google/lib/access-context-manager-service-perimeter';
import { BillingBudget } from '@cdktf/provider-google/lib/billing-budget';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Construct, IConstruct } from 'constructs';
import { ensureProvider, ROTATION_PERIOD, targetOptionIssues } from './common';
import type { GcpTargetOptions } from './target';
import { GcpTenantResources } from './tenancy';
import { CostEstimate, estimate, fixedDriver } from '../../core/cost';
import { ValidationIssue, show } from '../../core/errors';
import { RendererModule } from '../../core/renderer';
import { gcpLabelIssues, gcpLabels } from '../../core/tags';
import { SecureTenantSpec } from '../../core/tenant';
import { GCP_FIXED } from '../shared-gcp/accelerators';
import { isUnresolved as unresolvedTf, retain, shortHash, stackOf } from '../shared-tf/engine';

/** Services a tenant perimeter restricts: what our constructs use. */
const PERIMETER_SERVICES = ['aiplatform.googleapis.com', 'storage.googleapis.com', 'bigquery.googleapis.com', 'run.googleapis.com', 'cloudkms.googleapis.com', 'container.googleapis.com'];
const PERIMETER_MARK = Symbol.for('ai-infra-constructs.tf-gcp.TenantPerimeter');

export function validateSecureTenant(spec: SecureTenantSpec, options: GcpTargetOptions, isUnresolved: (x: unknown) => boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = targetOptionIssues(options, isUnresolved);
  if (issues.some((i) => i.prop === 'GcpTarget')) return issues;
  if (spec.monthlyBudgetUsd !== undefined && !options.billingAccount) {
    issues.push({ prop: 'GcpTarget.billingAccount', received: 'undefined (with monthlyBudgetUsd)', allowed: 'the billing account id (XXXXXX-XXXXXX-XXXXXX) budgets are created under' });
  }
  if (spec.monthlyBudgetUsd !== undefined && Array.isArray(spec.budgetAlertEmails) && spec.budgetAlertEmails.length > 5) {
    issues.push({
      prop: 'budgetAlertEmails',
      received: `${spec.budgetAlertEmails.length} addresses`,
      allowed: 'at most 5 on GCP (each is a Cloud Monitoring notification channel, and a billing budget takes at most 5)',
    });
  }
  if (options.accessPolicy !== undefined && !/^\d+$/.test(options.accessPolicy)) {
    issues.push({ prop: 'GcpTarget.accessPolicy', received: show(options.accessPolicy), allowed: 'the numeric id of an Access Context Manager policy' });
  }
  return issues;
}

export function renderSecureTenant(scope: IConstruct, spec: SecureTenantSpec, options: GcpTargetOptions): GcpTenantResources {
  ensureProvider(scope, options);
  const c = scope as Construct;
  const id = spec.tenantId;
  const labels = gcpLabels(spec.tags, unresolvedTf);
  const project = new DataGoogleProject(c, 'Project', { projectId: options.project });

  const ring = new KmsKeyRing(c, 'KeyRing', { name: `tenant-${id}-${shortHash(c)}`, location: options.region, project: options.project });
  retain(ring); // key rings cannot be deleted in GCP; Terraform must not try
  const key = new KmsCryptoKey(c, 'Key', {
    name: `tenant-${id}`,
    keyRing: ring.id,
    rotationPeriod: ROTATION_PERIOD,
    purpose: 'ENCRYPT_DECRYPT',
    labels,
    lifecycle: { preventDestroy: spec.retainOnDelete },
  });

  const sa = new ServiceAccount(c, 'ServiceAccount', {
    accountId: `tn-${id}`,
    displayName: `Tenant ${id} workloads`,
    description: 'Workload identity of one tenant (ai-infra-constructs)',
    project: options.project,
  });
  const member = `serviceAccount:${sa.email}`;
  new KmsCryptoKeyIamMember(c, 'TenantKeyAccess', {
    cryptoKeyId: key.id,
    role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    member,
    condition: { title: `tenant-${id}-key`, description: `Only tenant ${id}'s key`, expression: `resource.name == "${key.id}"` },
  });

  // The tenant's data location: CMEK with the tenant key (the Cloud Storage agent must be able to use it first).
  const gcs = new DataGoogleStorageProjectServiceAccount(c, 'StorageAgent', { project: options.project });
  const gcsKey = new KmsCryptoKeyIamMember(c, 'StorageAgentKeyAccess', {
    cryptoKeyId: key.id,
    role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
    member: `serviceAccount:${gcs.emailAddress}`,
  });
  const bucketName = `${options.project}-tenant-${id}`.slice(0, 63).replace(/-+$/, '');
  const bucket = new StorageBucket(c, 'Data', {
    name: bucketName,
    project: options.project,
    location: options.region.toUpperCase(),
    uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced',
    versioning: { enabled: true },
    encryption: { defaultKmsKeyName: key.id },
    forceDestroy: !spec.retainOnDelete,
    labels,
    dependsOn: [gcsKey],
  });
  if (spec.retainOnDelete) retain(bucket);
  new StorageBucketIamMember(c, 'TenantDataAccess', {
    bucket: bucket.name,
    role: 'roles/storage.objectUser',
    member,
    condition: { title: `tenant-${id}-data`, description: `Only tenant ${id}'s bucket`, expression: `resource.name.startsWith("projects/_/buckets/${bucketName}")` },
  });

  if (options.accessPolicy) {
    const stack = stackOf(c) as any;
    if (!stack[PERIMETER_MARK]) {
      Object.defineProperty(stack, PERIMETER_MARK, { value: id });
      new AccessContextManagerServicePerimeter(c, 'Perimeter', {
        parent: `accessPolicies/${options.accessPolicy}`,
        name: `accessPolicies/${options.accessPolicy}/servicePerimeters/tenant_${id.replace(/-/g, '_')}`,
        title: `tenant_${id.replace(/-/g, '_')}`,
        perimeterType: 'PERIMETER_TYPE_REGULAR',
        status: { resources: [`projects/${project.number}`], restrictedServices: PERIMETER_SERVICES },
      });
    } else {
      c.node.addMetadata('ai-infra-constructs:perimeter', `the project is already in tenant ${stack[PERIMETER_MARK]}'s perimeter (a project belongs to one regular perimeter); give each tenant its own project for separate perimeters`);
    }
  }

  if (spec.monthlyBudgetUsd !== undefined) {
    const channels = spec.budgetAlertEmails.map((address, i) => new MonitoringNotificationChannel(c, `BudgetEmail${i}`, {
      project: options.project,
      displayName: `Tenant ${id} budget: ${address}`,
      type: 'email',
      labels: { email_address: address },
      userLabels: labels,
    }).id);
    const th = spec.budgetAlertThresholdsPercent;
    new BillingBudget(c, 'Budget', {
      billingAccount: options.billingAccount!,
      displayName: `tenant-${id}`,
      budgetFilter: { projects: [`projects/${project.number}`], labels: { tenant: id }, calendarPeriod: 'MONTH' },
      amount: { specifiedAmount: { currencyCode: 'USD', units: String(Math.round(spec.monthlyBudgetUsd)) } },
      thresholdRules: [
        ...th.map((t) => ({ thresholdPercent: t / 100 })),
        { thresholdPercent: th[th.length - 1] / 100, spendBasis: 'FORECASTED_SPEND' },
      ],
      allUpdatesRule: { monitoringNotificationChannels: channels.length ? channels : undefined, disableDefaultIamRecipients: false },
    });
  }

  return { tenantId: id, keyId: key.id, serviceAccountEmail: sa.email, bucketName, project: options.project, region: options.region };
}

export function estimateSecureTenant(_spec: SecureTenantSpec): CostEstimate {
  const k = GCP_FIXED.kmsKeyVersionMonthlyUsd;
  return estimate([fixedDriver('Cloud KMS key version (tenant)', k.usd, k.source, k.asOf, k.region)], [
    'Tenant data in Cloud Storage and KMS operations are usage-priced and not included; each 90-day rotation adds a billed key version',
  ]);
}

/** The SecureTenant renderer of this target (uniform signatures; see core/renderer.ts). */
export const renderer: RendererModule<SecureTenantSpec, ReturnType<typeof renderSecureTenant>, GcpTargetOptions> = {
  validate: (spec, options, isUnresolved) => [...validateSecureTenant(spec, options, isUnresolved), ...gcpLabelIssues(spec.tags, isUnresolved)],
  render: renderSecureTenant,
  estimate: (spec, _options) => estimateSecureTenant(spec),
};
