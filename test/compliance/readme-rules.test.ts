import * as fs from 'fs';
import * as path from 'path';
import { readmeWithTable } from '../../scripts/rules-table';

test('the README rule table is generated from the rule definitions and current', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readme).toBe(readmeWithTable(readme)); // run `npx ts-node --swc --project test/tsconfig.json scripts/rules-table.ts --write`
  expect(readme).toMatch(/\| CKV_AZURE_115 \| AKS clusters are private \| Azure \| all \| checkov CKV_AZURE_115 \|/);
  expect(readme).toMatch(/\| AiInfra-SM1 \|/);
});
