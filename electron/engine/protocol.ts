/** Messages between the engine's worker thread and the process that hosts it. */
import type { Channel } from '../../shared/api/contract.js';
import type { Notification } from '../../shared/api/types.js';

/** What the host asks the worker. */
export type ToWorker =
  | { kind: 'call'; id: number; channel: Channel; request: unknown }
  | { kind: 'watch'; id: number; path: string; poll: boolean }
  | { kind: 'load'; id: number; paths: string[] }
  | { kind: 'save-session'; id: number }
  | { kind: 'open-session'; id: number; bytes: Uint8Array }
  | { kind: 'export'; id: number; format: 'csv' | 'ndjson' | 'sqlite'; out: string }
  | { kind: 'close'; id: number };

/** What the worker answers or pushes. */
export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; message: string }
  | { kind: 'notify'; notification: Notification };

/** What the worker is started with. */
export interface WorkerData {
  poll?: boolean;
  settleMs?: number;
  notifyMs?: number;
  sqlTimeoutMs?: number;
}
