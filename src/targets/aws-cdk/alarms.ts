import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { RemovalPolicy, Stack } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { keepLogicalIds } from './logical-ids';
import type { AwsCdkTargetOptions } from './target';
import { tagShared } from './tenancy';

const TOPIC_ID = 'AiInfraAlarms';

/**
 * Where alarms notify: the target's topic, else one topic per stack, encrypted with its own rotating key (CloudWatch
 * may use it: alarms cannot publish to topics encrypted with the AWS-managed SNS key) and refusing non-TLS publishers.
 * Subscribe your on-call tooling to it.
 */
export function alarmTopic(scope: IConstruct, options: AwsCdkTargetOptions): ITopic {
  if (options.alarmTopic) return options.alarmTopic;
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(TOPIC_ID) as Topic | undefined;
  if (existing) return existing;
  const key = new Key(stack, `${TOPIC_ID}Key`, { description: 'Alarm notifications (ai-infra-constructs)', enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'CloudWatchAlarmsPublish',
    principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: ['*'],
  }));
  const topic = new Topic(stack, TOPIC_ID, { displayName: 'AI infrastructure alarms', masterKey: key, enforceSSL: true });
  tagShared(key);
  tagShared(topic);
  keepLogicalIds(key);
  keepLogicalIds(topic);
  return topic;
}
