import * as vscode from 'vscode';
import type { OnlyActiveFileArgs } from './commands/viewOptions';
import type { ConcernsIndex } from './concernsIndex';
import type { ConcernFiles } from './tree/nodes';
import { LEVELS, levelCount, levelOf, plural, type Level } from './levels';

/**
 * `$(eye) 3 concerns` in the status bar: the open concerns that name the active file, with a
 * tooltip by severity. Hidden when none does (or no file is active). Clicking it shows them in
 * the Concerns view.
 */
export class ConcernsStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** Whether the item is showing (StatusBarItem cannot say). */
  visible = false;
  private readonly updated = new vscode.EventEmitter<void>();
  /** Fires after every update of the item (which waits for the server's answer). */
  readonly onDidUpdate = this.updated.event;
  /** Bumped by every update: an answer for an older one is dropped. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [this.updated];

  constructor(private readonly index: ConcernsIndex) {
    this.item = vscode.window.createStatusBarItem('concerns.activeFile', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Concerns in the active file';
    this.disposables.push(
      this.item,
      index.onDidChange(() => void this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('concerns.severity')) void this.update();
      }),
    );
    void this.update();
  }

  /** Shows the active file's open concerns, as the server's index has them (asked once per version). */
  async update(): Promise<void> {
    const generation = ++this.generation;
    const uri = vscode.window.activeTextEditor?.document.uri;
    const files = uri ? await this.index.filesOf(uri.toString()) : undefined;
    if (generation !== this.generation) return;
    this.show(uri, files);
    this.updated.fire();
  }

  private show(uri: vscode.Uri | undefined, files: ConcernFiles | undefined): void {
    const counts = uri && files ? this.countsOf(files) : undefined;
    const total = counts ? [...counts.values()].reduce((a, b) => a + b, 0) : 0;
    if (!uri || !counts || total === 0) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const worst = LEVELS.find((l) => (counts.get(l) ?? 0) > 0) ?? 'information';
    this.item.text = `$(eye) ${plural(total, 'concern')}`;
    this.item.backgroundColor = undefined;
    this.item.color = worst === 'error' ? new vscode.ThemeColor('statusBarItem.errorForeground') : undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${plural(total, 'open concern')}** name ${escape(vscode.workspace.asRelativePath(uri))}\n\n`);
    md.appendMarkdown(
      LEVELS.filter((l) => (counts.get(l) ?? 0) > 0)
        .map((l) => `- ${levelCount(l, counts.get(l) ?? 0)}`)
        .join('\n'),
    );
    md.appendMarkdown('\n\nClick to show them in the Concerns view.');
    this.item.tooltip = md;
    const args: OnlyActiveFileArgs = { enable: true, uri: uri.toString(), focus: true };
    this.item.command = { title: 'Show in Concerns view', command: 'concerns.onlyActiveFile', arguments: [args] };
    this.item.accessibilityInformation = { label: `${plural(total, 'concern')} name this file`, role: 'button' };
    this.item.show();
    this.visible = true;
  }

  /** Open concerns naming the file (the concerns `files` has), by level. */
  private countsOf(files: ConcernFiles): Map<Level, number> {
    const counts = new Map<Level, number>();
    for (const key of files.keys()) {
      const found = this.index.lookup(key);
      if (!found || found.concern.resolved) continue;
      const level = levelOf(found.concern, found.document.folderUri);
      counts.set(level, (counts.get(level) ?? 0) + 1);
    }
    return counts;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}
