/**
 * `configureProvider: false` on each Terraform target: the user declares the provider, and the library declares none.
 * Without a provider the synth fails naming the option (before, cdktf's own error about resources without a provider).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Construct } from 'constructs';
import { SecureTenant } from '../../../src';
import { synthAwsTf, synthAzure, synthGcp, validationError } from '../../util';

const cases: Array<[string, (build: (s: Construct) => void) => any, string, (s: Construct) => void, string]> = [
  ['GCP', (b) => synthGcp(b, { configureProvider: false }), 'google', (s) => new GoogleProvider(s, 'mine', { project: 'my-proj', region: 'us-central1' }), 'GcpTarget.configureProvider'],
  ['Azure', (b) => synthAzure(b, { configureProvider: false }), 'azurerm', (s) => new AzurermProvider(s, 'mine', { features: [{}] }), 'AzureTarget.configureProvider'],
  ['AWS (Terraform)', (b) => synthAwsTf(b, { configureProvider: false }), 'aws', (s) => new AwsProvider(s, 'mine', { region: 'us-east-1' }), 'AwsTfTarget.configureProvider'],
];

describe.each(cases)('configureProvider: false (%s)', (_cloud, synth, provider, declare, prop) => {
  test('the stack\'s own provider is used; the library declares none', () => {
    // Declared after the constructs: the check runs at synth.
    const json = synth((s) => {
      new SecureTenant(s, 'T', { tenantId: 'acme' });
      declare(s);
    });
    expect(Object.keys(json.provider[provider])).toHaveLength(1);
    expect(JSON.stringify(json.provider[provider])).not.toMatch(/storage_use_azuread/); // not the library's azurerm block
  });

  test('without one, synth fails naming the option', () => {
    const e = validationError(() => synth((s) => new SecureTenant(s, 'T', { tenantId: 'acme' })));
    expect(e.issues).toEqual([expect.objectContaining({ prop, received: `false, and the stack declares no ${provider} provider` })]);
  });
});
