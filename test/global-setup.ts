/**
 * One temporary directory per test run: the tests (and the processes they start) make ~1,200 output directories, which
 * used to stay in the system's temporary directory after every run. `os.tmpdir()` reads TMPDIR, which jest's workers
 * and their child processes inherit; test/global-teardown.ts removes the directory (KEEP_TEST_TMP=1 keeps it).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const RUN_PREFIX = 'ai-infra-test-run-';

export default function globalSetup(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), RUN_PREFIX));
  process.env.TMPDIR = root;
}
