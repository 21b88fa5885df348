/** Builds the command line once before the tests that run it as a user would. */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['build/build.mjs'], { stdio: 'inherit' });
}
