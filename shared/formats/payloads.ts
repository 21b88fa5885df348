/**
 * The two payloads Trend Micro writes after its marker. Patterns are loose on purpose:
 * they capture each field as text so that a damaged field can be named in the reason.
 * Captured fields keep their surrounding spaces (the reader trims them): patterns whose
 * quantified parts compete for the same characters take minutes on hostile lines.
 */
import type { PayloadFormat } from './types.js';

/** Payload formats; `lead` decides which one a payload is meant to be. */
export const PAYLOAD_FORMATS: PayloadFormat[] = [
  {
    id: 'security_rule',
    title: 'security rule',
    lead: /^\s*\d+\s+s\s*\./i,
    pattern:
      /^\s*(?<seq>\d+)\s+s\s*\.\s*(?<rule>\d+)\s*,(?<time>[^,]*),(?<src>[^,>]*)>(?<dst>[^,]*),(?<orig>[^,]*),(?<role>[^,]*)$/i,
    fields: {
      seq: 'integer',
      rule: 'rule_id',
      time: 'device_time',
      src: 'endpoint',
      dst: 'endpoint',
      orig: 'address',
      role: 'role',
    },
    shape: 'SEQ s.RULE, TIME, SRC_IP:PORT > DST_IP:PORT, ORIGINATOR, ROLE',
    samples: [
      {
        line: '1 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, víctima',
        fields: {
          seq: '1',
          rule: '1133810',
          time: '2019/12/16 0:58:58',
          src: '10.42.2.33:1775',
          dst: '192.168.40.78:80',
          orig: '10.42.2.33',
          role: 'víctima',
        },
      },
      {
        line: '3508 s.1133810, 2019/12/12 11:25:23, 192.192.25.221:58483 > 192.1292.2 :110, 192.192.25.221, Víctima',
        fields: { dst: '192.1292.2 :110', role: 'Víctima' },
      },
    ],
  },
  {
    id: 'reputation',
    title: 'web reputation (WRS or TRS)',
    lead: /^\s*(?:WRS|TRS)\s*,/i,
    pattern:
      /^\s*(?<mtype>WRS|TRS)\s*,\s*\[(?<scores>[^\]]*)\]\s*,(?<time>[^,]*),[^'\S]*(?:'(?<quoted>[^']*)'|(?<bare>[^\s',]+))(?<rest>.*)$/i,
    fields: {
      mtype: 'message_type',
      scores: 'scores',
      time: 'device_time',
      quoted: 'reputation_address',
      bare: 'reputation_address',
      rest: 'text',
    },
    shape: "WRS|TRS, [S1, S2, S3, S4], TIME, 'IP:PORT/PATH'",
    samples: [
      {
        line: "WRS, [78, -1, -1, -1], 13/10/2017 13:18:48, '206.130.113.68:80/ eicar.com ' de",
        fields: {
          mtype: 'WRS',
          scores: '78, -1, -1, -1',
          time: '13/10/2017 13:18:48',
          quoted: '206.130.113.68:80/ eicar.com ',
          rest: 'de',
        },
      },
      {
        line: "TRS, [28, -1, -1, -1], 2018/10/4 3:2:47, '201.39.159.204:445/'",
        fields: { mtype: 'TRS', quoted: '201.39.159.204:445/', rest: '' },
      },
    ],
  },
];
