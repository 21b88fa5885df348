/**
 * Events as Elastic Common Schema documents, so a fleet's exports load into Elasticsearch or
 * OpenSearch as they are. Only fields with a value are written; what ECS has no field for
 * goes under `seclog.*`.
 */
import { isIPv6 } from 'node:net';
import type { EventRow } from '../../../shared/api/types.js';
import { isIPv4 } from '../../../shared/address.js';
import type { RuleNamer } from './columns.js';

/** The ECS version the documents follow. */
export const ECS_VERSION = '8.11.0';

type Doc = Record<string, unknown>;

/** Is this a valid IP address? ECS `*.ip` fields are typed `ip`: anything else fails ingest. */
function isIp(text: string | null): text is string {
  return text !== null && (isIPv4(text) || isIPv6(text));
}

/** Sets a dotted path, skipping null, undefined and empty arrays ("only fields with values"). */
function set(doc: Doc, path: string, value: unknown): void {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    return;
  }
  const keys = path.split('.');
  let node = doc;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Doc;
  node[keys[keys.length - 1]!] = value;
}

/** An endpoint: `address` as written, `ip` only when it is one (a damaged one stays text). */
function endpoint(doc: Doc, side: string, address: string | null, port: number | null): void {
  set(doc, `${side}.address`, address);
  if (isIp(address)) set(doc, `${side}.ip`, address);
  set(doc, `${side}.port`, port);
}

/** The URL parts of a reputation address such as `206.130.113.68:80/eicar.com`. */
function url(doc: Doc, address: string): void {
  set(doc, 'url.original', address);
  const slash = address.indexOf('/');
  const authority = slash < 0 ? address : address.slice(0, slash);
  if (slash >= 0) set(doc, 'url.path', address.slice(slash));
  const m = /^(.*?)(?::(\d{1,5}))?$/.exec(authority);
  if (m?.[1]) set(doc, 'url.domain', m[1]); // ECS puts a bare IP in url.domain too
  if (m?.[2]) set(doc, 'url.port', Number(m[2]));
}

/** One event as an ECS document. */
export function toEcs(row: EventRow, ruleName?: RuleNamer): Doc {
  const doc: Doc = {};
  // The device writes local time with no zone, and EventRow keeps it so. ECS wants ISO 8601;
  // with no zone given, Elasticsearch reads it as UTC, so shift it at ingest if that matters.
  set(doc, '@timestamp', row.time.replace(' ', 'T'));
  set(doc, 'ecs.version', ECS_VERSION);
  const reputation = row.messageType !== 'security_rule';
  set(doc, 'event.kind', 'alert');
  // A security rule is a signature match (intrusion_detection). A WRS/TRS block is a
  // connection refused for the other side's reputation: a network event. ECS's `threat`
  // category is for describing threat actors and indicators, and allows no `denied` type.
  set(doc, 'event.category', [reputation ? 'network' : 'intrusion_detection']);
  set(doc, 'event.type', ['denied']);
  set(doc, 'event.action', row.eventType);
  set(doc, 'event.module', 'trendmicro_iot');
  set(doc, 'event.dataset', `trendmicro_iot.${row.messageType}`);
  set(doc, 'event.sequence', row.seq);
  set(doc, 'rule.id', row.ruleId);
  if (row.ruleId && ruleName) set(doc, 'rule.name', ruleName(row.ruleId));

  if (reputation) {
    // WRS: the device reached out to the server; TRS: the server reached in.
    const deviceFirst = row.direction === 'inside_out';
    const [src, dst] = deviceFirst ? ['source', 'destination'] : ['destination', 'source'];
    endpoint(doc, src, row.device, row.devicePort);
    endpoint(doc, dst, row.peer, row.peerPort);
    if (row.repAddress) url(doc, row.repAddress);
  } else {
    endpoint(doc, 'source', row.srcIp, row.srcPort);
    endpoint(doc, 'destination', row.dstIp, row.dstPort);
  }
  // The agent runs on the device itself: ECS asks for the host's view, ingress or egress
  // (inbound/outbound are for perimeter monitors).
  if (row.direction) {
    set(doc, 'network.direction', row.direction === 'outside_in' ? 'ingress' : 'egress');
  }
  const device = row.device;
  if (isIp(device)) set(doc, 'host.ip', [device]);
  else set(doc, 'host.name', device);
  const observer = row.reporter ?? device;
  if (isIp(observer)) set(doc, 'observer.ip', [observer]);
  else set(doc, 'observer.hostname', observer);
  set(doc, 'observer.vendor', 'Trend Micro');
  set(doc, 'observer.product', 'IoT Security');
  const ips = [row.srcIp, row.dstIp, device, row.peer, row.attacker, row.victim].filter(isIp);
  set(doc, 'related.ip', [...new Set(ips)]);

  set(doc, 'log.file.path', row.source);
  // ECS's log.origin.file.line is the line of the program's source code that logged, so the
  // line in the exported file goes under seclog.
  set(doc, 'seclog.line', row.line);
  set(doc, 'seclog.envelope_time', row.envelopeTime);
  set(doc, 'seclog.device', device);
  set(doc, 'seclog.peer', row.peer);
  set(doc, 'seclog.attacker', row.attacker);
  set(doc, 'seclog.victim', row.victim);
  set(doc, 'seclog.role', row.role);
  set(doc, 'seclog.originator', row.originator);
  set(doc, 'seclog.reputation.score', row.repScore);
  set(doc, 'seclog.reputation.band', row.repBand);
  set(doc, 'seclog.problems', row.problems);
  return doc;
}
