/**
 * The workload both entrypoints deploy into the platform team's existing network and key: a clinical-notes
 * summarizer under HIPAA, with sampled, encrypted request capture.
 */
import { Construct } from 'constructs';
import { InferenceEndpoint, ModelSource } from '../../src';

export function defineClinicalNotes(scope: Construct): InferenceEndpoint {
  return new InferenceEndpoint(scope, 'ClinicalNotes', {
    model: ModelSource.container({
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/notes-summarizer:1.4.2',
      modelDataUri: 's3://clinical-models/summarizer/model.tar.gz',
    }),
    instanceType: { aws: 'ml.g5.2xlarge' },
    minReplicas: 1,
    maxReplicas: 4,
    requestLogging: { enabled: true, samplingPercent: 5 },
  });
}
