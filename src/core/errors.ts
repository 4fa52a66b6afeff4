import { IConstruct } from 'constructs';

const VALIDATION_ERROR_SYMBOL = Symbol.for('ai-infra-constructs.ValidationError');

/**
 * One problem with the input of a construct.
 */
export interface ValidationIssue {
  /** The prop (or dotted path into the props) that is wrong, e.g. `minReplicas` or `model.image`. */
  readonly prop: string;
  /** What was received, rendered for humans. */
  readonly received: string;
  /** What is allowed, rendered for humans. */
  readonly allowed: string;
  /**
   * Extra guidance: why, or what to use instead.
   * @default - no hint
   */
  readonly hint?: string;
}

/** Non-exported base so jsii never sees `Error` as a supertype of an exported type. */
abstract class LibraryError extends Error {}

/**
 * Thrown at synth time when construct input is invalid. Lists every problem at once.
 *
 * Available to TypeScript/JavaScript callers; hidden from the jsii type system (which cannot extend `Error`), so
 * other languages see a runtime error whose message lists the issues.
 * @internal
 */
export class ValidationError extends LibraryError {
  /** True when `x` is a `ValidationError` (works across copies of this library). */
  public static isValidationError(x: any): x is ValidationError {
    return x !== null && typeof x === 'object' && VALIDATION_ERROR_SYMBOL in x;
  }

  private static format(path: string, issues: ValidationIssue[]): string {
    const lines = issues.map((i) => {
      const hint = i.hint ? ` (${i.hint})` : '';
      return `  - ${i.prop}: received ${i.received}; allowed: ${i.allowed}${hint}`;
    });
    const n = issues.length;
    return `${path}: ${n} invalid input${n === 1 ? '' : 's'}\n${lines.join('\n')}`;
  }

  /** Every problem found, in the order they were found. */
  public readonly issues: ValidationIssue[];
  /** Path of the construct that rejected its input. */
  public readonly constructPath: string;

  constructor(scope: IConstruct, issues: ValidationIssue[]) {
    super(ValidationError.format(scope.node.path, issues));
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
    this.name = 'ValidationError';
    this.issues = issues;
    this.constructPath = scope.node.path;
  }
}

/** Throws one ValidationError listing every issue, when there is any. @internal */
export function throwIfInvalid(scope: IConstruct, issues: ValidationIssue[]): void {
  if (issues.length > 0) {
    // Identical issues (e.g. a type check run on both props and spec) are listed once.
    const seen = new Set<string>();
    const unique = issues.filter((i) => {
      const k = `${i.prop}\u0000${i.received}\u0000${i.allowed}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    throw new ValidationError(scope, unique);
  }
}

/** Renders a received value for an error message. @internal */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
