// `npm run faults -- [--sample] [--only NAME]`: bundles test/faults/faults.ts and runs it.
import { bundleAndRun } from '../../build/run-ts.mjs';

process.exit(await bundleAndRun('test/faults/faults.ts', process.argv.slice(2)));
