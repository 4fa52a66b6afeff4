import { IConstruct } from 'constructs';
import { ValidationError, show } from './errors';
import { Target } from './target';

/** Metadata key of acknowledgement records (written into CloudFormation Metadata / kept on cdktf constructs). @internal */
export const ACKNOWLEDGEMENT_METADATA = 'ai-infra-constructs:acknowledgement';

/**
 * A finding of a compliance rule that is accepted on purpose, with the reason.
 */
export interface Acknowledgement {
  /**
   * The rule id as the rule pack reports it, e.g. `AwsSolutions-IAM5[Resource::*]`, `HIPAA.Security-VPCFlowLogsEnabled`
   * or a Terraform rule id such as `CKV_AZURE_115`.
   */
  readonly ruleId: string;
  /** Why the finding is acceptable here: at least 10 characters, naming the control or constraint that covers it. */
  readonly reason: string;
}

/**
 * Acknowledgements of compliance findings: a reviewed, recorded exception instead of a silent suppression.
 */
export class Compliance {
  /**
   * Accepts `ruleId` findings on `scope` and everything below it, for `reason`.
   *
   * The acknowledgement is recorded on the construct (CloudFormation Metadata on AWS) so that an auditor can list every
   * exception with its reason; on AWS it is also registered with aws-cdk-lib's validations, which cdk-nag 3 reads.
   * @throws ValidationError when the rule id is empty or the reason is shorter than 10 characters
   */
  public static acknowledge(scope: IConstruct, acknowledgement: Acknowledgement): void {
    const a = acknowledgement ?? ({} as Acknowledgement);
    const issues = [];
    if (typeof a.ruleId !== 'string' || a.ruleId.trim() === '') issues.push({ prop: 'ruleId', received: show(a.ruleId), allowed: 'the rule id the rule pack reports' });
    if (typeof a.reason !== 'string' || a.reason.trim().length < 10) {
      issues.push({ prop: 'reason', received: show(a.reason), allowed: 'a reason of at least 10 characters that names the control or constraint covering the finding' });
    }
    if (issues.length > 0) throw new ValidationError(scope, issues);
    scope.node.addMetadata(ACKNOWLEDGEMENT_METADATA, { ruleIds: [a.ruleId], reason: a.reason });
    Target._engineAcknowledge(scope, a.ruleId, a.reason);
  }

  /** Every acknowledgement recorded on `scope` and below it (including those our constructs make themselves). */
  public static acknowledgementsOf(scope: IConstruct): AcknowledgementRecord[] {
    const out: AcknowledgementRecord[] = [];
    for (const c of scope.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type === ACKNOWLEDGEMENT_METADATA) {
          for (const ruleId of (m.data as any).ruleIds) out.push({ path: c.node.path, ruleId, reason: (m.data as any).reason });
        }
      }
    }
    return out;
  }

  private constructor() {}
}

/**
 * One recorded acknowledgement.
 */
export interface AcknowledgementRecord {
  /** Construct path it applies to (and below). */
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
}
