/**
 * `concerns check --format github`: GitHub Actions workflow commands, one annotation per finding
 * (`::warning file=...,line=...,endLine=...,title=...::message`), escaped as the runner parses
 * them. A step shows at most 10 annotations of each level: the rest are counted in one line.
 */
import type { Finding, FindingLevel } from './findings';

/** Annotations of one level the runner shows per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Command = 'error' | 'warning' | 'notice';

/** The message of a workflow command: `%`, CR and LF escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, and `:` and `,` too (they end a property). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubOptions {
  /** The checked folder's path inside the repository (`''` or `sub/`): file names are repository-relative. */
  repoPrefix: string;
  unreadable: readonly { path: string; reason: string }[];
  notes: readonly string[];
}

/** The workflow commands, one per line, ending with a newline. */
export function githubAnnotations(findings: readonly Finding[], options: GithubOptions): string {
  const lines: string[] = [];
  const shown: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
  const left: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
  const emit = (command: Command, props: Record<string, string | number | undefined>, message: string) => {
    if (shown[command] >= ANNOTATIONS_PER_LEVEL) {
      left[command]++;
      return;
    }
    shown[command]++;
    const list = Object.entries(props)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
      .join(',');
    lines.push(`::${command}${list ? ` ${list}` : ''}::${escapeData(message)}`);
  };
  for (const u of options.unreadable) emit('error', { file: options.repoPrefix + u.path, title: 'Concerns document not read' }, `Cannot read the concerns document ${u.path}: ${u.reason}`);
  for (const f of findings) {
    const message = [`${f.message}.`, f.at.startLine === undefined ? 'The concern names the whole file.' : '', f.group !== 'broken' && f.concern.fix ? `${f.concern.fix.label}: ${f.concern.fix.text}` : '', `(${f.documentPath} line ${f.reference.documentLine})`].filter(Boolean).join('\n');
    emit(commandOf(f.level), { file: options.repoPrefix + f.at.path, line: f.at.startLine, endLine: f.at.endLine !== undefined && f.at.endLine !== f.at.startLine ? f.at.endLine : undefined, title: `${titleOf(f)}: ${f.concern.title}` }, message);
  }
  // Plain lines (not annotations): they count against no limit.
  for (const note of options.notes) lines.push(`concerns: ${note}`);
  const hidden = left.error + left.warning + left.notice;
  if (hidden > 0) {
    const parts = (['error', 'warning', 'notice'] as const).filter((c) => left[c] > 0).map((c) => `${left[c]} ${c}${left[c] === 1 ? '' : 's'}`);
    lines.push(`concerns: ${hidden} more finding${hidden === 1 ? '' : 's'} not shown as annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} of each level per step): ${parts.join(', ')}; run \`concerns check\` or upload the SARIF for all of them`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function commandOf(level: FindingLevel): Command {
  return level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'notice';
}

/** ` (Security)`, or nothing for a concern of no category. */
function inCategory(f: Finding): string {
  return f.concern.category ? ` (${f.concern.category})` : '';
}

function titleOf(f: Finding): string {
  switch (f.kind) {
    case 'touched':
      return `Touches a concern${inCategory(f)}`;
    case 'changed':
      return `Concern's code changed${inCategory(f)}`;
    case 'gone':
      return `Concern's code gone${inCategory(f)}`;
    default:
      return `Broken reference (${f.kind})`;
  }
}
