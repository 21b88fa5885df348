/**
 * Turns the fields of one Trend Micro message into a normalised event, or into the
 * reason it cannot be one. Device, peer, attacker, victim and event type follow
 * DESIGN.md's Meanings.
 */
import type { EventType, LocalTime, MessageType, Role, SecEvent } from '../../../shared/model.js';
import { addressProblem } from '../../../shared/address.js';
import { eventTypeFromText, type RuleBook } from '../../../shared/rules/index.js';
import { parseDeviceTime, parseIsoLocal, parseSyslogTime } from '../../../shared/time.js';
import type { FieldKind } from '../../../shared/formats/types.js';
import {
  readDirection,
  readEndpoint,
  readReputationAddress,
  readRole,
  readScores,
  reputationBand,
  type Endpoint,
} from './fields.js';

/** Where a line sits and what its envelope said. */
export interface LineContext {
  source: string;
  line: number;
  offset: number;
  envelopeTime: string | null;
  envelopeTimeKind: FieldKind | null;
  host: string | null;
  /** VAST2's own Event Type column, when the line is a VAST2 row. */
  eventTypeText?: string;
}

/** An event, or the reason the message cannot be read. */
export type Built = { ok: true; event: SecEvent } | { ok: false; reason: string };

/** Fields of a security rule as text, from a payload or a VAST2 row. */
export interface SecurityFields {
  seq: string;
  rule: string;
  time: string;
  role: string;
  originator: string;
  /** Payloads name source and destination... */
  src?: string;
  dst?: string;
  /** ...VAST2 names device and peer, and the direction. */
  device?: string;
  peer?: string;
  direction?: string;
}

/** Fields of a WRS or TRS message as text. */
export interface ReputationFields {
  messageType: 'wrs' | 'trs';
  /** The scores as written (`78, -1, -1, -1`), or null when the format has none. */
  scores: string | null;
  time: string;
  address: string;
  /** Text after the address that does not belong to the message. */
  rest: string;
  /** VAST2 names the device in its own column. */
  device?: string;
}

const fail = (reason: string): Built => ({ ok: false, reason });

function blank(ctx: LineContext, messageType: MessageType, time: LocalTime): SecEvent {
  return {
    source: ctx.source,
    line: ctx.line,
    offset: ctx.offset,
    envelopeTime: ctx.envelopeTime,
    envelopeLocal: envelopeLocal(ctx, time),
    time,
    device: null,
    devicePort: null,
    reporter: ctx.host,
    seq: null,
    messageType,
    eventType: 'cyber_attack',
    ruleId: null,
    peer: null,
    peerPort: null,
    srcIp: null,
    srcPort: null,
    dstIp: null,
    dstPort: null,
    originator: null,
    direction: null,
    role: null,
    roleText: null,
    attacker: null,
    victim: null,
    repAddress: null,
    repPath: null,
    repScore: null,
    repBand: null,
    repScores: null,
    problems: [],
  };
}

function envelopeLocal(ctx: LineContext, near: LocalTime): LocalTime | null {
  const raw = ctx.envelopeTime;
  if (!raw) return null;
  if (ctx.envelopeTimeKind === 'syslog_time') return parseSyslogTime(raw, near);
  if (ctx.envelopeTimeKind === 'iso_time') return parseIsoLocal(raw);
  const t = parseDeviceTime(raw);
  return t.ok ? t.time : null;
}

/** Event type, first rule that applies: VAST2's column, the catalogue, the role, else cyber attack. */
function eventTypeOf(ctx: LineContext, rules: RuleBook, ruleId: string | null, role: Role | null) {
  const given = ctx.eventTypeText ? eventTypeFromText(ctx.eventTypeText) : null;
  if (given && given !== 'unknown') return given;
  const known = ruleId ? rules.lookup(ruleId) : null;
  if (known) return known.eventType;
  return (role === 'attacker' ? 'quarantine' : 'cyber_attack') satisfies EventType;
}

/** Builds a security-rule event. */
export function securityEvent(f: SecurityFields, ctx: LineContext, rules: RuleBook): Built {
  if (!/^\d+$/.test(f.rule)) return fail(`rule ID '${f.rule}' is not a number`);
  const time = parseDeviceTime(f.time);
  if (!time.ok) return fail(`event ${time.reason}`);
  const ev = blank(ctx, 'security_rule', time.time);
  ev.ruleId = f.rule;
  ev.seq = /^\d+$/.test(f.seq) ? Number(f.seq) : null;
  ev.role = f.role.trim() === '' ? null : readRole(f.role);
  if (ev.role === 'other') {
    ev.roleText = f.role.trim();
    ev.problems.push(`role '${ev.roleText}' is not victim, attacker or IP block`);
  }
  const origBad = f.originator.trim() === '' ? null : addressProblem(f.originator.trim());
  ev.originator = f.originator.trim() || null;
  if (origBad) ev.problems.push(`originator ${origBad}`);

  let device: Endpoint, peer: Endpoint;
  if (f.device !== undefined) {
    device = readEndpoint(f.device, 'device address', false);
    peer = readEndpoint(f.peer ?? '', 'peer address', false);
    ev.direction = readDirection(f.direction ?? '');
    const inbound = ev.direction ? ev.direction === 'outside_in' : ev.role !== 'attacker';
    [ev.srcIp, ev.srcPort, ev.dstIp, ev.dstPort] = inbound
      ? [peer.ip, peer.port, device.ip, device.port]
      : [device.ip, device.port, peer.ip, peer.port];
  } else {
    const src = readEndpoint(f.src ?? '', 'source address', true);
    const dst = readEndpoint(f.dst ?? '', 'destination address', true);
    [ev.srcIp, ev.srcPort, ev.dstIp, ev.dstPort] = [src.ip, src.port, dst.ip, dst.port];
    let deviceIsDst: boolean;
    if (ev.role === 'victim') deviceIsDst = true;
    else if (ev.role === 'attacker') deviceIsDst = false;
    else if (!origBad && ev.originator === src.ip) deviceIsDst = true;
    else if (!origBad && ev.originator === dst.ip) deviceIsDst = false;
    else
      return fail(
        'cannot tell which side is the device: the role is not victim or attacker ' +
          'and the originator matches neither address',
      );
    [device, peer] = deviceIsDst ? [dst, src] : [src, dst];
    ev.direction = deviceIsDst ? 'outside_in' : 'inside_out';
  }
  if (!device.ok) return fail(device.reason);
  ev.device = device.ip;
  ev.devicePort = device.port;
  ev.peer = peer.ip || null;
  ev.peerPort = peer.port;
  if (!peer.ok) ev.problems.push(`${peer.reason}; kept as written, not counted as an attacker`);
  if (ev.problems.length > 1)
    return fail(`more than one value cannot be read: ${ev.problems.join('; ')}`);

  const peerIp = peer.ok ? peer.ip : null;
  if (ev.role === 'attacker') [ev.attacker, ev.victim] = [ev.device, peerIp];
  else [ev.attacker, ev.victim] = [peerIp, ev.device];
  ev.eventType = eventTypeOf(ctx, rules, ev.ruleId, ev.role);
  return { ok: true, event: ev };
}

const HOST_NAME =
  /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Builds a WRS or TRS event; its device may still be unknown (see resolveDevices). */
export function reputationEvent(f: ReputationFields, ctx: LineContext, rules: RuleBook): Built {
  const time = parseDeviceTime(f.time);
  if (!time.ok) return fail(`event ${time.reason}`);
  const ev = blank(ctx, f.messageType, time.time);
  if (f.scores !== null) {
    const scores = readScores(f.scores);
    if (!scores)
      return fail(`reputation scores '${f.scores}' are not whole numbers from -1 to 100`);
    ev.repScores = scores;
    const first = scores[0]!;
    ev.repScore = first < 0 ? null : first;
    ev.repBand = reputationBand(first);
  }
  const addr = readReputationAddress(f.address);
  if (!addr.host) return fail('the reputation message names no address');
  const hostBad = /^[\d.]+$/.test(addr.host) ? addressProblem(addr.host) : null;
  if (!hostBad && !HOST_NAME.test(addr.host) && addressProblem(addr.host)) {
    return fail(`reputation address '${f.address.trim()}' names no host that can be read`);
  }
  ev.repAddress = addr.address;
  ev.repPath = addr.path;
  ev.peer = addr.host;
  ev.peerPort = addr.port;
  if (addr.hadSpaces) ev.problems.push('spaces removed from the address');
  if (f.rest) ev.problems.push(`text after the address ignored: '${f.rest}'`);
  if (hostBad) ev.problems.push(`server address ${hostBad}; not counted as an attacker`);
  ev.attacker = hostBad ? null : addr.host;
  ev.direction = f.messageType === 'wrs' ? 'inside_out' : 'outside_in';
  const deviceText = f.device?.trim() || ctx.host;
  if (deviceText) {
    const d = readEndpoint(deviceText, 'device address', false);
    ev.device = d.ip;
    ev.devicePort = d.port;
    ev.victim = d.ip;
  }
  ev.eventType = eventTypeOf(ctx, rules, null, null);
  return { ok: true, event: ev };
}
