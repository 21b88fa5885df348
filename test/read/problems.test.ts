/**
 * Every fault the engine meets is told in four parts: what happened, why, where (the path as
 * given, a line where there is one) and what to do. Each row strikes a real fault on a real
 * temp folder (or runs the built CLI) and checks the message it ends with.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/rules/index.js';
import { writeExport } from '../../electron/engine/export/index.js';
import { findSources, ReadError } from '../../electron/engine/read/index.js';
import { cannotWatch, osCause, type Doing } from '../../electron/engine/read/problems.js';
import { openDatabase } from '../../electron/engine/store/open.js';
import { buildZip } from './zip-helper.js';
import { put, readAll, tempDir } from './helpers.js';

/** What a fault must come to: the message, and the three parts it must hold. */
interface Told {
  message: string;
  /** The path (or argument) as the user gave it, quoted as messages quote it. */
  where: string;
  why: RegExp;
  todo: RegExp;
  /** The line the read stopped at, when there is one. */
  line?: number;
}

/** A fault: a name, and how to strike it and collect what was said. */
type Fault = [string, () => Promise<Told>];

const asRoot = process.getuid?.() === 0;
const CLI = path.resolve('dist/seclog.cjs');

/** Runs the built command line, as `nobody` when asked (root may read anything). */
function seclog(args: string[], as?: 'nobody'): { code: number | null; err: string; out: string } {
  const env = { ...process.env, LANG: 'C', LC_ALL: '' };
  const r =
    as === undefined
      ? spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env })
      : spawnSync('runuser', ['-u', as, '--', process.execPath, CLI, ...args], {
          encoding: 'utf8',
          env,
        });
  return { code: r.status, err: r.stderr, out: r.stdout };
}

/** The reason of the only Found at a path, or the error its lines ended with. */
async function toldOf(inputs: string[], options?: Parameters<typeof readAll>[1]): Promise<string> {
  const reads = await readAll(inputs, options);
  const told = reads.map((r) => r.reason ?? r.error).filter((m) => m !== undefined);
  expect(told).toHaveLength(1);
  return told[0]!.replace(/^ReadError: /, '');
}

/** Noisy text that compresses poorly, so a cut gzip still holds whole lines. */
function noisy(n: number): string {
  const lines = Array.from(
    { length: n },
    (_, i) => `${i} ${((i * 2654435761) >>> 0).toString(36)}`,
  );
  return lines.join('\n') + '\n';
}

const FAULTS: Fault[] = [
  [
    'permission denied on a file',
    async () => {
      const dir = await tempDir();
      const locked = await put(path.join(dir, 'locked.log'), 'x\n');
      await chmod(locked, 0o000);
      let message: string;
      if (asRoot) {
        // Root reads whatever the permissions: the built CLI runs as nobody instead.
        await chmod(dir, 0o755);
        const r = seclog(['summary', '--json', dir], 'nobody');
        expect(r.code, r.err).toBe(0);
        const sources = JSON.parse(r.out).sources as { path: string; skipped?: string }[];
        message = sources.find((s) => s.path === locked)!.skipped!;
      } else {
        message = await toldOf([dir]);
      }
      return {
        message,
        where: `'${locked}'`,
        why: /permission denied/,
        todo: /Check the file's permissions, or copy the export to this computer/,
      };
    },
  ],
  [
    'a missing path on the command line',
    async () => {
      const missing = path.join(await tempDir(), 'stick', 'cam1');
      const r = seclog(['summary', missing]);
      expect(r.code).toBe(2);
      return {
        message: r.err.trim(),
        where: `'${missing}'`,
        why: /no such file or folder/,
        todo: /Check the path; if it is on a USB stick, check that the stick is plugged in/,
      };
    },
  ],
  [
    'a file gone between finding and reading it (a stick pulled)',
    async () => {
      const file = await put(path.join(await tempDir(), 'cam.log'), 'x\n');
      let message = '';
      for await (const found of findSources([file])) {
        if (found.type !== 'text') throw new Error('expected text');
        await rm(file);
        try {
          for await (const batch of found.source.batches()) void batch;
        } catch (error) {
          expect(error).toBeInstanceOf(ReadError);
          message = (error as Error).message;
        }
      }
      return {
        message,
        where: `'${file}'`,
        why: /no longer there \(it was deleted, or the stick was pulled\)/,
        todo: /Plug the stick back in and read the folder again; the events already read are kept/,
      };
    },
  ],
  [
    'a broken symbolic link',
    async () => {
      const dir = await tempDir();
      const link = path.join(dir, 'cam.log');
      await symlink(path.join(dir, 'gone'), link);
      return {
        message: await toldOf([dir]),
        where: `'${link}'`,
        why: /symbolic link to something that is not there/,
        todo: /Add the file or folder it points to, or remove the link/,
      };
    },
  ],
  [
    'a folder given where a rule list file was expected',
    async () => {
      const dir = await tempDir();
      const r = seclog(['rule', '--rules', dir, '1133810']);
      expect(r.code).toBe(2);
      return {
        message: r.err.trim(),
        where: `'${dir}'`,
        why: /it is a folder where a file was expected/,
        todo: /Name a file inside the folder instead/,
      };
    },
  ],
  [
    'a folder given where the export file was expected',
    async () => {
      const out = path.join(await tempDir(), 'events.csv');
      await mkdir(out);
      const message = await writeExport('csv', out, []).then(
        () => '',
        (error: unknown) => (error as Error).message,
      );
      return {
        message,
        where: `'${out}'`,
        why: /it is a folder where a file was expected/,
        todo: /Give a file name for the export, not a folder/,
      };
    },
  ],
  [
    'an export into a folder that does not exist, refused before reading',
    async () => {
      const out = path.join(await tempDir(), 'missing', 'events.csv');
      const r = seclog(['export', '--format', 'csv', '--out', out, 'build/demo']);
      expect(r.code).toBe(2);
      return {
        message: r.err.trim(),
        where: `'${out}'`,
        why: /the folder to write into does not exist/,
        todo: /Choose a folder that exists/,
      };
    },
  ],
  [
    'a truncated gzip',
    async () => {
      const whole = gzipSync(noisy(20_000));
      const file = await put(path.join(await tempDir(), 'cam.log.gz'), whole.subarray(0, 60_000));
      const reads = await readAll([file]);
      const kept = reads[0]!.lines!.length;
      return {
        message: reads[0]!.error!.replace(/^ReadError: /, ''),
        where: `'${file}'`,
        line: kept + 1,
        why: /the gzip data ends early, so the file was cut short/,
        todo: /The lines before it were kept; copy the file from the camera or NVR again/,
      };
    },
  ],
  [
    'a gzip bomb stopped at the size cap',
    async () => {
      const file = await put(
        path.join(await tempDir(), 'bomb.gz'),
        gzipSync(Buffer.from('a\n'.repeat(1 << 20))),
      );
      return {
        message: await toldOf([file], { maxDecompressedBytes: 1 << 20 }),
        where: `'${file}'`,
        line: (1 << 19) + 1,
        why: /more than 1 MiB once decompressed, over the size cap that guards against zip bombs/,
        todo: /decompress it with another tool and add the plain file/,
      };
    },
  ],
  [
    'a zip archive cut short',
    async () => {
      const whole = buildZip([{ name: 'cam.log', data: 'x\n' }]);
      const file = await put(path.join(await tempDir(), 'logs.zip'), whole.subarray(0, 30));
      return {
        message: await toldOf([file]),
        where: `'${file}'`,
        why: /the zip archive is damaged: its end is missing/,
        todo: /Copy the file from the camera or NVR again, or export the log again/,
      };
    },
  ],
  [
    'a file that is no seclog session',
    async () => {
      const name = path.join(await tempDir(), 'photo.seclog');
      const bytes = new Uint8Array(8192).map((_, i) => (i * 7919 + 13) % 251);
      await writeFile(name, bytes);
      const message = await openDatabase({ bytes, name }).then(
        () => '',
        (error: unknown) => (error as Error).message,
      );
      return {
        message,
        where: `'${name}'`,
        why: /is not a seclog session \(it is not an SQLite database\)/,
        todo: /Open a file that seclog saved with "Save session"/,
      };
    },
  ],
  [
    'a rule list that is no JSON',
    async () => {
      const file = path.join(await tempDir(), 'rules.json');
      const problems = new RuleBook().import('{"1133810": oops', file).problems;
      expect(problems).toHaveLength(1);
      return {
        message: problems[0]!,
        where: `'${file}'`,
        why: /is not valid JSON \(.+\), so no rule was imported/,
        todo: /Save the list again as JSON, or as CSV with a "Rule ID" column/,
      };
    },
  ],
  [
    'a rule list without a rule ID column',
    async () => {
      const file = path.join(await tempDir(), 'rules.csv');
      await writeFile(file, 'Name,Type\nTelnet probe,attack\n');
      const r = seclog(['rule', '--rules', file, '1133810']);
      expect(r.code).toBe(2);
      return {
        message: r.err.trim().split('\n')[0]!,
        where: `'${file}', line 1`,
        why: /the header has no rule ID column, so no rule was imported/,
        todo: /Name the column of rule IDs "Rule ID" \(or "ID"\) and import the list again/,
      };
    },
  ],
  [
    'an unknown option on the command line',
    async () => {
      const r = seclog(['summary', '--jsn', 'build/demo']);
      expect(r.code).toBe(2);
      return {
        message: r.err.trim(),
        where: `'--jsn'`,
        why: /unknown option/,
        todo: /summary takes --json, --rules or --lang \(see 'seclog --help'\)/,
      };
    },
  ],
];

describe('problem messages', () => {
  it.each(FAULTS)('%s: says what, why, where and what to do', async (_name, strike) => {
    const told = await strike();
    const { message } = told;
    expect(message, 'where').toContain(told.where);
    if (told.line !== undefined) expect(message, 'line').toContain(`stopped at line ${told.line}`);
    expect(message, 'why').toMatch(told.why);
    expect(message, 'what to do').toMatch(told.todo);
    // One line, one or two sentences (the path aside, which may hold anything).
    expect(message).not.toMatch(/\n/);
    const prose = message.replace(told.where, "'…'");
    expect(prose.split(/\.\s+(?=[A-Z])/).length, prose).toBeLessThanOrEqual(2);
  });
});

describe('OS error codes in words', () => {
  const CODES = [
    'EACCES',
    'EPERM',
    'ENOENT',
    'ENOTDIR',
    'EISDIR',
    'ELOOP',
    'EIO',
    'ENXIO',
    'ENODEV',
    'EMFILE',
    'ENFILE',
    'EBUSY',
    'ENAMETOOLONG',
    'ENOSPC',
    'EROFS',
  ];
  const DOINGS: Doing[] = ['read', 'open', 'watch', 'write'];

  it.each(CODES)('%s gets a cause and advice in words for every kind of work', (code) => {
    const err = Object.assign(new Error(`${code}: raw text, open '/x'`), { code });
    for (const doing of DOINGS) {
      const { why, fix } = osCause(err, doing);
      expect(why).not.toContain(code);
      expect(why).not.toContain('raw text');
      expect(fix).toMatch(/^[A-Z]/);
      expect(fix).not.toMatch(/\.$/);
    }
  });

  it('keeps the message of an error it has no words for, and still advises', () => {
    const err = Object.assign(new Error('EXDEV: cross-device link not permitted'), {
      code: 'EXDEV',
    });
    expect(osCause(err, 'write')).toEqual({
      why: 'EXDEV: cross-device link not permitted',
      fix: 'Choose another folder and try again',
    });
  });

  it('tells a full watch table apart from a full drive', () => {
    const err = Object.assign(new Error('ENOSPC: System limit for number of file watchers'), {
      code: 'ENOSPC',
    });
    expect(cannotWatch('/media/usb', err)).toBe(
      "cannot watch '/media/usb': the system's limit on watched files is reached. Watch by " +
        'polling instead (seclog serve --poll), or raise the limit ' +
        '(fs.inotify.max_user_watches).',
    );
  });
});
