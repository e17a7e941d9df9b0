import * as path from 'node:path';
import type { Runtime } from '../runtime';
import { discoverDocuments, readDocumentText } from './discovery';
import { FsWorkspace } from './fsWorkspace';
import { readLines } from './lineReader';
import { readCodeText } from './workspaceFile';
import { HeapKeeper } from './heapKeeper';
import { BUILT_PARSER_ID, FileParseStore } from './parseStore';

/** Made on the first pass: only a server collects (the command line exits instead). */
let heap: HeapKeeper | undefined;

/** The server's access to the machine: the file system, and git when the workspace is trusted. */
export const nodeRuntime: Runtime = {
  createWorkspace: (root, allowProcesses, log) => new FsWorkspace(root, allowProcesses, log),
  discoverDocuments,
  readTextFile: readDocumentText,
  readLines,
  readCodeFile: readCodeText,
  afterWork: () => void (heap ??= new HeapKeeper()).afterWork(),
  // Only a bundle knows which parser it holds (run from source, a stale entry could not be told apart).
  openParseStore: (storageDir, log) => (BUILT_PARSER_ID === undefined ? undefined : new FileParseStore(path.join(storageDir, 'parse-cache'), BUILT_PARSER_ID, log)),
};
