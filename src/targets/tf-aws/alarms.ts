/*
 * Where alarms notify: the target's topic, else one SNS topic per stack, encrypted with its own rotating key that
 * CloudWatch may use (alarms cannot publish to topics encrypted with the AWS-managed SNS key), refusing non-TLS
 * publishers. Subscribe your on-call tooling to it.
 */
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { Construct, IConstruct } from 'constructs';
import { AwsContext, newKey, policyDocument, SHARED_TAGS } from './common';
import type { AwsTfTargetOptions } from './target';
import { stackOf, tagResources } from '../shared-tf/engine';

const TOPIC_ID = 'AiInfraAlarms';

export function alarmTopicArn(scope: IConstruct, options: AwsTfTargetOptions, ctx: AwsContext): string {
  if (options.alarmTopicArn) return options.alarmTopicArn;
  const stack = stackOf(scope);
  const existing = stack.node.tryFindChild(TOPIC_ID) as Construct | undefined;
  if (existing) return (existing.node.findChild('Resource') as SnsTopic).arn;
  const c = new Construct(stack, TOPIC_ID);
  const key = newKey(c, 'Key', ctx, 'Alarm notifications (ai-infra-constructs)', [{
    Sid: 'CloudWatchAlarmsPublish',
    Effect: 'Allow',
    Principal: { Service: 'cloudwatch.amazonaws.com' },
    Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
    Resource: '*',
  }]);
  const topic = new SnsTopic(c, 'Resource', { namePrefix: 'ai-infra-alarms-', displayName: 'AI infrastructure alarms', kmsMasterKeyId: key.arn });
  new SnsTopicPolicy(c, 'Policy', {
    arn: topic.arn,
    policy: policyDocument([{
      Sid: 'AllowPublishThroughSSLOnly',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'sns:Publish',
      Resource: topic.arn,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }, {
      Sid: 'CloudWatchAlarmsPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topic.arn,
      Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } },
    }]),
  });
  tagResources(c, SHARED_TAGS);
  return topic.arn;
}
