/** Removes the run's temporary directory (see test/global-setup.ts) unless KEEP_TEST_TMP is set. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RUN_PREFIX } from './global-setup';

export default function globalTeardown(): void {
  const root = os.tmpdir();
  if (path.basename(root).startsWith(RUN_PREFIX) && !process.env.KEEP_TEST_TMP) fs.rmSync(root, { recursive: true, force: true });
}
