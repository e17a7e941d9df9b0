import * as vscode from 'vscode';

export type GroupBy = 'category' | 'file' | 'severity';

/**
 * What the user chose for the Concerns view: grouping, resolved shown or hidden, a text filter,
 * only the active file, only concerns whose code changed since the analysis. Each choice is mirrored in a context key so the view's title bar shows
 * the right buttons; the grouping and the resolved toggle outlive the session (workspace state).
 */
export class ViewState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  private groupByValue: GroupBy;
  private showResolvedValue: boolean;
  private filterValue = '';
  private onlyActiveFileValue = false;
  private onlyChangedValue = false;
  /** The file the "only active file" filter follows: the last editor that showed a file. */
  private activeFileValue: vscode.Uri | undefined;

  constructor(private readonly memento: vscode.Memento) {
    this.groupByValue = memento.get<GroupBy>('concerns.groupBy', 'category');
    // `concerns.showResolved` is a resource setting: read for the first folder (asking without a
    // resource logs a warning in the extension host at every activation).
    const scope = vscode.workspace.workspaceFolders?.[0]?.uri ?? null;
    this.showResolvedValue = memento.get<boolean>('concerns.showResolved') ?? vscode.workspace.getConfiguration('concerns', scope).get<boolean>('showResolved', false);
    this.activeFileValue = fileOf(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const uri = fileOf(editor);
        // Focus moving to a panel or an output leaves the filter on the last file.
        if (!uri || uri.toString() === this.activeFileValue?.toString()) return;
        this.activeFileValue = uri;
        if (this.onlyActiveFileValue) this.changed.fire();
      }),
    );
    void this.syncContext();
  }

  get groupBy(): GroupBy {
    return this.groupByValue;
  }
  get showResolved(): boolean {
    return this.showResolvedValue;
  }
  get filter(): string {
    return this.filterValue;
  }
  get onlyActiveFile(): boolean {
    return this.onlyActiveFileValue;
  }
  /** Only concerns whose code changed (or is gone) since the analysis: drift `changed` / `gone`. */
  get onlyChanged(): boolean {
    return this.onlyChangedValue;
  }
  get activeFile(): vscode.Uri | undefined {
    return this.activeFileValue;
  }

  async setGroupBy(value: GroupBy): Promise<void> {
    this.groupByValue = value;
    await this.memento.update('concerns.groupBy', value);
    await this.update();
  }

  async setShowResolved(value: boolean): Promise<void> {
    this.showResolvedValue = value;
    await this.memento.update('concerns.showResolved', value);
    await this.update();
  }

  async setFilter(text: string): Promise<void> {
    this.filterValue = text.trim();
    await this.update();
  }

  /** Turns the only-active-file filter on or off; `file` pins it to that file (the status bar's). */
  async setOnlyActiveFile(on: boolean, file?: vscode.Uri): Promise<void> {
    this.onlyActiveFileValue = on;
    if (file) this.activeFileValue = file;
    await this.update();
  }

  async setOnlyChanged(on: boolean): Promise<void> {
    this.onlyChangedValue = on;
    await this.update();
  }

  private async update(): Promise<void> {
    await this.syncContext();
    this.changed.fire();
  }

  private async syncContext(): Promise<void> {
    await Promise.all([
      vscode.commands.executeCommand('setContext', 'concerns.groupBy', this.groupByValue),
      vscode.commands.executeCommand('setContext', 'concerns.showResolved', this.showResolvedValue),
      vscode.commands.executeCommand('setContext', 'concerns.textFiltered', this.filterValue !== ''),
      vscode.commands.executeCommand('setContext', 'concerns.onlyActiveFile', this.onlyActiveFileValue),
      vscode.commands.executeCommand('setContext', 'concerns.onlyChanged', this.onlyChangedValue),
    ]);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function fileOf(editor: vscode.TextEditor | undefined): vscode.Uri | undefined {
  const uri = editor?.document.uri;
  return uri && uri.scheme === 'file' ? uri : undefined;
}
