import * as vscode from 'vscode';
import type { ConcernsIndex } from '../concernsIndex';
import { plural } from '../levels';
import { concernKey, type ConcernNode, type Node } from './nodes';
import { ConcernsTreeProvider } from './provider';
import { revealUntilSelected } from './revealRetry';
import type { ViewState } from './viewState';

export const VIEW_ID = 'concerns.view';

/** How often a reveal is tried, and how long each waits for the selection to show. */
const REVEAL_ATTEMPTS = 4;
const SELECTION_WAIT_MS = 2000;

/**
 * The Concerns view itself: its TreeView with the badge (open concerns), the description (grouping
 * and what is hidden), the message (filters, empty states) and the `concerns.documentCount`
 * context key the welcome content waits on.
 */
export class ConcernsTree implements vscode.Disposable {
  readonly provider: ConcernsTreeProvider;
  readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly index: ConcernsIndex,
    readonly state: ViewState,
  ) {
    this.provider = new ConcernsTreeProvider(index, state);
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.push(this.provider, this.view, this.provider.onDidChangeTreeData(() => void this.decorate()));
    void this.decorate();
  }

  /** Reveals and selects a concern; a filter that hides it is lifted first. */
  async reveal(documentUri: string, concernId: string, options: { focus?: boolean } = {}): Promise<boolean> {
    const key = concernKey(vscode.Uri.parse(documentUri).toString(), concernId);
    await this.provider.settled();
    let node = this.nodeOf(key);
    if (!node) {
      if (!this.index.ready) await this.index.refresh();
      await this.provider.settled();
      node = this.nodeOf(key);
    }
    if (!node) {
      const concern = this.index.concern(vscode.Uri.parse(documentUri).toString(), concernId);
      if (!concern) return false;
      if (concern.resolved && !this.state.showResolved) await this.state.setShowResolved(true);
      if (this.state.filter) await this.state.setFilter('');
      if (this.state.onlyActiveFile) await this.state.setOnlyActiveFile(false);
      if (this.state.onlyChanged) await this.state.setOnlyChanged(false);
      await this.provider.settled();
      node = this.nodeOf(key);
      if (!node) return false;
    }
    await revealUntilSelected(node, {
      reveal: (n) => this.view.reveal(n, { select: true, focus: options.focus ?? true, expand: false }),
      holds: () => this.selectionHolds(key, SELECTION_WAIT_MS),
      current: async () => {
        await this.provider.settled();
        return this.nodeOf(key);
      },
    }, REVEAL_ATTEMPTS, SELECTION_WAIT_MS);
    // The concern is in the view: a selection a later refresh dropped is no failure of the reveal.
    return true;
  }

  /** Whether the view's selection is (or, within `ms`, becomes) the concern of `key`. */
  private selectionHolds(key: string, ms: number): Promise<boolean> {
    const holds = (): boolean =>
      this.view.selection.some((n) => n.kind === 'concern' && concernKey(n.concern.documentUri, n.concern.id) === key);
    if (holds()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean): void => {
        clearTimeout(timer);
        listener.dispose();
        resolve(value);
      };
      const listener = this.view.onDidChangeSelection(() => {
        if (holds()) done(true);
      });
      const timer = setTimeout(() => done(holds()), ms);
    });
  }

  private nodeOf(key: string): ConcernNode | undefined {
    const nodes = this.provider.tree.concerns.get(key);
    if (!nodes || nodes.length === 0) return undefined;
    // By file: prefer the node under the active file.
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    return nodes.find((n) => n.parent.fileUri === active) ?? nodes[0];
  }

  private async decorate(): Promise<void> {
    const tree = this.provider.tree;
    const open = this.index.openConcernCount();
    this.view.badge = open > 0 ? { value: open, tooltip: `${plural(open, 'open concern')}` } : undefined;

    const hidden: string[] = [`by ${this.state.groupBy}`];
    if (tree.hiddenResolved > 0) hidden.push(`${tree.hiddenResolved} resolved hidden`);
    this.view.description = hidden.join(' · ');

    this.view.message = this.message();
    if (!this.index.ready) return;
    // The title bar shows an action only where it applies (package.json's `when` clauses).
    const documents = this.index.documents;
    await Promise.all([
      vscode.commands.executeCommand('setContext', 'concerns.documentCount', documents.length),
      vscode.commands.executeCommand('setContext', 'concerns.hasDrift', this.driftKnown()),
      vscode.commands.executeCommand('setContext', 'concerns.hasResolved', documents.some((d) => d.concerns.some((c) => c.resolved))),
    ]);
  }

  private message(): string | undefined {
    const tree = this.provider.tree;
    const parts: string[] = [];
    if (this.state.onlyActiveFile) {
      const file = this.state.activeFile;
      parts.push(file ? `Only concerns touching ${vscode.workspace.asRelativePath(file)}` : 'Only concerns touching the active file (none open)');
    }
    if (this.state.onlyChanged) parts.push('Only concerns whose code changed since the analysis');
    if (this.state.filter) parts.push(`Filter: “${this.state.filter}”`);
    if (parts.length > 0) {
      if (tree.shown === 0) parts.push(this.state.onlyChanged && !this.driftKnown() ? 'drift unknown here (no git history, or an untrusted workspace)' : 'no concern matches');
      else if (tree.filteredOut > 0) parts.push(`${tree.filteredOut} more hidden`);
      return parts.join(' · ');
    }
    if (!this.index.ready || this.index.documents.length === 0) return undefined;
    if (tree.shown === 0) {
      return tree.hiddenResolved > 0 ? `Every concern is resolved (${tree.hiddenResolved} hidden).` : 'The concerns document lists no concern yet.';
    }
    return undefined;
  }

  /** True when the server followed any reference through git (some concern has a drift state). */
  private driftKnown(): boolean {
    return this.index.documents.some((d) => d.concerns.some((c) => c.driftState !== undefined));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
