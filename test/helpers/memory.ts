/** Test doubles: a text source held in memory, and a sink that keeps what it is given. */
import type { MalformedLine, SecEvent } from '../../shared/model.js';
import { batchOf } from '../../electron/engine/read/line-batch.js';
import type { RawLine, TextSource } from '../../electron/engine/read/types.js';
import type { EventSink } from '../../electron/engine/ingest.js';

/** A UTF-8 text source whose lines are the given strings. */
export function memorySource(path: string, lines: string[]): TextSource {
  const raw: RawLine[] = [];
  let offset = 0;
  lines.forEach((text, i) => {
    const bytes = Buffer.byteLength(text);
    raw.push({ no: i + 1, offset, bytes, text });
    offset += bytes + 1;
  });
  return {
    path,
    encoding: 'utf-8',
    container: 'plain',
    async *batches() {
      yield batchOf(raw);
    },
  };
}

/** Keeps every event and malformed line it receives. */
export class ListSink implements EventSink {
  events: SecEvent[] = [];
  bad: MalformedLine[] = [];
  event(ev: SecEvent) {
    this.events.push(ev);
  }
  malformed(line: MalformedLine) {
    this.bad.push(line);
  }
}
