import * as vscode from 'vscode';
import type { Range as LspRange } from 'vscode-languageserver-protocol';
import { ConcernRequest, type ConcernCommandArgs, type ConcernDetails } from '../../../server/src/protocol';
import type { ConcernsContext } from '../context';
import type { ConcernNode } from '../tree/nodes';

/** `concerns.openReference`: the server sends title and uris; the view adds the lines to select. */
export interface OpenReferenceArgs {
  title: string;
  uris: string[];
  /** 1-based, inclusive. */
  lines?: { start: number; end: number };
  /**
   * The reference, when `uris` holds only its first files (the tree's): the command asks the
   * server for all of them. Its place among the concern's references; `title` is its path.
   */
  reference?: ConcernCommandArgs & { index: number };
}

/** The concern as the server has it now (its ranges match the document's current text). */
export async function fetchConcern(ctx: ConcernsContext, arg: unknown): Promise<ConcernDetails | undefined> {
  const args = concernArgsOf(arg);
  if (!args) {
    void vscode.window.showErrorMessage('Concerns: this command needs a concern (run it from the Concerns view, a hover or a quick fix).');
    return undefined;
  }
  const details = await requestConcern(ctx, args);
  if (!details) {
    void vscode.window.showWarningMessage(`Concerns: concern "${args.concernId}" is no longer in ${vscode.workspace.asRelativePath(vscode.Uri.parse(args.documentUri))}.`);
    return undefined;
  }
  return details;
}

/** `concerns/concern`: null when the server is not running or has no such concern. */
async function requestConcern(ctx: ConcernsContext, args: ConcernCommandArgs): Promise<ConcernDetails | null> {
  const client = await ctx.readyClient();
  return client ? client.sendRequest<ConcernDetails | null>(ConcernRequest.method, { documentUri: args.documentUri, concernId: args.concernId }) : null;
}

/**
 * Which concern a command is about: `{ documentUri, concernId }` (from the server's hovers, quick
 * fixes and code lenses, and the view's clicks) or a concern node (the view's context menu).
 */
export function concernArgsOf(arg: unknown): ConcernCommandArgs | undefined {
  const a = arg as Partial<ConcernCommandArgs> | undefined;
  if (typeof a?.documentUri === 'string' && typeof a.concernId === 'string') return { documentUri: a.documentUri, concernId: a.concernId };
  const node = arg as Partial<ConcernNode> | undefined;
  if (node?.kind === 'concern' && node.concern) return { documentUri: node.concern.documentUri, concernId: node.concern.id };
  return undefined;
}

/** Opens a document with `range` selected, scrolled to the middle of the editor. */
export async function showRange(uri: vscode.Uri, range: vscode.Range): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(uri, { selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
  return editor;
}

function asRange(ctx: ConcernsContext, range: LspRange): vscode.Range {
  const client = ctx.languageClient;
  return client ? client.protocol2CodeConverter.asRange(range) : new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** `concerns.openConcern`: the document, with the concern's title selected. */
export async function openConcern(ctx: ConcernsContext, args: unknown): Promise<void> {
  const details = await fetchConcern(ctx, args);
  if (!details) return;
  await showRange(vscode.Uri.parse(details.concern.documentUri), asRange(ctx, details.titleRange));
}

/** `concerns.goToFixApproach`: the document, with the fix field selected (else the title). */
export async function goToFixApproach(ctx: ConcernsContext, args: unknown): Promise<void> {
  const details = await fetchConcern(ctx, args);
  if (!details) return;
  const { concern } = details;
  if (!details.fixRange) void vscode.window.showInformationMessage(`Concerns: "${concern.title}" has no fix approach yet.`);
  await showRange(vscode.Uri.parse(concern.documentUri), asRange(ctx, details.fixRange ?? details.titleRange));
}

/** `concerns.openReference`: the file (a pick when there are several), with the lines selected. */
export async function openReference(ctx: ConcernsContext, args: unknown): Promise<void> {
  const a = args as Partial<OpenReferenceArgs> | undefined;
  const given = Array.isArray(a?.uris) ? a.uris.filter((u): u is string => typeof u === 'string') : [];
  const ref = a?.reference;
  const uris = ref && concernArgsOf(ref) && typeof ref.index === 'number' ? ((await allTargets(ctx, ref, a.title)) ?? given) : given;
  if (uris.length === 0) {
    void vscode.window.showWarningMessage(`Concerns: ${a?.title ?? 'this reference'} matches no file.`);
    return;
  }
  let chosen = uris[0]!;
  if (uris.length > 1) {
    const picked = await vscode.window.showQuickPick(
      uris.map((u) => {
        const uri = vscode.Uri.parse(u);
        const rel = vscode.workspace.asRelativePath(uri);
        return { label: rel.slice(rel.lastIndexOf('/') + 1), description: rel, uri: u };
      }),
      { title: `Open a file matching ${a?.title ?? 'the reference'}`, placeHolder: `${uris.length} files`, matchOnDescription: true },
    );
    if (!picked) return;
    chosen = picked.uri;
  }
  const uri = vscode.Uri.parse(chosen);
  const lines = a?.lines;
  if (!lines) {
    await vscode.window.showTextDocument(uri);
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  await showRange(uri, linesIn(doc, lines));
}

/** 1-based inclusive lines as a range of whole lines of the document, kept inside it. */
export function linesIn(doc: vscode.TextDocument, lines: { start: number; end: number }): vscode.Range {
  const last = Math.min(Math.max(lines.end, lines.start), doc.lineCount) - 1;
  const first = Math.min(Math.max(lines.start - 1, 0), last);
  return new vscode.Range(first, 0, last, doc.lineAt(Math.max(last, 0)).text.length);
}

/** Every file of a reference the tree lists the first files of; undefined when it changed meanwhile. */
async function allTargets(ctx: ConcernsContext, ref: ConcernCommandArgs & { index: number }, path: string | undefined): Promise<string[] | undefined> {
  const details = await requestConcern(ctx, ref);
  const reference = details?.concern.references[ref.index];
  return reference && reference.path === path ? reference.targets : undefined;
}

/** `concerns.openDocument`: the concerns document (of a concern, else pick one). */
export async function openDocument(ctx: ConcernsContext, args: unknown): Promise<void> {
  const concern = concernArgsOf(args);
  if (concern) {
    await vscode.window.showTextDocument(vscode.Uri.parse(concern.documentUri));
    return;
  }
  const docs = ctx.index.documents;
  if (docs.length === 0) {
    const create = 'Create CONCERNS.md';
    const answer = await vscode.window.showInformationMessage('Concerns: no concerns document in this workspace.', create);
    if (answer === create) await vscode.commands.executeCommand('concerns.createDocument');
    return;
  }
  let uri = docs[0]!.uri;
  if (docs.length > 1) {
    const picked = await vscode.window.showQuickPick(
      docs.map((d) => ({ label: d.path, description: d.folderName, detail: `${d.concerns.length} concerns`, uri: d.uri })),
      { title: 'Open a concerns document' },
    );
    if (!picked) return;
    uri = picked.uri;
  }
  await vscode.window.showTextDocument(vscode.Uri.parse(uri));
}
