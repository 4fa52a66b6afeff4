/**
 * Tenant isolation on GCP and Azure: walk every IAM binding / role assignment of the synthesized multi-tenant app and
 * prove that no tenant identity is granted on another tenant's key, data or endpoint, and that each tenant's
 * endpoint runs with its own key and identity.
 */
import { defineSaas, TENANT_IDS } from '../../examples/multi-tenant-saas/define';
import { synthAzure, synthGcp, TfJson } from '../util';

/** The tenant a Terraform reference (`${type.Name_HASH.attr}`) or address belongs to, by construct id. */
function ownerOf(ref: string): string | undefined {
  const m = /(?:Tenant|Assistant)-([a-z0-9-]+?)_/.exec(ref);
  return m?.[1];
}

function bindings(json: TfJson, types: string[], member: (r: any) => string, target: (r: any) => string) {
  return types.flatMap((t) => Object.entries(json.resource[t] ?? {}).map(([address, r]) => ({ type: t, address, member: member(r), target: target(r) })));
}

describe('GCP tenant isolation (3 tenants with an endpoint each)', () => {
  const json = synthGcp((s) => defineSaas(s, 'gcp'), { billingAccount: '012345-6789AB-CDEF01' });
  const all = bindings(json,
    ['google_kms_crypto_key_iam_member', 'google_storage_bucket_iam_member', 'google_cloud_run_v2_service_iam_member', 'google_bigquery_dataset_iam_member', 'google_project_iam_member'],
    (r) => r.member,
    (r) => r.crypto_key_id ?? r.bucket ?? r.name ?? r.dataset_id ?? r.project);
  const tenantBindings = all.filter((b) => /google_service_account\.Tenant-/.test(b.member));

  test('every binding of a tenant identity is on that tenant\'s own key, data or endpoint', () => {
    expect(tenantBindings.length).toBe(TENANT_IDS.length * 3); // key, bucket, endpoint invoker
    const cross = tenantBindings.filter((b) => ownerOf(b.member) !== ownerOf(b.target));
    expect(cross).toEqual([]);
    for (const id of TENANT_IDS) {
      const mine = tenantBindings.filter((b) => ownerOf(b.member) === id).map((b) => b.type).sort();
      expect(mine).toEqual(['google_cloud_run_v2_service_iam_member', 'google_kms_crypto_key_iam_member', 'google_storage_bucket_iam_member']);
    }
    process.stdout.write(`GCP isolation: ${tenantBindings.length} tenant bindings, 0 cross-tenant; ${all.length - tenantBindings.length} service-agent bindings\n`);
  });

  test('tenant key and bucket bindings carry IAM conditions naming the tenant\'s resource', () => {
    for (const [, r] of Object.entries<any>({ ...json.resource.google_kms_crypto_key_iam_member, ...json.resource.google_storage_bucket_iam_member })) {
      if (/google_service_account\.Tenant-/.test(r.member)) expect(r.condition.expression).toMatch(/resource\.name/);
    }
  });

  test('no project-wide role is granted to a tenant identity, and nothing is public', () => {
    expect(all.filter((b) => b.type === 'google_project_iam_member' && /Tenant-/.test(b.member))).toEqual([]);
    expect(JSON.stringify(json)).not.toMatch(/allUsers|allAuthenticatedUsers/);
  });

  test('each endpoint runs as its tenant\'s identity with its tenant\'s key', () => {
    for (const [address, svc] of Object.entries<any>(json.resource.google_cloud_run_v2_service)) {
      const id = ownerOf(address);
      expect(ownerOf(svc.template.service_account)).toBe(id);
      expect(svc.template.service_account).toMatch(/google_service_account\.Tenant-/);
      expect(ownerOf(svc.template.encryption_key)).toBe(id);
      expect(svc.template.encryption_key).toMatch(/google_kms_crypto_key\.Tenant-/);
    }
  });
});

describe('Azure tenant isolation (3 tenants with an endpoint each)', () => {
  const json = synthAzure((s) => defineSaas(s, 'azure'));
  const assignments = bindings(json, ['azurerm_role_assignment'], (r) => r.principal_id, (r) => r.scope);
  const tenantAssignments = assignments.filter((a) => /azurerm_user_assigned_identity\.Tenant-/.test(a.member));

  test('every role assignment of a tenant identity is scoped to that tenant\'s resource group or vault', () => {
    expect(tenantAssignments.length).toBe(TENANT_IDS.length * 3); // key user on the vault, two data roles on the group
    expect(tenantAssignments.filter((a) => ownerOf(a.member) !== ownerOf(a.target))).toEqual([]);
    for (const a of tenantAssignments) expect(a.target).toMatch(/azurerm_(resource_group|key_vault)\.Tenant-/);
    process.stdout.write(`Azure isolation: ${tenantAssignments.length} tenant role assignments, 0 cross-tenant\n`);
  });

  test('each endpoint workspace lives in its tenant\'s group and uses its tenant\'s vault, key and identity', () => {
    for (const [address, ws] of Object.entries<any>(json.resource.azurerm_machine_learning_workspace)) {
      const id = ownerOf(address);
      for (const ref of [ws.resource_group_name, ws.key_vault_id, ws.encryption.key_id, ws.encryption.user_assigned_identity_id, ws.primary_user_assigned_identity]) {
        expect(ownerOf(ref)).toBe(id);
      }
    }
  });
});
