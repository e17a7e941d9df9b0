import type { Concern } from './core/model';
import { parseConcernsDocument } from './core/parse/document';
import type { ConcernsService } from './concernsService';
import type { OpenDocuments } from './openDocuments';

/**
 * The text an edit to a concerns document is computed on, with the version that names that very
 * text: both read at once, from the same editor document (or from disk, version null). An edit's
 * positions must come from this text, never from a model of an older one: stamped with the new
 * version, an edit at old positions is accepted by the editor and lands in what was just typed.
 */
export interface EditBase {
  uri: string;
  text: string;
  version: number | null;
}

export function editBase(service: ConcernsService, documents: OpenDocuments, uri: string): EditBase | undefined {
  const open = documents.get(uri);
  if (open) return { uri, text: open.getText(), version: open.version };
  const text = service.textOf(uri);
  return text === undefined ? undefined : { uri, text, version: null };
}

/** Whether the indexed model of the document was computed from this text (its positions are in it). */
export function isIndexedText(service: ConcernsService, base: EditBase): boolean {
  return service.indexedText(base.uri) === base.text;
}

/**
 * The concern as it stands in `base.text`: the indexed one when the model is of that text, else
 * the document parsed as it is now (the parser's caches make that the cost of a keystroke).
 * Undefined when the concern is not there any more.
 */
export function concernIn(service: ConcernsService, base: EditBase, concernId: string): Concern | undefined {
  if (isIndexedText(service, base)) return service.indexedDocument(base.uri)?.model.concerns.find((c) => c.id === concernId);
  return parseConcernsDocument(base.text).concerns.find((c) => c.id === concernId);
}
