/**
 * Runs before every test file. aws-cdk-lib validates each synthesized template against the CloudFormation schema by
 * default (a WASM validator initialised once per test file: seconds each). Schema conformance is the subject of
 * test/reliability/examples.test.ts and fuzz.test.ts, which switch it back on; elsewhere it would only repeat it.
 */
process.env.CDK_VALIDATION = 'false';
