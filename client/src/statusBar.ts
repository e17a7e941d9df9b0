import * as vscode from 'vscode';
import type { OnlyActiveFileArgs } from './commands/viewOptions';
import type { ConcernsIndex } from './concernsIndex';
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
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly index: ConcernsIndex) {
    this.item = vscode.window.createStatusBarItem('concerns.activeFile', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Concerns in the active file';
    this.disposables.push(
      this.item,
      index.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('concerns.severity')) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const counts = uri ? this.countsFor(uri.toString()) : undefined;
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

  /** Open concerns naming the file, by level (each concern once). */
  private countsFor(uri: string): Map<Level, number> {
    const counts = new Map<Level, number>();
    for (const doc of this.index.documents) {
      for (const c of doc.concerns) {
        if (c.resolved || !c.references.some((r) => r.targets.includes(uri))) continue;
        const level = levelOf(c, doc.folderUri);
        counts.set(level, (counts.get(level) ?? 0) + 1);
      }
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
