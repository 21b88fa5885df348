/** Pattern pieces every format shares. */
import { MONTH_NAME } from '../time.js';

/** The Trend Micro marker, allowing stray spaces as in `[ Trend Micro]:`. */
export const MARKER = '\\[\\s*Trend\\s*Micro\\s*\\]\\s*:';

/** Quick test for the marker anywhere in a line. */
export const MARKER_RE = new RegExp(MARKER, 'i');

/** A clock with stray spaces allowed around the colons (`00 :58:58`). */
export const CLOCK = '\\d{1,2}\\s*:\\s*\\d{1,2}\\s*:\\s*\\d{1,2}';

/** A syslog-style date without year, English or the guide's Spanish renderings. */
export const SYSLOG_DATE = `(?:${MONTH_NAME}\\s+\\d{1,2}|\\d{1,2}\\s+de\\s+${MONTH_NAME})\\s+${CLOCK}`;

/** An ISO 8601 timestamp as rsyslog and RFC 5424 write it. */
export const ISO_TIME =
  '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?';

/** An RFC 3164/5424 priority, optional. */
export const PRI = '(?:<(?<pri>\\d{1,3})>)?';
