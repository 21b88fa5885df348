/**
 * A fast path for the commonest line of all: an English camera-log header followed by a
 * well-formed security rule. One regex reads the whole line and numbers are read from
 * the captures directly. Anything unusual (a damaged value, a Spanish date, other
 * spacing) returns null and goes through the general path, which is the reference:
 * test/parse/fast.test.ts checks that both give the same event.
 */
import type { LocalTime, SecEvent } from '../../../shared/model.js';
import type { RuleBook } from '../../../shared/rules/index.js';
import { localTime } from '../../../shared/time.js';

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};
const IP = '(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})';
const LINE = new RegExp(
  '^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \\d]\\d) (\\d\\d):(\\d\\d):(\\d\\d) ' +
    `(?:${IP} )?\\[Trend Micro\\]: (\\d{1,9}) s\\.(\\d{1,12}), ` +
    '(\\d{4})/(\\d{1,2})/(\\d{1,2}) (\\d{1,2}):(\\d{1,2}):(\\d{1,2}), ' +
    `${IP}:(\\d{1,5}) > ${IP}:(\\d{1,5}), ${IP}, (victim|attacker|Victim|Attacker)$`,
);

/** Is a dotted quad captured by LINE a real IPv4 address (every octet up to 255)? */
function octetsOk(ip: string): boolean {
  let n = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) n = 0;
    else if ((n = n * 10 + c - 48) > 255) return false;
  }
  return true;
}

/** The event of a canonical camera security-rule line, or null to take the general path. */
export function fastCameraRule(
  text: string,
  where: { source: string; line: number; offset: number },
  rules: RuleBook,
): SecEvent | null {
  const m = LINE.exec(text);
  if (m === null) return null;
  // Index access, not destructuring: this runs for nearly every line of a large export.
  const host = m[6];
  const src = m[15]!;
  const dst = m[17]!;
  const orig = m[19]!;
  if (!octetsOk(src) || !octetsOk(dst) || !octetsOk(orig) || (host && !octetsOk(host))) return null;
  const srcPort = +m[16]!;
  const dstPort = +m[18]!;
  if (srcPort > 65535 || dstPort > 65535) return null;
  const year = +m[9]!;
  const month = +m[10]!;
  const time = localTime(year, month, +m[11]!, +m[12]!, +m[13]!, +m[14]!);
  if (time === null) return null;
  const envMonth = MONTHS[m[1]!]!;
  const envYear = year + (envMonth - month > 6 ? -1 : month - envMonth > 6 ? 1 : 0);
  const envLocal: LocalTime | null = localTime(envYear, envMonth, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
  const roleText = m[20]!;
  const rule = m[8]!;
  const victim = roleText === 'victim' || roleText === 'Victim';
  const device = victim ? dst : src;
  const devicePort = victim ? dstPort : srcPort;
  const peer = victim ? src : dst;
  const peerPort = victim ? srcPort : dstPort;
  const known = rules.lookup(rule);
  return {
    source: where.source,
    line: where.line,
    offset: where.offset,
    envelopeTime: text.slice(0, 15),
    envelopeLocal: envLocal,
    time,
    device,
    devicePort,
    reporter: host ?? null,
    seq: +m[7]!,
    messageType: 'security_rule',
    eventType: known ? known.eventType : victim ? 'cyber_attack' : 'quarantine',
    ruleId: rule,
    peer,
    peerPort,
    srcIp: src,
    srcPort,
    dstIp: dst,
    dstPort,
    originator: orig,
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
