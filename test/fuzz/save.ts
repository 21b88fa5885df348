/** Writes a failing (or reproduced) input to disk so it can be read and replayed. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Failure, FuzzInput } from './runner.js';

/** The folder of one input: `<dir>/seed-<seed>-input-<index>`. */
export function inputFolder(dir: string, seed: number, index: number): string {
  return path.join(dir, `seed-${seed}-input-${index}`);
}

/** Writes the input's sources or files, plus the read options for a disk input. */
export async function saveInput(folder: string, input: FuzzInput): Promise<void> {
  await mkdir(folder, { recursive: true });
  if (input.where === 'memory') {
    for (const [k, src] of input.case.sources.entries()) {
      // JSON keeps lone surrogates and the tooLong flags; the .txt is for reading.
      await writeFile(path.join(folder, `source-${k}.json`), JSON.stringify(src.lines));
      await writeFile(
        path.join(folder, `source-${k}.txt`),
        src.lines.map((l) => l.text).join('\n'),
      );
    }
    return;
  }
  const files = path.join(folder, 'files');
  await mkdir(files, { recursive: true });
  for (const f of input.case.files) await writeFile(path.join(files, f.name), f.data);
  await writeFile(path.join(folder, 'options.json'), JSON.stringify(input.case.options));
}

/** Writes the input and a report saying what broke and how to run it again. */
export async function saveFailure(dir: string, seed: number, failure: Failure): Promise<string> {
  const { input } = failure;
  const folder = inputFolder(dir, seed, input.index);
  await saveInput(folder, input);
  const report = [
    `input ${input.index} (${input.where}, ${input.case.kind}) of seed ${seed}`,
    `took ${Math.round(failure.ms)} ms`,
    `replay: npm run fuzz -- --seed ${seed} --only ${input.index}`,
    '',
    ...failure.crashes.map((c) => `crash: ${c}`),
    ...failure.problems.map((p) => `invariant: ${p}`),
    '',
  ].join('\n');
  await writeFile(path.join(folder, 'report.txt'), report);
  return folder;
}
