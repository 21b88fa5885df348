/**
 * Table exports: a header row names the columns, in English or Spanish, in any order.
 * Rows are tab or comma separated; VAST2 writes `-` for an empty cell.
 */
import type { TableFormat } from './types.js';

/** Table formats in detection order. */
export const TABLE_FORMATS: TableFormat[] = [
  {
    id: 'vast2_event_list',
    kind: 'vast2_event_list',
    title: 'VAST2 Trend Micro event list',
    columns: [
      { field: 'eventType', kind: 'text', names: ['Event Type', 'Tipo de evento'] },
      { field: 'time', kind: 'device_time', names: ['Time', 'Hora', 'Fecha y hora'] },
      { field: 'seq', kind: 'integer', names: ['SeqNum', 'Seq Num', 'Sequence Number'] },
      { field: 'mtype', kind: 'message_type', names: ['Message Type', 'Tipo de mensaje'] },
      { field: 'rule', kind: 'rule_id', names: ['Rule ID', 'RuleID', 'ID de regla'] },
      { field: 'peer', kind: 'endpoint', names: ['PeerIPAddress', 'Peer IP Address'] },
      { field: 'direction', kind: 'text', names: ['Direction', 'Dirección'] },
      { field: 'device', kind: 'endpoint', names: ['DeviceIPAddress', 'Device IP Address'] },
      {
        field: 'orig',
        kind: 'address',
        names: ['OriginatorIPAddress', 'Originator IP Address'],
      },
      { field: 'role', kind: 'role', names: ['DeviceRole', 'Device Role'] },
      {
        field: 'domain',
        kind: 'reputation_address',
        names: ['Domain Peer/PortPath', 'Domain Peer/Port Path'],
      },
      {
        field: 'server',
        kind: 'reputation_address',
        names: ['PeerIP:ServerPort', 'Peer IP:Server Port'],
      },
    ],
    required: ['time', 'mtype', 'rule', 'device'],
    samples: [
      {
        line: 'Brute force attack\t2018/10/9 01:33:52\t952\tSecurity Rule\t1133810\t185.10.68.123:60000\tOutside-in\t60.251.25.44:23\t75.97.250.243\tVictim\t-\t-',
        fields: {
          eventType: 'Brute force attack',
          time: '2018/10/9 01:33:52',
          seq: '952',
          mtype: 'Security Rule',
          rule: '1133810',
          peer: '185.10.68.123:60000',
          direction: 'Outside-in',
          device: '60.251.25.44:23',
          orig: '75.97.250.243',
          role: 'Victim',
          domain: '',
          server: '',
        },
      },
      {
        line: 'Cyber attack,2018/10/9 01:33:52,-,TRS,-,-,-,-,-,-,-,104.115.235.31:80',
        fields: { mtype: 'TRS', seq: '', server: '104.115.235.31:80' },
      },
    ],
  },
  {
    id: 'nvr_event_table',
    kind: 'nvr_event_table',
    title: 'NVR event log table',
    columns: [
      { field: 'time', kind: 'table_time', names: ['Date', 'Fecha', 'Date/Time', 'Fecha/Hora'] },
      { field: 'mtype', kind: 'message_type', names: ['Message type', 'Tipo de mensaje'] },
      { field: 'message', kind: 'payload', names: ['Message', 'Mensaje'] },
    ],
    required: ['time', 'mtype', 'message'],
    samples: [
      {
        line: '2019.11.06 12:34:43\tSecurity rule\t[Trend Micro]: 62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96...',
        fields: {
          time: '2019.11.06 12:34:43',
          mtype: 'Security rule',
          message: '[Trend Micro]: 62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96...',
        },
      },
      {
        line: '2019.11.06 12:34:43,Security rule,"[Trend Micro]: 62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96:5000 > 10.42.2.1:80, 10.42.2.96, victim"',
        fields: {
          message:
            '[Trend Micro]: 62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96:5000 > 10.42.2.1:80, 10.42.2.96, victim',
        },
      },
      {
        line: '2019.11.06 12:34:43,Security rule,[Trend Micro]: 62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96:5000 > 10.42.2.1:80, 10.42.2.96, victim',
        fields: {
          message:
            '[Trend Micro]: 62 s.1133810, 2019/11/6 12:34:42, 10.42.2.96:5000 > 10.42.2.1:80, 10.42.2.96, victim',
        },
      },
    ],
  },
];

/** Header names compare without case, accents, spaces, underscores or dashes. */
export function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_\-"']/g, '');
}
