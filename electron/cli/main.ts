/**
 * The `seclog` command line. It only reads arguments and prints: parsing, counting and
 * summarising happen in the engine modules the app uses too.
 */
import { readFileSync } from 'node:fs';
import { RuleBook } from '../../shared/rules/index.js';
import { Engine } from '../engine/engine.js';
import { EXPORT_FORMATS, ExportError, type ExportFormat } from '../engine/export/index.js';
import { cannotRead, quoted } from '../engine/read/problems.js';
import { serveCommand } from './serve.js';
import { checkOut, checkPaths, parseArgs, UsageError } from './args.js';
import { formatRule, formatSummary, pickLanguage } from './report.js';

const HELP = `seclog: read Trend Micro IoT Security exports from VIVOTEK cameras, NVRs and VAST2

Usage:
  seclog summary [--json] [--rules FILE] [--lang en|es] PATH...
      Read files and folders (recursively, .gz and .zip included) once and print
      what was attacked, by whom, and what to do. --json prints one JSON object.
  seclog export --format csv|ndjson|sqlite --out FILE [--rules FILE] PATH...
      Read the paths once and write every event to FILE (NDJSON uses Elastic
      Common Schema field names).
  seclog serve [--port N] [--poll] [--sql-timeout SECONDS] [PATH...]
      Watch the paths live and serve the app to a browser on 127.0.0.1; prints
      the address to open, which carries a random access token.
  seclog rule [--json] [--rules FILE] [--lang en|es] ID
      What the rule catalogue knows about a Trend Micro rule ID.
  seclog --help | --version

--rules FILE  also use VIVOTEK's rule list (CSV or JSON) for rule IDs.
--lang        language of the report; by default from LANG.
`;

function loadRules(file: string | undefined, rules = new RuleBook()): RuleBook {
  if (!file) return rules;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--rules: ${cannotRead(file, err, 'open')}`);
  }
  const result = rules.import(text, file);
  // Each problem names the list and the line or entry already.
  for (const p of result.problems) process.stderr.write(`seclog: ${p}\n`);
  if (result.added + result.replaced === 0) {
    throw new UsageError(
      `--rules: the rule list ${quoted(file)} holds no rule that can be used. Give a CSV ` +
        'list with a "Rule ID" column, or a JSON list whose entries have an "id".',
    );
  }
  return rules;
}

/** Opens an engine, imports a rule list if given, and reads the paths once. */
async function loadEngine(paths: string[], rulesFile: string | undefined): Promise<Engine> {
  checkPaths(paths);
  const engine = await Engine.create();
  loadRules(rulesFile, engine.rules);
  engine.store.syncRules(engine.rules);
  await engine.load(paths);
  return engine;
}

async function summaryCommand(args: string[]): Promise<number> {
  const a = parseArgs('summary', args, { flags: ['--json'], options: ['--rules', '--lang'] });
  const lang = pickLanguage(a.options.get('--lang'));
  const engine = await loadEngine(a.positional, a.options.get('--rules'));
  try {
    const summary = engine.store.summary();
    if (a.flags.has('--json')) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    else {
      const malformed = engine.store.malformed({ limit: 1000 });
      process.stdout.write(formatSummary(summary, malformed, lang));
    }
  } finally {
    await engine.close();
  }
  return 0;
}

async function exportCommand(args: string[]): Promise<number> {
  const a = parseArgs('export', args, { flags: [], options: ['--format', '--out', '--rules'] });
  const format = a.options.get('--format');
  const out = a.options.get('--out');
  if (!format) throw new UsageError('export: --format is needed: csv, ndjson or sqlite');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`export: --format must be csv, ndjson or sqlite, not ${quoted(format)}`);
  }
  if (!out)
    throw new UsageError('export: --out is needed: the file to write, e.g. --out events.csv');
  checkOut(out, 'export');
  const engine = await loadEngine(a.positional, a.options.get('--rules'));
  try {
    const { rows, bytes } = await engine.exportTo(format as ExportFormat, out);
    process.stderr.write(`seclog: wrote ${rows} events (${bytes} bytes) to ${out}\n`);
  } finally {
    await engine.close();
  }
  return 0;
}

function ruleCommand(args: string[]): number {
  const a = parseArgs('rule', args, { flags: ['--json'], options: ['--rules', '--lang'] });
  const lang = pickLanguage(a.options.get('--lang'));
  if (a.positional.length !== 1)
    throw new UsageError('rule: name exactly one rule ID, e.g. seclog rule 1133810');
  const id = a.positional[0]!.trim().replace(/^s\s*\./i, '');
  if (!/^\d{1,12}$/.test(id))
    throw new UsageError(
      `rule: ${quoted(a.positional[0]!)} is not a rule ID (a number), e.g. seclog rule 1133810`,
    );
  const rules = loadRules(a.options.get('--rules'));
  const rule = rules.lookup(id);
  if (a.flags.has('--json'))
    process.stdout.write(JSON.stringify({ id, known: !!rule, rule }, null, 2) + '\n');
  else process.stdout.write(formatRule(id, rule, lang));
  return 0;
}

/** Runs one command line; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'summary':
        return await summaryCommand(rest);
      case 'rule':
        return ruleCommand(rest);
      case 'export':
        return await exportCommand(rest);
      case 'serve':
        return await serveCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
        process.stdout.write(`seclog ${process.env.SECLOG_VERSION ?? '0.1.0'}\n`);
        return 0;
      default:
        throw new UsageError(
          `unknown command ${quoted(command)}; the commands are summary, export, serve and ` +
            "rule (see 'seclog --help')",
        );
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`seclog: ${err.message}\n`);
      return 2;
    }
    // The --out file turned out unwritable after the read (a full drive, a pulled stick).
    if (err instanceof ExportError) {
      process.stderr.write(`seclog: export: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(
      'seclog: internal error (a fault in seclog, not in the exports). Please report it ' +
        `with the text below:\n${err instanceof Error ? (err.stack ?? err.message) : err}\n`,
    );
    process.exitCode = 1;
  },
);
