/**
 * Custom requests and notifications, declared once for client and server (and tests).
 * Only types from vscode-languageserver-protocol are used, so both sides can import this file.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** What the client tells the server when it starts it. */
export interface InitializationOptions {
  /** Workspace trust: in an untrusted workspace the server starts no process at all. */
  trusted: boolean;
}

export interface IndexSummaryDocument {
  uri: string;
  path: string;
  folderUri: string;
  concerns: number;
  references: number;
  problems: number;
}

export interface IndexSummary {
  documents: IndexSummaryDocument[];
  /** Monotonic: bumps on every re-index, so clients can tell a fresh answer from a stale one. */
  version: number;
}

export const IndexSummaryRequest = {
  method: 'concerns/indexSummary',
  type: new RequestType<void, IndexSummary, void>('concerns/indexSummary'),
} as const;

/** Sent after every re-index that changed anything. */
export const IndexChangedNotification = {
  method: 'concerns/indexChanged',
  type: new NotificationType<{ version: number }>('concerns/indexChanged'),
} as const;
