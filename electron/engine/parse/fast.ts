/**
 * The fast path for the commonest line of all, an English camera-log header followed by a
 * well-formed security rule: scan.ts reads it into numbers, and this module says what
 * those numbers mean (the same as event.ts says of the general path's fields). The parse
 * thread stores the numbers as they are (pipeline/rows.ts); `fastCameraRule` makes the
 * event object of the same line, for readers that want objects and for the test
 * (test/parse/fast.test.ts) that checks both paths give the same event.
 */
import type { EventType, SecEvent } from '../../../shared/model.js';
import type { RuleBook } from '../../../shared/rules/index.js';
import { formatV4 } from '../../../shared/address.js';
import { localTime, validTime } from '../../../shared/time.js';
import { daysFromCivil } from '../store/codec.js';
import { reputationBand } from './fields.js';
import {
  scanCameraRule,
  scannedReputation,
  scannedRule,
  scanReputation,
  type ScannedReputation,
  type ScannedRule,
} from './scan.js';

/** Seconds of a local time read as UTC (shared/time.ts toSeconds) from checked parts. */
function seconds(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  return daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s;
}

/** The year of the header: the one that puts it nearest the payload's time. */
function envelopeYear(s: ScannedRule | ScannedReputation): number {
  return s.year + (s.envMonth - s.month > 6 ? -1 : s.month - s.envMonth > 6 ? 1 : 0);
}

/** The event time in seconds, or -1 when it is no real date (the general path then decides). */
export function scannedTime(s: ScannedRule): number {
  if (!validTime(s.year, s.month, s.day, s.hour, s.minute, s.second)) return -1;
  return seconds(s.year, s.month, s.day, s.hour, s.minute, s.second);
}

/** The header's time in seconds, or NaN when it is no real date. */
export function scannedEnvelope(s: ScannedRule): number {
  const y = envelopeYear(s);
  if (!validTime(y, s.envMonth, s.envDay, s.envHour, s.envMinute, s.envSecond)) return NaN;
  return seconds(y, s.envMonth, s.envDay, s.envHour, s.envMinute, s.envSecond);
}

/** The event type: the catalogue's for the rule, else quarantine when the device attacked. */
export function scannedType(s: ScannedRule, rules: RuleBook): EventType {
  const known = rules.lookupNumber(s.rule);
  return known ? known.eventType : s.victim ? 'cyber_attack' : 'quarantine';
}

/** The event object of a scanned line (its time checked by `scannedTime` first). */
export function scannedEvent(
  s: ScannedRule,
  text: string,
  where: { source: string; line: number; offset: number },
  eventType: EventType,
): SecEvent {
  const y = envelopeYear(s);
  const src = formatV4(s.src);
  const dst = formatV4(s.dst);
  const victim = s.victim;
  const device = victim ? dst : src;
  const peer = victim ? src : dst;
  return {
    source: where.source,
    line: where.line,
    offset: where.offset,
    envelopeTime: text.slice(0, 15),
    envelopeLocal: localTime(y, s.envMonth, s.envDay, s.envHour, s.envMinute, s.envSecond),
    time: localTime(s.year, s.month, s.day, s.hour, s.minute, s.second)!,
    device,
    devicePort: victim ? s.dstPort : s.srcPort,
    reporter: s.host < 0 ? null : formatV4(s.host),
    seq: s.seq,
    messageType: 'security_rule',
    eventType,
    ruleId: String(s.rule),
    peer,
    peerPort: victim ? s.srcPort : s.dstPort,
    srcIp: src,
    srcPort: s.srcPort,
    dstIp: dst,
    dstPort: s.dstPort,
    originator: formatV4(s.originator),
    direction: victim ? 'outside_in' : 'inside_out',
    role: victim ? 'victim' : 'attacker',
    roleText: null,
    attacker: victim ? peer : device,
    victim: victim ? device : peer,
    repAddress: null,
    repPath: null,
    repScore: null,
    repBand: null,
    repScores: null,
    problems: [],
  };
}

const scratch = scannedRule();

/** The event of a canonical camera security-rule line, or null to take the general path. */
export function fastCameraRule(
  text: string,
  where: { source: string; line: number; offset: number },
  rules: RuleBook,
): SecEvent | null {
  if (!scanCameraRule(text, 0, text.length, scratch) || scannedTime(scratch) < 0) return null;
  return scannedEvent(scratch, text, where, scannedType(scratch, rules));
}

/**
 * The event of a WRS or TRS line scanned at `start` of `text`, as event.ts's
 * `reputationEvent` makes it of the same line; null when its time is no real date (the
 * general path then says why).
 */
export function scannedReputationEvent(
  s: ScannedReputation,
  text: string,
  start: number,
  where: { source: string; line: number; offset: number },
): SecEvent | null {
  const time = localTime(s.year, s.month, s.day, s.hour, s.minute, s.second);
  if (time === null) return null;
  const y = envelopeYear(s);
  const device = formatV4(s.host);
  const server = formatV4(s.server);
  const first = s.scores[0]!;
  return {
    source: where.source,
    line: where.line,
    offset: where.offset,
    envelopeTime: text.slice(start, start + 15),
    envelopeLocal: localTime(y, s.envMonth, s.envDay, s.envHour, s.envMinute, s.envSecond),
    time,
    device,
    devicePort: null,
    reporter: device,
    seq: null,
    messageType: s.trs ? 'trs' : 'wrs',
    eventType: 'cyber_attack',
    ruleId: null,
    peer: server,
    peerPort: s.port < 0 ? null : s.port,
    srcIp: null,
    srcPort: null,
    dstIp: null,
    dstPort: null,
    originator: null,
    // WRS blocks the device reaching out; TRS blocks a threat coming in.
    direction: s.trs ? 'outside_in' : 'inside_out',
    role: null,
    roleText: null,
    attacker: server,
    victim: device,
    repAddress: text.slice(s.addressStart, s.addressEnd),
    repPath: s.pathStart < 0 ? null : text.slice(s.pathStart, s.addressEnd),
    repScore: first < 0 ? null : first,
    repBand: reputationBand(first),
    repScores: s.scores.slice(0, s.count),
    problems: [],
  };
}

const reputationScratch = scannedReputation();

/** The event of a canonical WRS or TRS line, or null to take the general path. */
export function fastReputation(
  text: string,
  where: { source: string; line: number; offset: number },
): SecEvent | null {
  if (!scanReputation(text, 0, text.length, reputationScratch)) return null;
  return scannedReputationEvent(reputationScratch, text, 0, where);
}
