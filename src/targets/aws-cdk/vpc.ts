import { FlowLogDestination, IVpc, Vpc, VpcProps } from 'aws-cdk-lib/aws-ec2';
import { Stack, Tags } from 'aws-cdk-lib/core';
import { MANAGED_BY, TAG_MANAGED_BY } from '../../core/tags';

/**
 * A VPC created once per stack under `id` and shared by every construct of the stack that needs it: two AZs, flow
 * logs to CloudWatch Logs, tagged as ours. `configure` runs once, on creation.
 */
export function sharedStackVpc(stack: Stack, id: string, props: VpcProps, configure?: (vpc: Vpc) => void): IVpc {
  const existing = stack.node.tryFindChild(id) as Vpc | undefined;
  if (existing) return existing;
  const vpc = new Vpc(stack, id, { maxAzs: 2, restrictDefaultSecurityGroup: false, ...props });
  configure?.(vpc);
  vpc.addFlowLog('FlowLogs', { destination: FlowLogDestination.toCloudWatchLogs() });
  Tags.of(vpc).add(TAG_MANAGED_BY, MANAGED_BY);
  return vpc;
}
