/** Reading a JSON request body with a size cap, without trusting its declared length. */
import type { IncomingMessage } from 'node:http';

/** The most a request body may hold: rule lists are the largest (`rules:import`, 20 MB). */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** Why a body was refused: the status and the short message the client gets. */
export interface BodyError {
  status: 400 | 413 | 415;
  error: string;
}

/** The parsed body, or why it was refused. */
export type BodyResult = { ok: true; value: unknown } | { ok: false; refused: BodyError };

const refuse = (status: BodyError['status'], error: string): BodyResult => ({
  ok: false,
  refused: { status, error },
});

/** Whether the Content-Type says JSON in UTF-8 (the only charset JSON allows on the wire). */
function isJsonType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

/** Collects the body up to `max` bytes; past that, the rest is read and thrown away. */
function collect(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      // Draining rather than destroying lets the client finish sending and read our 413;
      // a reset socket would lose the answer. The token was checked before we got here.
      req.off('data', onData);
      req.off('end', onEnd);
      req.resume();
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

/**
 * Reads a request body as JSON: 415 unless it is declared as JSON, 413 when it is larger
 * than `max` bytes (declared or counted), 400 when it is not valid UTF-8 JSON.
 */
export async function readJsonBody(
  req: IncomingMessage,
  max = MAX_BODY_BYTES,
): Promise<BodyResult> {
  if (!isJsonType(req.headers['content-type'])) {
    return refuse(415, 'the body must be application/json');
  }
  const declared = Number(req.headers['content-length'] ?? '0');
  // Node drains an unread body once the answer is sent, so answering early is safe.
  if (declared > max) return refuse(413, `the body is larger than ${max} bytes`);
  const bytes = await collect(req, max);
  if (bytes === null) return refuse(413, `the body is larger than ${max} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse(400, 'the body is not valid UTF-8');
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return refuse(400, 'the body is not valid JSON');
  }
}
