/**
 * The `seclog` command line. It only reads arguments and prints: parsing, counting and
 * summarising happen in the engine modules the app uses too.
 */
import { readFileSync, statSync } from 'node:fs';
import { RuleBook } from '../../shared/rules/index.js';
import { summarize } from '../engine/summary.js';
import { parseArgs, UsageError } from './args.js';
import { formatRule, formatSummary, pickLanguage } from './report.js';

const HELP = `seclog: read Trend Micro IoT Security exports from VIVOTEK cameras, NVRs and VAST2

Usage:
  seclog summary [--json] [--rules FILE] [--lang en|es] PATH...
      Read files and folders (recursively, .gz and .zip included) once and print
      what was attacked, by whom, and what to do. --json prints one JSON object.
  seclog rule [--json] [--rules FILE] [--lang en|es] ID
      What the rule catalogue knows about a Trend Micro rule ID.
  seclog --help | --version

--rules FILE  also use VIVOTEK's rule list (CSV or JSON) for rule IDs.
--lang        language of the report; by default from LANG.
`;

function loadRules(file: string | undefined): RuleBook {
  const rules = new RuleBook();
  if (!file) return rules;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read the rule list '${file}': ${(err as NodeJS.ErrnoException).code ?? err}`,
    );
  }
  const result = rules.import(text, file);
  for (const p of result.problems) process.stderr.write(`seclog: rule list ${file}: ${p}\n`);
  if (result.added + result.replaced === 0) {
    throw new UsageError(`the rule list '${file}' holds no rule that can be used`);
  }
  return rules;
}

function checkPaths(paths: string[]): void {
  if (paths.length === 0) throw new UsageError('summary: name at least one file or folder to read');
  for (const p of paths) {
    try {
      statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'no such file or folder'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code);
      throw new UsageError(`summary: cannot read '${p}': ${why}`);
    }
  }
}

async function summaryCommand(args: string[]): Promise<number> {
  const a = parseArgs('summary', args, { flags: ['--json'], options: ['--rules', '--lang'] });
  const lang = pickLanguage(a.options.get('--lang'));
  checkPaths(a.positional);
  const rules = loadRules(a.options.get('--rules'));
  const { summary, malformed } = await summarize(a.positional, { rules });
  if (a.flags.has('--json')) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else process.stdout.write(formatSummary(summary, malformed, rules, lang));
  return 0;
}

function ruleCommand(args: string[]): number {
  const a = parseArgs('rule', args, { flags: ['--json'], options: ['--rules', '--lang'] });
  const lang = pickLanguage(a.options.get('--lang'));
  if (a.positional.length !== 1)
    throw new UsageError('rule: name exactly one rule ID, e.g. seclog rule 1133810');
  const id = a.positional[0]!.trim().replace(/^s\s*\./i, '');
  if (!/^\d{1,12}$/.test(id))
    throw new UsageError(`rule: '${a.positional[0]}' is not a rule ID (a number)`);
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
        throw new UsageError(`unknown command '${command}' (see 'seclog --help')`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`seclog: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(
      `seclog: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
