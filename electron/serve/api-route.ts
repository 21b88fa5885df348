/** `POST /api/<channel>`: check the body against the channel's schema, then ask the engine. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { channels, isChannel, type Api, type Channel } from '../../shared/api/contract.js';
import { CheckError, type Schema } from '../../shared/api/check.js';
import { readJsonBody } from './body.js';
import { sendError, sendJson } from './respond.js';

/** Calls one channel with an unchecked request: 400 for a CheckError, 500 for engine errors. */
export async function answerChannel(
  res: ServerResponse,
  api: Api,
  channel: Channel,
  body: unknown,
): Promise<void> {
  let request: unknown;
  try {
    request = (channels[channel].request as Schema<unknown>)(body);
  } catch (err) {
    if (err instanceof CheckError) return sendError(res, 400, err.message);
    throw err;
  }
  let answer: unknown;
  try {
    // The request was checked by this channel's own schema just above.
    answer = await (api[channel] as (req: unknown) => Promise<unknown>)(request);
  } catch (err) {
    // Only the message: a stack would show the server's paths and code to the page.
    return sendError(res, 500, err instanceof Error ? err.message : String(err));
  }
  sendJson(res, 200, answer);
}

/** Answers `POST /api/<name>`: 404 for a name that is not a channel of the contract. */
export async function postChannel(
  req: IncomingMessage,
  res: ServerResponse,
  api: Api,
  name: string,
): Promise<void> {
  if (!isChannel(name)) return sendError(res, 404, 'unknown channel');
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, body.refused.status, body.refused.error);
  await answerChannel(res, api, name, body.value);
}
