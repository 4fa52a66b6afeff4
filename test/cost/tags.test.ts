/**
 * Cost-allocation tags/labels on every taggable resource of every example, on every cloud: `workload` and
 * `managed-by` always; `tenant` and `cost-center` on everything a tenant owns.
 */
import { CfnResource, ITaggable, TagManager, App as CdkApp } from 'aws-cdk-lib/core';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { EXAMPLES } from '../../scripts/synth-examples';

/** The tenant id of the construct of ours that owns `c`, if any. */
function ownerOf(c: IConstruct): IConstruct | undefined {
  return [...c.node.scopes].reverse().find((s) => (s as any).estimatedMonthlyCost !== undefined);
}
function tenantOf(c: IConstruct): string | undefined {
  const owner = ownerOf(c) as any;
  return owner?.tenantId ?? owner?._spec?.tenant?.tenantId;
}
/** Ours: under one of our constructs, or a shared resource our constructs create per stack (ids `AiInfra…`). */
function isOurs(c: IConstruct): boolean {
  return ownerOf(c) !== undefined || c.node.scopes.some((s) => s.node.id.startsWith('AiInfra'));
}

function required(c: IConstruct, gcp = false): string[] {
  const keys = ['workload', 'managed-by'];
  const owner = ownerOf(c) as any;
  if (tenantOf(c)) keys.push('tenant');
  if (owner?.costCenter ?? owner?._spec?.tenant?.costCenter) keys.push('cost-center');
  return gcp ? keys.map((k) => k.replace(/[^a-z0-9_-]/g, '_')) : keys;
}

describe.each(EXAMPLES.filter((e) => e.engine === 'aws-cdk').map((e) => [e.example, e] as const))('AWS: %s', (_n, entry) => {
  test('every taggable resource carries the cost-allocation tags', () => {
    const app: CdkApp = entry.main(new CdkApp());
    app.synth();
    const missing: string[] = [];
    for (const c of app.node.findAll()) {
      if (!CfnResource.isCfnResource(c) || !TagManager.isTaggable(c) || !isOurs(c)) continue;
      const tags = (c as unknown as ITaggable).tags.tagValues();
      for (const k of required(c)) if (!(k in tags)) missing.push(`${c.node.path} (${c.cfnResourceType}): ${k}`);
    }
    expect(missing).toEqual([]);
  });
});

describe.each(EXAMPLES.filter((e) => e.engine === 'cdktf').map((e) => [e.example, e] as const))('Terraform: %s', (_n, entry) => {
  test('every resource type with labels (GCP) or tags (Azure) carries them', () => {
    const app = entry.main(Testing.app());
    const missing: string[] = [];
    for (const stack of app.node.children.filter((c: IConstruct) => TerraformStack.isStack(c)) as TerraformStack[]) {
      const json = JSON.parse(Testing.synth(stack));
      for (const r of stack.node.findAll().filter((c) => TerraformResource.isTerraformResource(c)) as TerraformResource[]) {
        const attrs = json.resource?.[r.terraformResourceType]?.[r.friendlyUniqueId];
        if (!attrs) continue;
        const proto = Object.getPrototypeOf(r);
        const gcp = r.terraformResourceType.startsWith('google_');
        let labels: Record<string, string> | undefined;
        if (!isOurs(r)) continue;
        if (r.terraformResourceType === 'google_container_node_pool') labels = attrs.node_config?.resource_labels;
        else if (r.terraformResourceType === 'google_monitoring_notification_channel') labels = attrs.user_labels; // `labels` configures the channel
        else if ('resourceLabels' in proto) labels = attrs.resource_labels;
        else if ('labels' in proto && gcp) labels = attrs.labels;
        else if ('tags' in proto && !gcp) labels = attrs.tags;
        else continue;
        for (const k of required(r, gcp)) if (!labels || !(k in labels)) missing.push(`${r.terraformResourceType}.${r.friendlyUniqueId}: ${k}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
