/*
 * The only place that imports cdktf. A move to the community fork (cdktn) changes the module names here and the
 * provider packages' peer range; nothing else.
 */
import { Annotations, Fn, Op, TerraformProvider, TerraformResource, TerraformStack, Token, ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';

export { TerraformStack, TerraformResource, TerraformProvider, Token };
export type { ITerraformDependable };

/** The engine's own unresolved-token test. */
export const isUnresolved = (x: unknown): boolean => Token.isUnresolved(x);

/** The TerraformStack enclosing `scope`. */
export function stackOf(scope: IConstruct): TerraformStack {
  return TerraformStack.of(scope);
}

const PROVIDERS_SEEN = Symbol.for('ai-infra-constructs.tf.ProvidersSeen');
const USER_PROVIDERS_EXPECTED = Symbol.for('ai-infra-constructs.tf.UserProvidersExpected');

/**
 * With a target's `configureProvider: false` the user declares the provider. Checked at synth (the provider may be
 * declared after the constructs): when the stack has none, a ValidationError names the option, instead of cdktf's
 * error about resources without a provider.
 */
export function expectUserProvider(scope: IConstruct, providerName: string, prop: string, example: string): void {
  const stack = stackOf(scope);
  let expected = (stack as any)[USER_PROVIDERS_EXPECTED] as Set<string> | undefined;
  if (!expected) {
    expected = new Set();
    Object.defineProperty(stack, USER_PROVIDERS_EXPECTED, { value: expected });
  }
  if (expected.has(providerName)) return;
  expected.add(providerName);
  stack.node.addValidation({
    validate: () => {
      if (hasProvider(stack, providerName)) return [];
      throw new ValidationError(stack, [{
        prop,
        received: `false, and the stack declares no ${providerName} provider`,
        allowed: `true (the library declares it), or false with the provider declared in the stack, e.g. ${example}`,
      }]);
    },
  });
}

/**
 * Whether the stack already has a provider for `providerName` (e.g. `google`, `azurerm`). A provider once found stays
 * found, so each stack is walked at most until the provider exists (renderers call this for every construct: walking
 * the whole tree each time made synth quadratic in the number of constructs).
 */
export function hasProvider(stack: TerraformStack, providerName: string, alias?: string): boolean {
  const key = `${providerName}/${alias ?? ''}`;
  let seen = (stack as any)[PROVIDERS_SEEN] as Set<string> | undefined;
  if (!seen) {
    seen = new Set();
    Object.defineProperty(stack, PROVIDERS_SEEN, { value: seen });
  }
  if (seen.has(key)) return true;
  const found = stack.node.findAll().some((c) => c instanceof TerraformProvider
    && (c as any).terraformResourceType === providerName && (c as any).alias === alias);
  if (found) seen.add(key);
  return found;
}

/** Marks a resource as retained: Terraform refuses to destroy it (`lifecycle.prevent_destroy`). */
export function retain(resource: TerraformResource): void {
  resource.lifecycle = { ...(resource.lifecycle ?? {}), preventDestroy: true };
}

/** Options for a provider declared without generated bindings. */
export interface RawProviderOptions {
  /** Provider name (the resource type prefix), e.g. `awscc`. */
  readonly name: string;
  /** Registry source, e.g. `hashicorp/awscc`. */
  readonly source: string;
  /** Version constraint written into required_providers. */
  readonly version: string;
  /** Provider configuration (snake_case Terraform attributes). */
  readonly attributes?: Record<string, any>;
}

/**
 * A provider declared without generated bindings (e.g. `hashicorp/awscc`, whose prebuilt cdktf package is not
 * installed: loading a second AWS provider package would cost seconds and hundreds of MB for a few resources).
 */
export class RawProvider extends TerraformProvider {
  constructor(scope: Construct, id: string, private readonly options: RawProviderOptions) {
    super(scope, id, {
      terraformResourceType: options.name,
      terraformGeneratorMetadata: { providerName: options.name, providerVersionConstraint: options.version },
      terraformProviderSource: options.source,
    });
  }
  protected synthesizeAttributes(): { [name: string]: any } {
    return { ...(this.options.attributes ?? {}) };
  }
}

/** Options for the azapi provider. */
export interface AzapiProviderOptions {
  /** Version constraint written into required_providers. */
  readonly version: string;
}

/**
 * The Azure/azapi provider, declared without generated bindings (none are published for cdktf).
 */
export class AzapiProvider extends RawProvider {
  public static readonly SOURCE = 'Azure/azapi';
  constructor(scope: Construct, id: string, options: AzapiProviderOptions) {
    super(scope, id, { name: 'azapi', source: AzapiProvider.SOURCE, version: options.version });
  }
}

/** Config of an `azapi_resource`. */
export interface AzapiResourceConfig {
  /** `<resource type>@<api version>`. */
  readonly type: string;
  readonly name: string;
  readonly parentId: string;
  readonly location?: string;
  /** The ARM body (an HCL object, not a JSON string, in azapi 2.x). */
  readonly body: Record<string, any>;
  readonly identityType?: string;
  readonly identityIds?: string[];
  readonly tags?: Record<string, string>;
  /** Output paths to export from the ARM response. */
  readonly responseExportValues?: string[];
  readonly provider: TerraformProvider;
  readonly dependsOn?: ITerraformDependable[];
  /** Skip azapi's embedded-schema validation (for preview API versions). */
  readonly schemaValidationEnabled?: boolean;
}

/**
 * An `azapi_resource`, written with cdktf's `TerraformResource` (no generated azapi bindings exist for cdktf).
 * @see https://registry.terraform.io/providers/Azure/azapi/latest/docs/resources/resource
 */
export class AzapiResource extends TerraformResource {
  public static readonly TF_TYPE = 'azapi_resource';
  public readonly config: AzapiResourceConfig;

  constructor(scope: Construct, id: string, config: AzapiResourceConfig) {
    super(scope, id, {
      terraformResourceType: AzapiResource.TF_TYPE,
      terraformGeneratorMetadata: { providerName: 'azapi', providerVersionConstraint: '~> 2.6' },
      provider: config.provider,
      dependsOn: config.dependsOn,
    });
    this.config = config;
  }

  /** The ARM resource id. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    const c = this.config;
    return {
      type: c.type,
      name: c.name,
      parent_id: c.parentId,
      location: c.location,
      body: c.body,
      identity: c.identityType ? [{ type: c.identityType, identity_ids: c.identityIds }] : undefined,
      tags: c.tags,
      response_export_values: c.responseExportValues,
      schema_validation_enabled: c.schemaValidationEnabled,
    };
  }
}

/** A deterministic, cloud-safe short hash of a construct's path (stable across synths). */
export function shortHash(scope: IConstruct, length = 8): string {
  return scope.node.addr.slice(0, length);
}

/** Config of a resource written without generated bindings. */
export interface RawResourceConfig {
  /** Terraform resource type, e.g. `awscc_sagemaker_inference_component`. */
  readonly type: string;
  readonly provider: TerraformProvider;
  /** Resource arguments, snake_case, exactly as Terraform reads them. */
  readonly attributes: Record<string, any>;
  readonly dependsOn?: ITerraformDependable[];
}

/** A resource of a provider without generated bindings, written with cdktf's `TerraformResource`. */
export class RawResource extends TerraformResource {
  public readonly attributes: Record<string, any>;

  constructor(scope: Construct, id: string, config: RawResourceConfig) {
    super(scope, id, {
      terraformResourceType: config.type,
      terraformGeneratorMetadata: { providerName: (config.provider as any).terraformResourceType },
      provider: config.provider,
      dependsOn: config.dependsOn,
    });
    this.attributes = { ...config.attributes };
  }

  /** A string attribute of the resource (a reference). */
  public attr(name: string): string {
    return this.getStringAttribute(name);
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    return this.attributes;
  }
}

/**
 * Sets `tags` on every resource under `scope` that takes them, keeping tags set explicitly on the resource: a map on
 * generated provider bindings (they expose `tagsInput`), a list of `{ key, value }` on raw resources that declare a
 * `tags` list (Cloud Control / awscc style).
 */
export function tagResources(scope: IConstruct, tags: Record<string, string>): void {
  if (Object.keys(tags).length === 0) return;
  for (const c of scope.node.findAll()) {
    if (c instanceof RawResource && Array.isArray(c.attributes.tags)) {
      const own = Object.fromEntries(c.attributes.tags.map((t: { key: string; value: string }) => [t.key, t.value]));
      c.attributes.tags = Object.entries({ ...tags, ...own }).map(([key, value]) => ({ key, value }));
    } else if (TerraformResource.isTerraformResource(c) && 'tagsInput' in (c as any)) {
      const r = c as any;
      r.tags = { ...tags, ...(r.tagsInput ?? {}) };
    }
  }
}

/*
 * Arithmetic on numbers that may be references (a TerraformVariable given as a prop): JavaScript arithmetic on a
 * number token gives a meaningless number, so each is an expression Terraform evaluates. Known numbers stay numbers.
 */
/** `a * b`. */
export function times(a: number, b: number): number {
  return Token.isUnresolved(a) || Token.isUnresolved(b) ? Op.mul(a, b) : a * b;
}
/** `a / b`. */
export function dividedBy(a: number, b: number): number {
  return Token.isUnresolved(a) || Token.isUnresolved(b) ? Op.div(a, b) : a / b;
}
/** `max(at least, floor(a))`. */
export function floorAtLeast(a: number, atLeast: number): number {
  return Token.isUnresolved(a) ? Fn.max([atLeast, Fn.floor(a)]) : Math.max(atLeast, Math.floor(a));
}

/** Segment `index` of a `/`-separated reference (e.g. the location in a GKE id), resolved by Terraform. */
export function pathSegment(ref: string, index: number): string {
  return Fn.element(Fn.split('/', ref), index);
}

/** The first match of `pattern` in a reference (Terraform's `regex()`, without capture groups). */
export function firstMatch(pattern: string, ref: string): string {
  return Fn.regex(pattern, ref);
}

/** The part after the last `/` of a reference (e.g. the name at the end of a GKE or AKS id), resolved by Terraform. */
export function lastSegment(ref: string): string {
  return Fn.element(Fn.reverse(Fn.split('/', ref)), 0);
}

/**
 * The first day of the month in which Terraform applies (RFC 3339, UTC), computed by Terraform: the synthesized JSON is
 * the same whenever it is synthesized. Pair it with `ignore_changes` so the value fixed at creation stays.
 */
export function monthStartAtApply(): string {
  return Fn.formatdate("YYYY-MM-01'T'00:00:00'Z'", Fn.timestamp());
}

/** Element `index` of a Terraform list (Terraform's `element()`). */
export function element(list: unknown, index: number): string {
  return Fn.element(list, index);
}

/** A synth-time warning on `scope` (printed by `cdktf synth`). */
export function warn(scope: IConstruct, message: string): void {
  Annotations.of(scope).addWarning(message);
}
