/**
 * The fixture stick (test/fixtures/make-stick.mjs) read end to end: its counts must equal
 * the ones worked out by hand in stick-expected.json, and every event and malformed line
 * the parser makes of it is pinned in golden files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { summarize } from '../helpers/summary-oracle.js';
import { RuleBook } from '../../shared/rules/index.js';
import { findSources } from '../../electron/engine/read/index.js';
import { ingestSource, Ledger } from '../../electron/engine/ingest.js';
import { ListSink } from '../helpers/memory.js';

const ROOT = 'test/fixtures/stick';
const expected = JSON.parse(readFileSync('test/fixtures/stick-expected.json', 'utf8'));
const rel = (p: string) => p.replace(/^test\/fixtures\//, '');

describe('the fixture stick', async () => {
  const { summary } = await summarize([ROOT]);

  it('gives the totals counted by hand', () => {
    expect(summary.events).toBe(expected.events);
    expect(summary.duplicates).toBe(expected.duplicates);
    expect(summary.malformed).toBe(expected.malformed);
    expect(summary.byMessageType).toEqual(expected.byMessageType);
    expect(summary.byEventType).toEqual(expected.byEventType);
  });

  it('gives each source the kind, encoding and counts worked out by hand', () => {
    const got = new Map(summary.sources.map((s) => [rel(s.path), s]));
    for (const want of expected.sources) {
      // The hand count lists the file inside System Volume Information; seclog skips the folder.
      const path = want.path.startsWith('stick/System Volume Information/')
        ? 'stick/System Volume Information'
        : want.path;
      const source = got.get(path);
      expect(source, path).toBeDefined();
      if (want.skipped) {
        expect(source, path).toHaveProperty('skipped');
        continue;
      }
      const { kind, encoding, lines, events, duplicates, malformed, other } = source as never;
      expect({ path, kind, encoding, lines, events, duplicates, malformed, other }).toEqual({
        path,
        kind: want.kind,
        encoding: want.encoding,
        lines: want.lines,
        events: want.events,
        duplicates: want.duplicates,
        malformed: want.malformed,
        other: want.other,
      });
    }
  });

  it('adds up: every line of every source is exactly one of the four', () => {
    for (const s of summary.sources) {
      if ('skipped' in s) continue;
      expect(s.events + s.duplicates + s.malformed + s.other, s.path).toBe(s.lines);
    }
  });

  it('says why each skipped path was skipped', () => {
    const skipped = summary.sources
      .filter((s) => 'skipped' in s)
      .map((s) => [rel(s.path), (s as { skipped: string }).skipped]);
    expect(skipped).toMatchInlineSnapshot(`
      [
        [
          "stick/._cam1_syslog.txt",
          "macOS metadata file (AppleDouble "._" companion of another file)",
        ],
        [
          "stick/DCIM/100VIVO/IMG_0001.JPG",
          "binary file: JPEG image",
        ],
        [
          "stick/New Text Document.txt",
          "empty file",
        ],
        [
          "stick/System Volume Information",
          "system folder (Windows system data), holds no logs",
        ],
      ]
    `);
  });
});

describe('golden parser output', async () => {
  const rules = new RuleBook();
  const ledger = new Ledger();
  const sink = new ListSink();
  for await (const found of findSources([ROOT])) {
    if (found.type === 'text') await ingestSource(found.source, ledger, rules, sink);
  }

  it('pins every event of the stick', async () => {
    const events = sink.events.map((e) => ({ ...e, source: rel(e.source) }));
    await expect(JSON.stringify(events, null, 1) + '\n').toMatchFileSnapshot('stick.events.json');
  });

  it('pins every malformed line of the stick with its reason', async () => {
    const bad = sink.bad.map((b) => ({ ...b, source: rel(b.source) }));
    await expect(JSON.stringify(bad, null, 1) + '\n').toMatchFileSnapshot('stick.malformed.json');
  });
});
