import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { App, CfnElement, CfnOutput, CfnResource, Stack } from 'aws-cdk-lib/core';
import { InferenceEndpoint, ModelSource, SecureTenant } from '../../../src';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1';

/** A stack that counts how often it allocates each element's logical ID. */
class CountingStack extends Stack {
  public readonly calls = new Map<string, number>();
  protected allocateLogicalId(el: CfnElement): string {
    this.calls.set(el.node.path, (this.calls.get(el.node.path) ?? 0) + 1);
    return super.allocateLogicalId(el);
  }
  /** The ID the stack allocates for `el`, not counted. */
  public allocated(el: CfnElement): string {
    return super.allocateLogicalId(el);
  }
}

function build(configure?: (stack: Stack, tenant: SecureTenant, endpoint: InferenceEndpoint) => void) {
  const app = new App();
  const stack = new CountingStack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
  const tenant = new SecureTenant(stack, 'T', { tenantId: 'acme' });
  const endpoint = new InferenceEndpoint(stack, 'Ep', { tenant, model: ModelSource.container({ image: IMAGE }) });
  configure?.(stack, tenant, endpoint);
  return { app, stack, tenant, endpoint };
}

/** The CloudFormation resources under `scope`, by construct path. */
const cfnOf = (scope: { node: { findAll(): any[] } }): CfnResource[] => scope.node.findAll().filter((c) => CfnResource.isCfnResource(c));

describe('logical IDs of our resources are computed once per synth (AWS)', () => {
  test('each is allocated once, and the template is what the stack allocates', () => {
    const { app, stack } = build();
    stack.calls.clear(); // count synth only (building may resolve an ID early, e.g. in a policy document)
    const template = app.synth().getStackByName('S').template;
    // Every resource but the one aws-cdk-lib adds at synth (CDKMetadata).
    const ours = cfnOf(stack).filter((c) => c.node.path !== 'S/CDKMetadata/Default');
    expect(ours.length).toBeGreaterThan(20);
    for (const c of ours) {
      expect([c.node.path, stack.calls.get(c.node.path)]).toEqual([c.node.path, 1]);
      // The ID kept is the stack's own allocation (a hash of the path), and the template uses it.
      expect(template.Resources[stack.allocated(c)]?.Type).toBe(c.cfnResourceType);
    }
  });

  test('a rename, an override and a locked (exported) ID made before synth are all respected', () => {
    const { app, stack, endpoint } = build((s, _t, ep) => {
      const [first, second] = cfnOf(ep);
      s.renameLogicalId(s.getLogicalId(first), 'RenamedByUser');
      second.overrideLogicalId('OverriddenByUser');
      // exportValue locks the referenced resource's logical ID; keeping it must not throw.
      s.exportValue((cfnOf(ep).find((c) => c.cfnResourceType === 'AWS::SageMaker::Endpoint') as any).attrEndpointName);
    });
    const template = app.synth().getStackByName('S').template;
    const [first, second] = cfnOf(endpoint);
    expect(template.Resources.RenamedByUser?.Type).toBe(first.cfnResourceType);
    expect(template.Resources.OverriddenByUser?.Type).toBe(second.cfnResourceType);
    expect(Object.keys(template.Outputs ?? {}).length).toBe(1);
    expect(stack.resolve(first.logicalId)).toBe('RenamedByUser');
  });

  test('a reference from another stack, and synthesizing again, keep working', () => {
    const { app, stack, endpoint } = build();
    const other = new Stack(app, 'Other', { env: { account: '123456789012', region: 'us-east-1' } });
    new CfnOutput(other, 'EndpointId', { value: endpoint.endpointId });
    const first = Template.fromStack(stack).toJSON();
    // A second synth (forced: the first assembly is cached), after the cross-stack reference locked the ID.
    const again = app.synth({ force: true }).getStackByName('S').template;
    expect(again).toEqual(first);
    expect(Object.keys(first.Outputs ?? {}).some((k) => k.startsWith('ExportsOutput'))).toBe(true);
    expect(Template.fromStack(other).toJSON().Outputs.EndpointId.Value['Fn::ImportValue']).toBeDefined();
  });

  test('the user\'s own resources are left to aws-cdk-lib', () => {
    const { app, stack } = build((s) => new Bucket(s, 'Mine'));
    app.synth();
    const mine = cfnOf(stack.node.findChild('Mine'))[0] as any;
    expect(mine._logicalIdOverride).toBeUndefined();
    expect(stack.resolve(mine.logicalId)).toMatch(/^Mine[0-9A-F]{8}$/);
  });
});
