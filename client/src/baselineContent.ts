import * as vscode from 'vscode';
import { BaselineTextRequest, type BaselineText, type BaselineTextFound, type ReferenceParams } from '../../server/src/protocol';

/** The scheme of the read-only documents holding a file as it was at the analysis. */
export const BASELINE_SCHEME = 'concerns-baseline';

/** What the URI's query names: the reference, and the commit its text was read at. */
interface BaselineQuery extends ReferenceParams {
  baseline: string;
}

/** Asks the server (undefined when it is not running). */
export type BaselineFetcher = (params: ReferenceParams) => Promise<BaselineText | undefined>;

/** Texts kept for documents of the scheme, at most this many (each closed one is forgotten). */
const KEPT_TEXTS = 20;

/**
 * Serves `concerns-baseline:` documents: a referenced file's text at the commit its lines were
 * written against, as the server read it with git. The URI's path is the file's (so the editor
 * picks its language) and its query names the reference and the commit. The command fetches the
 * text first (to say why when it cannot) and hands it over; a document opened again later (a
 * restored editor) is asked of the server again. Documents of a content provider are read-only.
 */
export class BaselineContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly closing: vscode.Disposable;

  constructor(private readonly fetch: BaselineFetcher) {
    this.closing = vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === BASELINE_SCHEME) this.texts.delete(doc.uri.toString());
    });
  }

  /** The URI of a fetched baseline, its text kept for the editor to open. */
  add(params: ReferenceParams, found: BaselineTextFound): vscode.Uri {
    const query: BaselineQuery = { documentUri: params.documentUri, concernId: params.concernId, index: params.index, baseline: found.baseline };
    const uri = vscode.Uri.from({ scheme: BASELINE_SCHEME, path: `/${found.path}`, query: JSON.stringify(query) });
    const key = uri.toString();
    this.texts.delete(key);
    this.texts.set(key, found.text);
    for (const old of this.texts.keys()) {
      if (this.texts.size <= KEPT_TEXTS) break;
      this.texts.delete(old);
    }
    return uri;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const kept = this.texts.get(uri.toString());
    if (kept !== undefined) return kept;
    const query = parseQuery(uri.query);
    if (!query) throw new Error(`Concerns: ${uri.toString()} names no reference.`);
    const answer = await this.fetch(query);
    if (!answer) throw new Error('Concerns: the language server is not running.');
    if ('error' in answer) throw new Error(`Concerns: ${answer.error}`);
    // The reference was followed again since (a new commit, an edited document): not this text.
    if (answer.baseline !== query.baseline) throw new Error(`Concerns: this reference is now written against ${answer.baseline.slice(0, 7)}, not ${query.baseline.slice(0, 7)}: show its changes again.`);
    this.texts.set(uri.toString(), answer.text);
    return answer.text;
  }

  dispose(): void {
    this.closing.dispose();
    this.texts.clear();
  }
}

function parseQuery(query: string): BaselineQuery | undefined {
  try {
    const q = JSON.parse(query) as Partial<BaselineQuery>;
    if (typeof q.documentUri === 'string' && typeof q.concernId === 'string' && typeof q.index === 'number' && typeof q.baseline === 'string') {
      return { documentUri: q.documentUri, concernId: q.concernId, index: q.index, baseline: q.baseline };
    }
  } catch {
    /* not ours */
  }
  return undefined;
}

/** `concerns/baselineText` through a running language client. */
export function baselineFetcher(client: () => Promise<{ sendRequest<R>(method: string, params: unknown): Promise<R> } | undefined>): BaselineFetcher {
  return async (params) => {
    const c = await client();
    return c ? c.sendRequest<BaselineText>(BaselineTextRequest.method, params) : undefined;
  };
}
