/** Reading the command line: a command, its flags and its paths; nothing else is accepted. */
import { statSync } from 'node:fs';

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
      if (inline !== undefined) throw new UsageError(`${command}: ${name} takes no value`);
      parsed.flags.add(name);
    } else if (spec.options.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '')
        throw new UsageError(`${command}: ${name} needs a value`);
      parsed.options.set(name, value);
    } else {
      throw new UsageError(`${command}: unknown option '${name}' (see 'seclog --help')`);
    }
  }
  return parsed;
}

/** Refuses paths that do not exist or cannot be read, before any work starts. */
export function checkPaths(paths: string[], command = 'summary', needOne = true): void {
  if (needOne && paths.length === 0) {
    throw new UsageError(`${command}: name at least one file or folder to read`);
  }
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
      throw new UsageError(`${command}: cannot read '${p}': ${why}`);
    }
  }
}
