import type { FsWorkspace } from './node/fsWorkspace';
import type { FoundDocument } from './node/discovery';
import type { ParseStore } from './parseStore';
import type { CodeFileText } from './node/workspaceFile';

/**
 * What the server needs from its host. The node runtime provides it with the file system;
 * tests may provide another. Kept small so the server logic stays independent of `fs`.
 */
export interface Runtime {
  createWorkspace(root: string, allowProcesses: boolean, log: (message: string) => void): FsWorkspace;
  discoverDocuments(workspace: FsWorkspace, globs: readonly string[]): FoundDocument[];
  /** A concerns document's text (up to the parser's cap), read inside the folder `root` only. */
  readTextFile(root: string, absPath: string): string | undefined;
  /** A code file's text for drift, inside `root` only: its text, or why it cannot be followed. */
  readCodeFile(root: string, absPath: string): CodeFileText;
  /** Lines [start, end] of a file for a preview; undefined for binaries and unreadable files. */
  readLines(root: string, absPath: string, start: number, end: number): string[] | undefined;
  /**
   * Parsed documents kept in `storageDir` (a folder the editor gives the extension for its own
   * use) between runs; undefined when this runtime keeps none.
   */
  openParseStore?(storageDir: string, log: (message: string) => void): ParseStore | undefined;
  /** Called after each index pass: the host may give memory back (see node/heapKeeper.ts). */
  afterWork?(): void;
}
