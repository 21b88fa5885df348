/**
 * Builds the command line once before the tests that run it as a user would.
 * SECLOG_TEST_NO_BUILD=1 skips it, for running unit tests while the tree does not build.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.SECLOG_TEST_NO_BUILD === '1') return;
  execFileSync(process.execPath, ['build/build.mjs'], { stdio: 'inherit' });
}
