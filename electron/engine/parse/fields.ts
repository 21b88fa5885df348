/** Reading single fields of a payload or row: roles, directions, endpoints, scores. */
import type { Direction, ReputationBand, Role } from '../../../shared/model.js';
import { addressProblem, splitHostPort } from '../../../shared/address.js';

/** A role word in any case, English or Spanish; `other` for anything else. */
export function readRole(text: string): Role {
  const t = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
  if (t === 'victim' || t === 'victima') return 'victim';
  if (t === 'attacker' || t === 'atacante') return 'attacker';
  if (/\bblock|bloqueo/.test(t)) return 'ip_block';
  return 'other';
}

/** VAST2's Direction column (`Outside-in`, `Inside-out`), or null when it says neither. */
export function readDirection(text: string): Direction | null {
  const t = text.toLowerCase().replace(/[^a-z]/g, '');
  if (t === 'outsidein' || t === 'inbound' || t === 'entrante') return 'outside_in';
  if (t === 'insideout' || t === 'outbound' || t === 'saliente') return 'inside_out';
  return null;
}

/** An address with a port, checked: the reason it cannot be used, or the parts. */
export type Endpoint =
  | { ok: true; ip: string; port: number | null }
  | { ok: false; ip: string; port: number | null; reason: string };

/** Reads `IP:PORT`; `needPort` makes a missing port a problem. */
export function readEndpoint(text: string, what: string, needPort: boolean): Endpoint {
  const { host, port, portText } = splitHostPort(text);
  const bad = addressProblem(host);
  if (bad) return { ok: false, ip: host, port, reason: `${what} ${bad}` };
  if (portText !== null && port === null) {
    return { ok: false, ip: host, port, reason: `${what} port '${portText}' is not a port number` };
  }
  if (needPort && port === null) {
    return { ok: false, ip: host, port, reason: `${what} '${text.trim()}' has no port` };
  }
  return { ok: true, ip: host, port };
}

/** Trend Micro's band for a first reputation score; -1 means no value. */
export function reputationBand(score: number): ReputationBand {
  if (score < 0) return 'no_value';
  if (score === 71) return 'unrated';
  if (score >= 81) return 'safe';
  if (score >= 66) return 'suspicious';
  if (score >= 51) return 'highly_suspicious';
  return 'dangerous';
}

/** Reads `78, -1, -1, -1`; null when any score is not a whole number from -1 to 100. */
export function readScores(text: string): number[] | null {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => !/^-?\d{1,3}$/.test(p))) return null;
  const scores = parts.map(Number);
  return scores.every((s) => s >= -1 && s <= 100) ? scores : null;
}

/** A reputation address `HOST[:PORT][/PATH]` split into its parts, spaces removed. */
export function readReputationAddress(text: string) {
  const compact = text.replace(/\s+/g, '');
  const slash = compact.indexOf('/');
  const hostPort = slash < 0 ? compact : compact.slice(0, slash);
  const path = slash < 0 ? null : compact.slice(slash);
  const { host, port } = splitHostPort(hostPort);
  return { address: compact, host, port, path, hadSpaces: compact !== text.trim() };
}
