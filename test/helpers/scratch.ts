/**
 * Engines and temporary folders a test file makes, closed and removed after each test.
 * Call at the top level of the test file (it registers an afterEach).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Engine, type EngineOptions } from '../../electron/engine/engine.js';

export function scratch(prefix: string) {
  const engines: Engine[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    /** A new engine, closed after the test. */
    async engine(options: EngineOptions): Promise<Engine> {
      const e = await Engine.create(options);
      engines.push(e);
      return e;
    },
    /** A new empty folder, removed after the test. */
    tempDir(): string {
      const dir = mkdtempSync(join(tmpdir(), `seclog-${prefix}-`));
      dirs.push(dir);
      return dir;
    },
  };
}
