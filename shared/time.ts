/**
 * Reading the times the devices write. All times are device-local and kept without a
 * zone as `YYYY-MM-DD HH:MM:SS`; an ISO envelope's offset stays in its raw text.
 */
import type { LocalTime } from './model.js';

const MONTHS: Record<string, number> = {};
const EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ES = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
const ES_SHORT = [
  'ene',
  'feb',
  'mar',
  'abr',
  'may',
  'jun',
  'jul',
  'ago',
  'sep',
  'oct',
  'nov',
  'dic',
];
EN.forEach((m, i) => (MONTHS[m] = i + 1));
ES.forEach((m, i) => (MONTHS[m] = i + 1));
ES_SHORT.forEach((m, i) => (MONTHS[m] = i + 1));
MONTHS['sept'] = 9;
MONTHS['setiembre'] = 9;

/** Regex source matching an English or Spanish month name, full or short (case-insensitive use). */
export const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  'sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|ene|febrero|marzo|abril|abr|' +
  'mayo|junio|julio|agosto|ago|septiembre|setiembre|octubre|noviembre|diciembre|dic)\\.?';

/** Month number (1-12) of an English or Spanish month name, or 0. */
export function monthNumber(name: string): number {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)] ?? 0;
}

const TWO = Array.from({ length: 61 }, (_, i) => String(i).padStart(2, '0'));

function pad(n: number): string {
  return TWO[n] ?? String(n).padStart(2, '0');
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

/** Whether the parts make a time `localTime` accepts. */
export function validTime(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  if (y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return false;
  return h <= 23 && mi <= 59 && s <= 60;
}

/** Formats checked parts as a LocalTime, or returns null when a part is out of range. */
export function localTime(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  if (!validTime(y, mo, d, h, mi, s)) return null;
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}` as LocalTime;
}

const CLOCK = '(\\d{1,2})\\s*:\\s*(\\d{1,2})\\s*:\\s*(\\d{1,2})(?:\\.\\d+)?';
const YMD = new RegExp(`^(\\d{4})[/.-](\\d{1,2})[/.-](\\d{1,2})(?:\\s+|T)${CLOCK}$`);
const DMY = new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})\\s+${CLOCK}$`);

/** Result of reading a time: the local time, or why it could not be read. */
export type TimeResult = { ok: true; time: LocalTime } | { ok: false; reason: string };

/**
 * Reads a payload or table time: `2019/12/16 0:58:58`, `2018/10/4 3:2:47`,
 * `13/10/2017 13:18:48` (day first when the year is last), `2019-12-16 00:58:58`,
 * `2019.11.06 12:34:43`.
 */
export function parseDeviceTime(text: string): TimeResult {
  const t = text.trim();
  let m = YMD.exec(t);
  let parts: number[] | null = null;
  if (m) parts = [1, 2, 3, 4, 5, 6].map((i) => Number(m![i]));
  else if ((m = DMY.exec(t))) parts = [3, 2, 1, 4, 5, 6].map((i) => Number(m![i]));
  if (!parts) return { ok: false, reason: `time '${t}' is not in a known form` };
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  const time = localTime(y, mo, d, h, mi, s);
  return time ? { ok: true, time } : { ok: false, reason: `time '${t}' is not a real date` };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Reads an ISO 8601 envelope time as the local time it shows (its offset is ignored). */
export function parseIsoLocal(text: string): LocalTime | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const n = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return localTime(...n);
}

const SYSLOG_MD = new RegExp(`^(${MONTH_NAME})\\s+(\\d{1,2})\\s+${CLOCK}(?:\\s+(\\d{4}))?$`, 'i');
const SYSLOG_DM = new RegExp(`^(\\d{1,2})\\s+de\\s+(${MONTH_NAME})\\s+${CLOCK}$`, 'i');

/**
 * Reads a syslog-style envelope time without a year (`Dec 16 00:58:58`,
 * `16 de diciembre 00:58:58`, `octubre 03 19:01:11`), taking the year that puts it
 * nearest to `near` (the payload's time), so a log written across New Year stays right.
 */
export function parseSyslogTime(text: string, near: LocalTime | null): LocalTime | null {
  const t = text.trim();
  let mo: number, d: number, clock: number[], year: number | null;
  let m = SYSLOG_MD.exec(t);
  if (m) {
    mo = monthNumber(m[1]!);
    d = Number(m[2]);
    clock = [m[3], m[4], m[5]].map(Number);
    year = m[6] ? Number(m[6]) : null;
  } else if ((m = SYSLOG_DM.exec(t))) {
    d = Number(m[1]);
    mo = monthNumber(m[2]!);
    clock = [m[3], m[4], m[5]].map(Number);
    year = null;
  } else return null;
  const [h, mi, s] = clock as [number, number, number];
  if (year !== null) return localTime(year, mo, d, h, mi, s);
  if (!near) return null;
  // The year that puts the header nearest the payload: a header month more than half a
  // year after the payload's belongs to the year before (and the other way round).
  const nearMonth = Number(near.slice(5, 7));
  const year0 = Number(near.slice(0, 4)) + (mo - nearMonth > 6 ? -1 : nearMonth - mo > 6 ? 1 : 0);
  return localTime(year0, mo, d, h, mi, s);
}

/** Seconds since 1970 of a LocalTime read as if it were UTC: for ordering and buckets only. */
export function toSeconds(time: LocalTime): number {
  const n = time.match(/\d+/g)!.map(Number) as [number, number, number, number, number, number];
  return Date.UTC(n[0], n[1] - 1, n[2], n[3], n[4], n[5]) / 1000;
}
