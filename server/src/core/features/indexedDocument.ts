import type { ResolvedDocument } from '../model';

/** A concerns document as the language service holds it: where it is and what it says. */
export interface IndexedDocument {
  /** The document's URI (opaque to the core). */
  uri: string;
  /** Workspace-relative path of the document. */
  path: string;
  /** The URI of the workspace folder its references are relative to (opaque to the core). */
  folderUri: string;
  /** Workspace-relative directory of the project the document belongs to ('' = folder root). */
  root: string;
  model: ResolvedDocument;
}
