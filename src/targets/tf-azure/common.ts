/*
 * Pieces every Azure renderer shares: providers, the target's resource group, and naming.
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { IConstruct } from 'constructs';
import type { AzureTargetOptions } from './target';
import { MANAGED_BY, TAG_MANAGED_BY } from '../../core/tags';
import { AzapiProvider, hasProvider, retain, shortHash, stackOf, TerraformProvider } from '../shared-tf/engine';

const AZAPI_VERSION = '~> 2.6';
const SHARED_RESOURCE_GROUP_ID = 'AiInfraResourceGroup';

/** Declares the azurerm provider once per stack (unless the target says the user does). */
export function ensureAzurerm(scope: IConstruct, options: AzureTargetOptions): void {
  const stack = stackOf(scope);
  if (options.configureProvider !== false && !hasProvider(stack, 'azurerm')) {
    new AzurermProvider(stack, 'azurerm', { features: [{}], storageUseAzuread: true });
  }
}

/** The azapi provider of the stack (declared once). */
export function ensureAzapi(scope: IConstruct): TerraformProvider {
  const stack = stackOf(scope);
  const existing = stack.node.tryFindChild('azapi') as TerraformProvider | undefined;
  return existing ?? new AzapiProvider(stack, 'azapi', { version: AZAPI_VERSION });
}

/**
 * The name of the target's resource group. With `createResourceGroup`, the group is created once per stack (every
 * construct of the stack shares it) and protected from destroy: deleting a group deletes everything in it.
 */
export function resourceGroupName(scope: IConstruct, options: AzureTargetOptions): string {
  if (!options.createResourceGroup) return options.resourceGroupName;
  const stack = stackOf(scope);
  let rg = stack.node.tryFindChild(SHARED_RESOURCE_GROUP_ID) as ResourceGroup | undefined;
  if (!rg) {
    rg = new ResourceGroup(stack, SHARED_RESOURCE_GROUP_ID, {
      name: options.resourceGroupName,
      location: options.location,
      tags: { [TAG_MANAGED_BY]: MANAGED_BY },
    });
    retain(rg);
  }
  return rg.name;
}

/** 3-24 lowercase letters and digits (storage accounts, Key Vaults). */
export function compactName(scope: IConstruct, prefix: string): string {
  const slug = scope.node.id.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${prefix}${slug}`.slice(0, 24 - 8) + shortHash(scope);
}
