/** The contract's channels, answered by an engine. */
import { statSync } from 'node:fs';
import { cannotRead } from './read/problems.js';
import type { Api, Request, Response } from '../../shared/api/contract.js';
import { readRawLine } from './raw-line.js';
import type { Engine } from './engine.js';

/** Builds the API object of an engine. */
export function engineApi(engine: Engine): Api {
  const store = engine.store;
  return {
    'roots:add': async (r) => {
      try {
        statSync(r.path);
      } catch (err) {
        throw new Error(cannotRead(r.path, err, 'open'), { cause: err });
      }
      return engine.watch(r.path, { poll: r.poll });
    },
    'roots:remove': async (r) => ({ removed: await engine.unwatch(r.id) }),
    'roots:list': async () => store.listRoots(),
    'sources:list': async () => store.listSources(),
    'events:query': async (r) => store.queryEvents(r),
    'events:count': async (r) => ({ count: store.countEvents(r.filter) }),
    'events:line': (r) => line(engine, r),
    'stats:attackers': async (r) => store.attackers(r.filter, r.limit),
    'stats:victims': async (r) => store.victims(r.filter, r.limit),
    'stats:devices': async (r) => store.devices(r.filter, r.limit),
    'stats:rules': async (r) => store.rules(r.filter, r.limit),
    'stats:timeline': async (r) => store.timeline(r.filter, r.bucketSeconds),
    'ip:detail': async (r) => store.ipDetail(r.ip, r.bucketSeconds),
    'rules:lookup': async (r) => ({ id: r.id, rule: engine.rules.lookup(r.id) }),
    'rules:import': async (r) => {
      const result = engine.rules.import(r.text, r.name);
      store.syncRules(engine.rules);
      return result;
    },
    'malformed:list': async (r) => store.malformed(r),
    'sql:run': (r) => engine.sql().run(r.sql, r.limit),
    'sql:cancel': async () => ({ cancelled: engine.sql().cancel() }),
    'summary:get': async () => store.summary(),
  };
}

async function line(engine: Engine, r: Request<'events:line'>): Promise<Response<'events:line'>> {
  const loc = engine.store.eventLocation(r.id);
  if (!loc) return { source: '', line: 0, text: null, error: `there is no event ${r.id}` };
  const [src] = engine.store.listSources({ id: loc.sourceId });
  if (!src?.encoding || !src.container) {
    return { source: loc.source, line: loc.line, text: null, error: 'the source is unknown' };
  }
  const read = await readRawLine({
    ...loc,
    path: loc.source,
    container: src.container,
    encoding: src.encoding,
  });
  return { source: loc.source, line: loc.line, ...read };
}
