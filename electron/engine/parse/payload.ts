/** Reads the text after the `[Trend Micro]:` marker with the payload formats. */
import type { RuleBook } from '../../../shared/rules/index.js';
import { PAYLOAD_FORMATS } from '../../../shared/formats/payloads.js';
import { reputationEvent, securityEvent, type Built, type LineContext } from './event.js';

const [SECURITY, REPUTATION] = PAYLOAD_FORMATS as [
  (typeof PAYLOAD_FORMATS)[0],
  (typeof PAYLOAD_FORMATS)[1],
];

/** A payload the NVR's event page cut short: it ends in `...` or `…`. */
const CUT = /(?:\.\.\.|…)\s*"?$/;

/** Parses one payload into an event, or says why it cannot. */
export function parsePayload(payload: string, ctx: LineContext, rules: RuleBook): Built {
  const text = payload.trim();
  if (text === '') return { ok: false, reason: 'the Trend Micro marker is followed by nothing' };
  if (SECURITY.lead.test(text)) {
    const m = SECURITY.pattern.exec(text);
    if (!m?.groups) return { ok: false, reason: cutOrShape(text, SECURITY.shape) };
    const g = m.groups;
    return securityEvent(
      {
        seq: g.seq!,
        rule: g.rule!,
        time: g.time!,
        src: g.src!,
        dst: g.dst!,
        originator: g.orig!,
        role: g.role!,
      },
      ctx,
      rules,
    );
  }
  if (REPUTATION.lead.test(text)) {
    const m = REPUTATION.pattern.exec(text);
    if (!m?.groups) return { ok: false, reason: cutOrShape(text, REPUTATION.shape) };
    const g = m.groups;
    return reputationEvent(
      {
        messageType: g.mtype!.toLowerCase() as 'wrs' | 'trs',
        scores: g.scores!,
        time: g.time!,
        address: g.quoted ?? g.bare ?? '',
        rest: (g.rest ?? '').trim(),
      },
      ctx,
      rules,
    );
  }
  if (CUT.test(text)) return { ok: false, reason: cutReason() };
  return {
    ok: false,
    reason: "the message after '[Trend Micro]:' is neither a security rule nor a WRS/TRS message",
  };
}

function cutReason(): string {
  return "the message was cut short ('...'), as the NVR's event page shows it; export the full log";
}

function cutOrShape(text: string, shape: string): string {
  if (CUT.test(text)) return cutReason();
  return `the message after '[Trend Micro]:' does not have the form '${shape}'`;
}
