/**
 * `seclog serve`: the engine in a worker thread behind the loopback HTTP server, watching
 * the given paths live, until Ctrl+C.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineClient } from '../engine/client.js';
import { codeOf, quoted, rawMessage, sentence } from '../engine/read/problems.js';
import { startServer } from '../serve/server.js';
import { checkPaths, parseArgs, UsageError } from './args.js';

/** Folder of the running bundle (dist/), where the worker script and the UI are. */
function bundleDir(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/** Why the server could not listen on the port, and what to do. */
function cannotListen(port: number, err: unknown): string {
  const where = port === 0 ? 'a free port' : `port ${port}`;
  const cause =
    codeOf(err) === 'EADDRINUSE'
      ? {
          why: 'another program uses it already',
          fix: 'Choose another port with --port, or leave --port out to take a free one',
        }
      : codeOf(err) === 'EACCES'
        ? {
            why: 'this user account may not use ports below 1024',
            fix: 'Choose a port from 1024 up with --port, or leave --port out',
          }
        : { why: rawMessage(err), fix: 'Try another port with --port, or leave --port out' };
  return sentence(`cannot listen on ${where} of 127.0.0.1`, cause);
}

/** Runs the server until SIGINT or SIGTERM; returns the exit code. */
export async function serveCommand(args: string[]): Promise<number> {
  const a = parseArgs('serve', args, { flags: ['--poll'], options: ['--port', '--sql-timeout'] });
  const portText = a.options.get('--port') ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`serve: --port must be a number from 0 to 65535, not '${portText}'`);
  }
  const timeoutText = a.options.get('--sql-timeout');
  if (timeoutText !== undefined && !/^(?:\d{1,4}(?:\.\d{1,3})?)$/.test(timeoutText)) {
    throw new UsageError(
      `serve: --sql-timeout must be a number of seconds such as 10 or 0.5, not '${timeoutText}'`,
    );
  }
  const sqlTimeoutMs =
    timeoutText === undefined ? undefined : Math.max(1, Math.round(Number(timeoutText) * 1000));
  checkPaths(a.positional, 'serve', false);
  const poll = a.flags.has('--poll');
  const dir = bundleDir();
  const client = new EngineClient(join(dir, 'engine-worker.cjs'), { poll, sqlTimeoutMs });
  await client.ready();
  const ui = join(dir, 'renderer');
  let server;
  try {
    server = await startServer({
      api: client.api,
      subscribe: (listener) => client.subscribe(listener),
      staticDir: existsSync(join(ui, 'index.html')) ? ui : null,
      port: Number(portText),
    });
  } catch (err) {
    await client.close();
    throw new UsageError(`serve: ${cannotListen(Number(portText), err)}`);
  }
  process.stdout.write(`seclog: open ${server.url}\n`);
  for (const path of a.positional) {
    client.watch(path, poll).catch((err: unknown) => {
      // The engine's answer comes from its thread as text: its words are all there is.
      const cause = {
        why: rawMessage(err),
        fix: 'Check the path, then add it again in the Sources view or restart seclog serve',
      };
      process.stderr.write(`seclog: serve: ${sentence(`cannot watch ${quoted(path)}`, cause)}\n`);
    });
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await client.close();
  return 0;
}
