/**
 * Log formats are data: a pattern with named groups, what each group holds, and sample
 * lines with the fields they must yield. Tests run every sample and check that no format
 * earlier in the order claims it, so the order goes from specific to generic.
 */
import type { SourceKind } from '../model.js';

/** What a captured field holds; drives how it is read and checked. */
export type FieldKind =
  | 'syslog_time'
  | 'iso_time'
  | 'table_time'
  | 'device_time'
  | 'host'
  | 'message_type'
  | 'payload'
  | 'integer'
  | 'rule_id'
  | 'endpoint'
  | 'address'
  | 'role'
  | 'scores'
  | 'reputation_address'
  | 'text';

/** A sample line and the named fields it must yield (fields not listed are not checked). */
export interface Sample {
  line: string;
  fields: Record<string, string | undefined>;
}

/** A line format: one whole line of a source. */
export interface LineFormat {
  id: string;
  /** The source kind this format points to when it matches. */
  kind: SourceKind;
  title: string;
  /** True when matching lines carry a Trend Micro payload in the `payload` group. */
  trendMicro: boolean;
  pattern: RegExp;
  fields: Record<string, FieldKind>;
  samples: Sample[];
}

/** A payload format: the text after the `[Trend Micro]:` marker. */
export interface PayloadFormat {
  id: 'security_rule' | 'reputation';
  title: string;
  /** Cheap test that the payload is meant to be of this format, even if damaged. */
  lead: RegExp;
  /** Loose pattern: fields are captured as text and checked one by one afterwards. */
  pattern: RegExp;
  fields: Record<string, FieldKind>;
  /** The form the user sees when a payload does not match. */
  shape: string;
  samples: Sample[];
}

/** A column of a table format and the header names (any language, any case) it goes by. */
export interface Column {
  field: string;
  kind: FieldKind;
  names: string[];
}

/** A table format: a header row names the columns; rows are tab or comma separated. */
export interface TableFormat {
  id: string;
  kind: SourceKind;
  title: string;
  columns: Column[];
  /** Fields whose columns must all be in a header for it to be this table's header. */
  required: string[];
  /** Sample rows (without header, in the columns' order) and the fields they must yield. */
  samples: Sample[];
}
