/*
 * The only place that imports cdktf. A move to the community fork (cdktn) changes the module names here and the
 * provider packages' peer range; nothing else.
 */
import { TerraformProvider, TerraformResource, TerraformStack, Token, ITerraformDependable } from 'cdktf';
import { Construct, IConstruct } from 'constructs';

export { TerraformStack, TerraformResource, TerraformProvider, Token };
export type { ITerraformDependable };

/** The engine's own unresolved-token test. */
export const isUnresolved = (x: unknown): boolean => Token.isUnresolved(x);

/** The TerraformStack enclosing `scope`. */
export function stackOf(scope: IConstruct): TerraformStack {
  return TerraformStack.of(scope);
}

/** Whether the stack already has a provider for `providerName` (e.g. `google`, `azurerm`). */
export function hasProvider(stack: TerraformStack, providerName: string, alias?: string): boolean {
  return stack.node.findAll().some((c) => c instanceof TerraformProvider
    && (c as any).terraformResourceType === providerName && (c as any).alias === alias);
}

/** Marks a resource as retained: Terraform refuses to destroy it (`lifecycle.prevent_destroy`). */
export function retain(resource: TerraformResource): void {
  resource.lifecycle = { ...(resource.lifecycle ?? {}), preventDestroy: true };
}

/** Options for the azapi provider. */
export interface AzapiProviderOptions {
  /** Version constraint written into required_providers. */
  readonly version: string;
}

/**
 * The Azure/azapi provider, declared without generated bindings (none are published for cdktf).
 */
export class AzapiProvider extends TerraformProvider {
  public static readonly SOURCE = 'Azure/azapi';
  constructor(scope: Construct, id: string, options: AzapiProviderOptions) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: { providerName: 'azapi', providerVersionConstraint: options.version },
      terraformProviderSource: AzapiProvider.SOURCE,
    });
  }
  protected synthesizeAttributes(): { [name: string]: any } {
    return {};
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
