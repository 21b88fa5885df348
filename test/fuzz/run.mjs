// `npm run fuzz -- [COUNT] [--seed N] [--only INDEX]`: bundles test/fuzz/fuzz.ts and runs it.
import { bundleAndRun } from '../../build/run-ts.mjs';

process.exit(await bundleAndRun('test/fuzz/fuzz.ts', process.argv.slice(2)));
