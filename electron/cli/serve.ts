/**
 * `seclog serve`: the engine in a worker thread behind the loopback HTTP server, watching
 * the given paths live, until Ctrl+C.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineClient } from '../engine/client.js';
import { startServer } from '../serve/server.js';
import { checkPaths, parseArgs, UsageError } from './args.js';

/** Folder of the running bundle (dist/), where the worker script and the UI are. */
function bundleDir(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/** Runs the server until SIGINT or SIGTERM; returns the exit code. */
export async function serveCommand(args: string[]): Promise<number> {
  const a = parseArgs('serve', args, { flags: ['--poll'], options: ['--port'] });
  const portText = a.options.get('--port') ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`serve: --port must be a number from 0 to 65535, not '${portText}'`);
  }
  checkPaths(a.positional, 'serve', false);
  const poll = a.flags.has('--poll');
  const dir = bundleDir();
  const client = new EngineClient(join(dir, 'engine-worker.cjs'), { poll });
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
    throw new UsageError(`serve: cannot listen: ${err instanceof Error ? err.message : err}`);
  }
  process.stdout.write(`seclog: open ${server.url}\n`);
  for (const path of a.positional) {
    client.watch(path, poll).catch((err: unknown) => {
      process.stderr.write(
        `seclog: cannot watch '${path}': ${err instanceof Error ? err.message : err}\n`,
      );
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
