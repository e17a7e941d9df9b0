import * as vscode from 'vscode';
import type { ConcernsIndex } from '../concernsIndex';
import { levelOf } from '../levels';
import { buildTree, type BuiltTree, type Node } from './nodes';
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

  constructor(
    private readonly index: ConcernsIndex,
    private readonly state: ViewState,
  ) {
    this.built = this.build();
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

  rebuild(): void {
    this.built = this.build();
    this.changed.fire();
  }

  private build(): BuiltTree {
    return buildTree(this.index.tree, {
      groupBy: this.state.groupBy,
      showResolved: this.state.showResolved,
      filter: this.state.filter,
      onlyFile: this.state.onlyActiveFile ? (this.state.activeFile?.toString() ?? '') : undefined,
      onlyChanged: this.state.onlyChanged,
      multiRoot: (vscode.workspace.workspaceFolders?.length ?? 0) > 1,
      levelOf,
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
