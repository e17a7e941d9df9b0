import * as vscode from 'vscode';
import { Commands, type ConcernCommandArgs, type TreeReference } from '../../../server/src/protocol';
import { LEVEL_TITLES, levelIcon, plural } from '../levels';
import type { OpenReferenceArgs } from '../commands/open';
import type { ConcernNode, DocumentNode, FolderNode, GroupNode, Node, ReferenceNode } from './nodes';

/** Reference statuses that mean the reference points at nothing usable. */
const PROBLEMS: Record<string, string> = {
  missing: 'missing',
  'out-of-range': 'out of range',
  'no-match': 'no match',
  'outside-workspace': 'outside the workspace',
};

/** How each node looks in the Concerns view. */
export function treeItem(node: Node): vscode.TreeItem {
  switch (node.kind) {
    case 'folder':
      return folderItem(node);
    case 'document':
      return documentItem(node);
    case 'group':
      return groupItem(node);
    case 'concern':
      return concernItem(node);
    case 'reference':
      return referenceItem(node);
  }
}

function folderItem(node: FolderNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('root-folder');
  item.description = plural(node.concernCount, 'concern');
  item.contextValue = 'folder';
  return item;
}

function documentItem(node: DocumentNode): vscode.TreeItem {
  const { document } = node;
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('book');
  item.description = plural(node.concernCount, 'concern');
  item.tooltip = `${document.path}${document.analysisDate ? ` (analysed ${document.analysisDate})` : ''}: ${plural(node.concernCount, 'concern')} shown`;
  item.contextValue = 'document';
  item.resourceUri = undefined;
  return item;
}

function groupItem(node: GroupNode): vscode.TreeItem {
  const count = plural(node.children.length, 'concern');
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.contextValue = `group.${node.by}`;
  if (node.by === 'file') {
    if (node.fileUri) {
      const uri = vscode.Uri.parse(node.fileUri);
      item.resourceUri = uri;
      item.iconPath = vscode.ThemeIcon.File;
      const dir = node.filePath?.includes('/') ? node.filePath.slice(0, node.filePath.lastIndexOf('/')) : '';
      item.description = dir ? `${dir} · ${count}` : count;
      item.tooltip = `${node.filePath ?? uri.fsPath}: ${count}`;
      item.command = { title: 'Open file', command: 'vscode.open', arguments: [uri] };
    } else {
      item.iconPath = new vscode.ThemeIcon('question');
      item.description = count;
      item.tooltip = 'Concerns whose references name no file that exists';
    }
  } else if (node.by === 'severity' && node.level) {
    item.label = LEVEL_TITLES[node.level];
    item.iconPath = levelIcon(node.level);
    item.description = count;
  } else {
    item.iconPath = new vscode.ThemeIcon('tag');
    item.description = count;
  }
  return item;
}

function concernItem(node: ConcernNode): vscode.TreeItem {
  const { concern } = node;
  const collapsible = node.children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(plainTitle(concern.title), collapsible);
  item.id = node.id;
  // `.changes`: some reference's code moved, changed or went since a known commit (Show changes).
  item.contextValue = `${concern.resolved ? 'concern.resolved' : 'concern'}${concern.references.some((r) => r.showChanges) ? '.changes' : ''}`;
  item.iconPath = concern.resolved ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('disabledForeground')) : levelIcon(node.level);
  item.description = concernDescription(node);
  item.tooltip = concernTooltip(node);
  const args: ConcernCommandArgs = { documentUri: concern.documentUri, concernId: concern.id };
  item.command = { title: 'Open concern', command: Commands.openConcern, arguments: [args] };
  item.accessibilityInformation = { label: [plainTitle(concern.title), concern.category, concern.resolved ? 'resolved' : ''].filter(Boolean).join(', '), role: 'treeitem' };
  return item;
}

/**
 * Short enough for the default sidebar width after a title: the drift badge first (what changed
 * matters most), then where (lines, or how many files), then broken references, then the severity
 * and category when the grouping does not say them. The tooltip has the rest.
 */
function concernDescription(node: ConcernNode): string {
  const { concern } = node;
  const parts: string[] = [];
  const badge = concern.driftState ? DRIFT_BADGES[concern.driftState] : undefined;
  if (badge) parts.push(badge);
  if (concern.resolved) parts.push('resolved');
  if (node.lines) parts.push(shortLines(node.lines) || 'whole file');
  else {
    const files = concern.fileCount;
    parts.push(files > 0 ? plural(files, 'file') : concern.references.length > 0 ? 'no file found' : 'no files');
  }
  const problems = concern.references.filter((r) => PROBLEMS[r.status]).length;
  if (problems > 0) parts.push(`${problems} broken`);
  if (concern.severity && node.parent.by !== 'severity') parts.push(capitalise(concern.severity));
  if (node.parent.by !== 'category' && concern.category) parts.push(concern.category);
  return parts.join(' · ');
}

/** A concern's drift in a word, with a sign that reads without colour: changed and gone are worth a look. */
const DRIFT_BADGES: Partial<Record<NonNullable<ConcernNode['concern']['driftState']>, string>> = {
  moved: '↕ moved',
  changed: '✎ changed',
  gone: '✕ gone',
};

/** `L36-40`, `L3, L9`: lines in the fewest characters. */
function shortLines(ranges: readonly { start: number; end: number }[]): string {
  return ranges.map((r) => (r.start === r.end ? `L${r.start}` : `L${r.start}-${r.end}`)).join(', ');
}

function concernTooltip(node: ConcernNode): vscode.MarkdownString {
  const { concern } = node;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(plainTitle(concern.title))}**${concern.resolved ? ' _(resolved)_' : ''}\n\n`);
  const meta = [concern.category, concern.group, concern.severity ? capitalise(concern.severity) : undefined].filter(Boolean).map((s) => escape(String(s)));
  md.appendMarkdown(`$(${concern.resolved ? 'pass' : iconName(node)}) ${meta.join(' · ')}\n\n`);
  if (concern.summary) md.appendMarkdown(`${escape(concern.summary)}\n\n`);
  const refs = concern.references.map((r) => {
    const note = PROBLEMS[r.status] ?? driftText(r);
    return `- \`${r.text.replace(/`/g, '')}\`${note ? ` — ${escape(note)}` : ''}`;
  });
  if (refs.length > 0) md.appendMarkdown(`${refs.join('\n')}\n\n`);
  md.appendMarkdown(`_${escape(node.document.path)}_`);
  return md;
}

function iconName(node: ConcernNode): string {
  const icon = levelIcon(node.level);
  return icon.id;
}

function referenceItem(node: ReferenceNode): vscode.TreeItem {
  const ref = node.reference;
  const item = new vscode.TreeItem(ref.path || ref.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = `reference.${ref.kind}${ref.showChanges ? '.changes' : ''}`;
  const problem = PROBLEMS[ref.status];
  const first = ref.targets[0];
  const drift = DRIFT_ICONS[ref.state ?? 'unknown'];
  if (problem) {
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  } else if (drift) {
    const target = ref.currentTarget ?? first;
    if (target) item.resourceUri = vscode.Uri.parse(target);
    item.iconPath = drift;
  } else if (ref.kind === 'file' && first) {
    item.resourceUri = vscode.Uri.parse(first);
    item.iconPath = vscode.ThemeIcon.File;
  } else if (ref.kind === 'directory') {
    item.iconPath = vscode.ThemeIcon.Folder;
  } else {
    item.iconPath = new vscode.ThemeIcon('files');
  }
  item.description = referenceDescription(ref, problem);
  item.tooltip = referenceTooltip(ref, problem);
  item.command = referenceCommand(node);
  return item;
}

function referenceDescription(ref: TreeReference, problem: string | undefined): string {
  const parts: string[] = [];
  const lines = linesText(ref.ranges);
  if (lines) parts.push(lines);
  if (ref.kind !== 'file' || ref.targetCount > 1) parts.push(plural(ref.targetCount, 'match', 'matches'));
  if (problem) parts.push(problem);
  else if (ref.status === 'ambiguous' || ref.status === 'proposed') parts.push(ref.status);
  const drift = driftText(ref);
  if (drift && !problem) parts.push(drift);
  return parts.join(' · ');
}

const DRIFT_ICONS: Partial<Record<NonNullable<TreeReference['state']>, vscode.ThemeIcon>> = {
  moved: new vscode.ThemeIcon('arrow-right', new vscode.ThemeColor('charts.blue')),
  changed: new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('list.warningForeground')),
  gone: new vscode.ThemeIcon('trash', new vscode.ThemeColor('list.errorForeground')),
};

/** Where the referenced code is now, when it drifted: `moved → lines 90-105`, `changed`, `gone` (the tooltip says more). */
export function driftText(ref: TreeReference): string | undefined {
  const where = (): string => {
    const lines = linesText(ref.currentRanges ?? []);
    const renamed = ref.currentPath !== undefined && ref.currentPath !== ref.path && !ref.currentPath.endsWith(`/${ref.path}`);
    return [renamed ? ref.currentPath : '', lines].filter(Boolean).join(' ');
  };
  switch (ref.state) {
    case 'moved': {
      const now = where();
      return now ? `moved → ${now}` : 'moved';
    }
    case 'changed': {
      // Edited past recognition: it stands on the file as a whole, no lines to show.
      if (ref.driftNote) return `changed since analysis: ${ref.driftNote}`;
      const now = where();
      const written = linesText(ref.ranges);
      return now && now !== written ? `changed → ${now}` : 'changed';
    }
    case 'gone':
      return 'gone';
    case 'unknown':
      return ref.driftNote ? `drift unknown: ${ref.driftNote}` : undefined;
    default:
      return undefined;
  }
}

function referenceTooltip(ref: TreeReference, problem: string | undefined): string {
  const lines = [ref.text];
  if (problem) lines.push(`This reference is ${problem}.`);
  else if (ref.state === 'moved') lines.push(`The code moved since the analysis: now ${referenceWhere(ref)}. Click to open it there.`);
  else if (ref.state === 'changed') lines.push(`The code changed since the analysis (now ${referenceWhere(ref)}): the concern may have been dealt with. Click to review it.`);
  else if (ref.state === 'gone') lines.push('The code is gone since the analysis (the file or the lines were deleted).');
  else if (ref.state === 'unknown' && ref.driftNote) lines.push(`Where the code is now is unknown: ${ref.driftNote}. The lines are shown as written.`);
  if (ref.targetCount > 1) lines.push(`${ref.targetCount} files: click to pick one.`);
  return lines.join('\n');
}

/** Opens the file with the referenced lines selected; several files: a pick. */
function referenceCommand(node: ReferenceNode): vscode.Command {
  const { reference: ref, concern } = node;
  if (ref.targetCount === 0) {
    const args: ConcernCommandArgs = { documentUri: concern.documentUri, concernId: concern.id };
    return { title: 'Open concern', command: Commands.openConcern, arguments: [args] };
  }
  // Drifted code opens where it is now; anything else as written.
  if (ref.currentTarget) {
    const args: OpenReferenceArgs = { title: ref.currentPath ?? ref.path, uris: [ref.currentTarget] };
    const now = ref.currentRanges?.[0];
    if (now) args.lines = now;
    return { title: 'Open reference where its code is now', command: Commands.openReference, arguments: [args] };
  }
  const args: OpenReferenceArgs = { title: ref.path, uris: ref.targets };
  if (ref.ranges[0]) args.lines = ref.ranges[0];
  // The tree lists a glob's first files only: the command asks for them all.
  if (ref.targetCount > ref.targets.length) args.reference = { documentUri: concern.documentUri, concernId: concern.id, index: node.index };
  return { title: 'Open reference', command: Commands.openReference, arguments: [args] };
}

function referenceWhere(ref: TreeReference): string {
  const lines = linesText(ref.currentRanges ?? []) || 'the whole file';
  return ref.currentPath && ref.currentPath !== ref.path ? `${lines} of ${ref.currentPath}` : lines;
}

/** `lines 3-5, 9`; empty for a whole-file reference. */
export function linesText(ranges: readonly { start: number; end: number }[]): string {
  if (ranges.length === 0) return '';
  const parts = ranges.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`));
  return `${ranges.length === 1 && ranges[0]!.start === ranges[0]!.end ? 'line' : 'lines'} ${parts.join(', ')}`;
}

/** A title as read: `compared with \`==\`` shows as `compared with ==` (the view renders no markdown). */
export function plainTitle(title: string): string {
  return title.replace(/`([^`]+)`/g, '$1');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
