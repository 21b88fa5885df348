/** Reading the command line: a command, its flags and its paths; nothing else is accepted. */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { cannotRead, cannotWrite, quoted } from '../engine/read/problems.js';

/** A command line that cannot be used; the message is printed as one line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What a command accepts: flags without a value, and options that take one. */
export interface CommandSpec {
  flags: string[];
  options: string[];
}

/** The parsed arguments of one command. */
export interface Parsed {
  flags: Set<string>;
  options: Map<string, string>;
  positional: string[];
}

/** Parses `args` against `spec`; `--` ends the options. Throws UsageError. */
export function parseArgs(command: string, args: string[], spec: CommandSpec): Parsed {
  const parsed: Parsed = { flags: new Set(), options: new Map(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      parsed.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (spec.flags.includes(name)) {
      if (inline !== undefined) {
        throw new UsageError(`${command}: ${name} takes no value; write ${name} alone`);
      }
      parsed.flags.add(name);
    } else if (spec.options.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') {
        throw new UsageError(
          `${command}: ${name} needs a value after it, e.g. ${name} ${EXAMPLES[name] ?? 'VALUE'}`,
        );
      }
      parsed.options.set(name, value);
    } else {
      throw new UsageError(
        `${command}: unknown option ${quoted(name)}; ${command} takes ${known(spec)} ` +
          "(see 'seclog --help')",
      );
    }
  }
  return parsed;
}

/** A value to show after each option in a message. */
const EXAMPLES: Record<string, string> = {
  '--rules': 'rules.csv',
  '--lang': 'es',
  '--format': 'csv',
  '--out': 'events.csv',
  '--port': '8080',
};

/** The options a command takes, for a message: `--json, --rules or --lang`. */
function known(spec: CommandSpec): string {
  const all = [...spec.flags, ...spec.options];
  if (all.length === 0) return 'no options';
  if (all.length === 1) return `only ${all[0]}`;
  return `${all.slice(0, -1).join(', ')} or ${all.at(-1)}`;
}

/** Refuses paths that do not exist or cannot be read, before any work starts. */
export function checkPaths(paths: string[], command = 'summary', needOne = true): void {
  if (needOne && paths.length === 0) {
    throw new UsageError(
      `${command}: name at least one file or folder to read, e.g. seclog ${command} /media/usb`,
    );
  }
  for (const p of paths) {
    try {
      statSync(p);
    } catch (err) {
      throw new UsageError(`${command}: ${cannotRead(p, err, 'open')}`);
    }
  }
}

/**
 * Refuses an output file that cannot be written (its folder missing or read-only, or a
 * folder in its place) before the inputs are read, which may take minutes.
 */
export function checkOut(out: string, command: string): void {
  try {
    if (statSync(out, { throwIfNoEntry: false })?.isDirectory()) {
      throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    }
    const folder = path.dirname(out);
    if (!statSync(folder).isDirectory()) {
      throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    }
    accessSync(folder, constants.W_OK);
  } catch (err) {
    throw new UsageError(`${command}: ${cannotWrite(out, err)}`);
  }
}
