import * as vscode from 'vscode';
import type { ConcernsIndex } from '../concernsIndex';
import { levelOf } from '../levels';
import { buildTree, filesNeeded, type BuildOptions, type BuiltTree, type Node } from './nodes';
import { treeItem } from './items';
import type { ViewState } from './viewState';

/**
 * The Concerns view's data: the server's tree (via ConcernsIndex) shaped by the user's choices
 * (ViewState). Rebuilt whenever either changes; items keep stable ids, so what the user expanded
 * stays expanded.
 */
export class ConcernsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private built: BuiltTree;
  /** Bumped by every rebuild: an answer from the server for an older one is dropped. */
  private generation = 0;
  private building: Promise<void> = Promise.resolve();

  constructor(
    private readonly index: ConcernsIndex,
    private readonly state: ViewState,
  ) {
    this.built = buildTree(index.tree, this.options());
    this.rebuild();
    this.disposables.push(
      index.onDidChange(() => this.rebuild()),
      state.onDidChange(() => this.rebuild()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('concerns.severity')) this.rebuild();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()),
    );
  }

  /** The last build: roots, counts, and the nodes of each concern. */
  get tree(): BuiltTree {
    return this.built;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return treeItem(node);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.built.roots;
    return node.kind === 'reference' ? [] : node.children;
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  /**
   * Builds the nodes again: at once when the files concerns name are not needed or already here
   * (grouping by file, only the active file), else once the server has said.
   */
  rebuild(): void {
    const generation = ++this.generation;
    const options = this.options();
    const needed = filesNeeded(options);
    const files = needed && this.index.filesNow(needed.uri);
    if (!needed || files) {
      this.show({ ...options, files });
      return;
    }
    this.building = this.index.filesOf(needed.uri).then((answer) => {
      if (generation === this.generation) this.show({ ...options, files: answer });
    });
  }

  /** Settles once the last rebuild is shown. */
  settled(): Promise<void> {
    return this.building;
  }

  private show(options: BuildOptions): void {
    this.built = buildTree(this.index.tree, options);
    this.changed.fire();
  }

  private options(): BuildOptions {
    return {
      groupBy: this.state.groupBy,
      showResolved: this.state.showResolved,
      filter: this.state.filter,
      onlyFile: this.state.onlyActiveFile ? (this.state.activeFile?.toString() ?? '') : undefined,
      onlyChanged: this.state.onlyChanged,
      multiRoot: (vscode.workspace.workspaceFolders?.length ?? 0) > 1,
      levelOf,
    };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
