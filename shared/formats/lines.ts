/**
 * Line formats, most specific first. The first format whose pattern matches a line
 * claims it; formats with `trendMicro: false` only help to tell what kind a source is.
 */
import { CLOCK, ISO_TIME, MARKER, PRI, SYSLOG_DATE } from './markers.js';
import type { LineFormat } from './types.js';

const IPV4ISH = '\\d{1,3}(?:\\.\\d{1,3}){3}';
// Patterns never let two quantified parts compete for the same characters (no `.*?\s*$`,
// no `[^,]*?\s*`): with attacker-written lines that is the difference between linear time
// and minutes per line. Values are trimmed in code instead.
const PAYLOAD = `${MARKER}(?<payload>.*)$`;

/** Line formats in detection order. */
export const LINE_FORMATS: LineFormat[] = [
  {
    id: 'nvr_syslog',
    kind: 'nvr_syslog',
    title: 'NVR numbered syslog',
    trendMicro: true,
    pattern: new RegExp(`^(?<num>\\d+)\\s+(?<time>${ISO_TIME})\\s(?<mtype>[^\\[]*)${PAYLOAD}`, 'i'),
    fields: { num: 'integer', time: 'iso_time', mtype: 'message_type', payload: 'payload' },
    samples: [
      {
        line: '9953 2019-12-12T11:25:24.631862+08:00 Regla de seguridad [Trend Micro]: 3509 s.1133810, 2019/12/12 11:25:23, 192.192.25.221:58483 > 192.192.25.231:809, 2 .25.221, Víctima',
        fields: {
          num: '9953',
          time: '2019-12-12T11:25:24.631862+08:00',
          mtype: 'Regla de seguridad',
          payload:
            '3509 s.1133810, 2019/12/12 11:25:23, 192.192.25.221:58483 > 192.192.25.231:809, 2 .25.221, Víctima',
        },
      },
      {
        line: '120 2019-12-12T11:25:24+08:00 Security rule [Trend Micro]: 7 s.1133835, 2019/12/12 11:25:23, 10.0.0.9:4444 > 10.0.0.20:80, 10.0.0.9, victim',
        fields: { num: '120', mtype: 'Security rule' },
      },
    ],
  },
  {
    id: 'nvr_table_row',
    kind: 'nvr_event_table',
    title: 'NVR event table row without its header',
    trendMicro: true,
    pattern: new RegExp(
      `^(?<time>\\d{4}\\.\\d{1,2}\\.\\d{1,2} +${CLOCK}) *[\\t,](?<mtype>[^\\t,]*)[\\t,][ "]*${MARKER}(?<payload>.*?)"?$`,
      'i',
    ),
    fields: { time: 'table_time', mtype: 'message_type', payload: 'payload' },
    samples: [
      {
        line: '2019.11.06 12:34:43\tSecurity rule\t[Trend Micro]: 62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96...',
        fields: {
          time: '2019.11.06 12:34:43',
          mtype: 'Security rule',
          payload: '62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96...',
        },
      },
    ],
  },
  {
    id: 'camera_log',
    kind: 'camera_log',
    title: 'camera system log',
    trendMicro: true,
    pattern: new RegExp(`^(?<time>${SYSLOG_DATE})\\s+(?:(?<host>${IPV4ISH})\\s+)?${PAYLOAD}`, 'i'),
    fields: { time: 'syslog_time', host: 'host', payload: 'payload' },
    samples: [
      {
        line: 'Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim',
        fields: { time: 'Dec 16 00:58:58', host: undefined },
      },
      {
        line: '16 de diciembre 00 :58:58 [Trend Micro]: 2 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1829 > 192.168.40.78:80, 10.42.2.33, víctima',
        fields: { time: '16 de diciembre 00 :58:58' },
      },
      {
        line: "octubre 03 19:01:11 60.251.25.44 [Trend Micro]: TRS, [28, -1, -1, -1], 2018/10/4 3:2:47, '201.39.159.204:445/'",
        fields: {
          time: 'octubre 03 19:01:11',
          host: '60.251.25.44',
          payload: "TRS, [28, -1, -1, -1], 2018/10/4 3:2:47, '201.39.159.204:445/'",
        },
      },
      {
        line: '16 de diciembre 10:15:22 [ Trend Micro]: 3 s.1133810, 2019/12/16 10:15:22, 10.42.2.33:46527 > 192.168.40.78:80, 10.42.2.33, víctima',
        fields: { time: '16 de diciembre 10:15:22' },
      },
    ],
  },
  {
    id: 'rfc5424',
    kind: 'syslog',
    title: 'syslog server file, RFC 5424',
    trendMicro: true,
    pattern: new RegExp(
      `^${PRI}1\\s+(?<time>${ISO_TIME}|-)\\s+(?<host>\\S+)\\s+(?<app>\\S+)\\s+\\S+\\s+\\S+\\s+` +
        `(?:-|(?:\\[(?!\\s*Trend)[^\\]]*\\])+)\\s(?:\\uFEFF)?.*?${PAYLOAD}`,
      'i',
    ),
    fields: { pri: 'integer', time: 'iso_time', host: 'host', app: 'text', payload: 'payload' },
    samples: [
      {
        line: "<134>1 2019-12-16T00:58:58+08:00 cam-lobby tmiot - - - [Trend Micro]: WRS, [78, -1, -1, -1], 2019/12/16 0:58:58, '206.130.113.68:80/eicar.com'",
        fields: { pri: '134', time: '2019-12-16T00:58:58+08:00', host: 'cam-lobby', app: 'tmiot' },
      },
    ],
  },
  {
    id: 'rfc3164',
    kind: 'syslog',
    title: 'syslog server file, RFC 3164',
    trendMicro: true,
    pattern: new RegExp(
      `^${PRI}(?<time>${SYSLOG_DATE}(?:\\s+\\d{4})?)\\s+(?:(?<host>[^\\s\\[:]+)\\s+)?` +
        `(?:(?<tag>[^\\s\\[:]*(?:\\[\\d+\\])?):\\s*)?${PAYLOAD}`,
      'i',
    ),
    fields: { pri: 'integer', time: 'syslog_time', host: 'host', tag: 'text', payload: 'payload' },
    samples: [
      {
        line: '<134>Dec 16 00:58:58 cam-lobby [Trend Micro]: 5 s.1133835, 2019/12/16 0:58:58, 203.0.113.7:5555 > 192.168.40.78:554, 203.0.113.7, victim',
        fields: { pri: '134', time: 'Dec 16 00:58:58', host: 'cam-lobby' },
      },
      {
        line: 'Dec 16 00:58:58 cam-lobby [Trend Micro]: 5 s.1133835, 2019/12/16 0:58:58, 203.0.113.7:5555 > 192.168.40.78:554, 203.0.113.7, victim',
        fields: { pri: undefined, host: 'cam-lobby' },
      },
      {
        line: '<14>Dec  6 07:01:02 192.168.40.78 tmiot[311]: [Trend Micro]: 9 s.1133820, 2019/12/6 7:1:2, 192.168.40.78:40000 > 198.51.100.4:23, 192.168.40.78, attacker',
        fields: { time: 'Dec  6 07:01:02', host: '192.168.40.78', tag: 'tmiot[311]' },
      },
    ],
  },
  {
    id: 'iso_syslog',
    kind: 'syslog',
    title: 'syslog server file with ISO times',
    trendMicro: true,
    pattern: new RegExp(
      `^${PRI}(?<time>${ISO_TIME})\\s+(?<host>\\S+)\\s+(?:(?<tag>[^\\s\\[]*(?:\\[\\d+\\])?):\\s*)?${PAYLOAD}`,
      'i',
    ),
    fields: { pri: 'integer', time: 'iso_time', host: 'host', tag: 'text', payload: 'payload' },
    samples: [
      {
        line: '2019-12-16T00:58:58.120+08:00 192.168.40.78 tmiot: [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim',
        fields: { time: '2019-12-16T00:58:58.120+08:00', host: '192.168.40.78', tag: 'tmiot' },
      },
    ],
  },
  {
    id: 'marker_anywhere',
    kind: 'syslog',
    title: 'any line carrying the Trend Micro marker',
    trendMicro: true,
    pattern: new RegExp(`^(?<prefix>.*?)${PAYLOAD}`, 'i'),
    fields: { prefix: 'text', payload: 'payload' },
    samples: [
      {
        line: 'kernel: something [Trend Micro]: 4 s.1133810, 2019/12/16 10:15:22, 10.42.2.33:46573 > 192.168.40.78:80, 10.42.2.33, Víctima',
        fields: { prefix: 'kernel: something ' },
      },
    ],
  },
  {
    id: 'nvr_syslog_other',
    kind: 'nvr_syslog',
    title: 'NVR numbered syslog, other line',
    trendMicro: false,
    pattern: new RegExp(`^\\d+\\s+${ISO_TIME}\\s+\\S`),
    fields: {},
    samples: [
      { line: '9949 2019-12-12T11:20:00.000001+08:00 System Recording started', fields: {} },
    ],
  },
  {
    id: 'camera_other',
    kind: 'camera_log',
    title: 'camera system log, other line',
    trendMicro: false,
    pattern: new RegExp(`^${SYSLOG_DATE}\\s+(?:${IPV4ISH}\\s+)?\\[[^\\]\\s]+\\]\\s*:`, 'i'),
    fields: {},
    samples: [{ line: 'Dec 16 00:59:01 [httpd]: GET /cgi-bin/viewer/video.jpg 200', fields: {} }],
  },
  {
    id: 'syslog_other',
    kind: 'syslog',
    title: 'syslog server file, other line',
    trendMicro: false,
    pattern: new RegExp(`^${PRI}(?:${SYSLOG_DATE}|1\\s+${ISO_TIME}|${ISO_TIME})\\s+\\S+`, 'i'),
    fields: { pri: 'integer' },
    samples: [{ line: '<30>Dec 16 00:59:01 cam-lobby ntpd[88]: time synced', fields: {} }],
  },
];
