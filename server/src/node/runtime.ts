import type { Runtime } from '../runtime';
import { discoverDocuments, readDocumentText } from './discovery';
import { FsWorkspace } from './fsWorkspace';
import { readLines } from './lineReader';

/** The server's access to the machine: the file system, and git when the workspace is trusted. */
export const nodeRuntime: Runtime = {
  createWorkspace: (root, allowProcesses, log) => new FsWorkspace(root, allowProcesses, log),
  discoverDocuments,
  readTextFile: readDocumentText,
  readLines,
};
