import type { Connection } from 'vscode-languageserver';
import type { DiagnosticRange } from './core/features/diagnostics';
import type { SeverityName } from './core/features/severity';

/** The `concerns.*` settings that the server reads, per workspace folder. */
export interface ServerSettings {
  documents: string[];
  maxDiagnosticsPerFile: number;
  showResolved: boolean;
  /** Diagnostic severity per category (keyword or exact name). */
  severity: Record<string, SeverityName>;
  codeDiagnostics: boolean;
  documentDiagnostics: boolean;
  /** `concerns.diagnostics.range`: a code diagnostic marks the first cited line's text, or every cited line. */
  diagnosticRange: DiagnosticRange;
  /** `concerns.diagnostics.fields`: fields whose references publish besides the locating ones (`*`: all). */
  diagnosticFields: string[];
  /** Globs of workspace paths that never get concern diagnostics. */
  exclude: string[];
}

export const DEFAULT_SETTINGS: ServerSettings = {
  documents: [],
  maxDiagnosticsPerFile: 100,
  showResolved: false,
  severity: {},
  codeDiagnostics: true,
  documentDiagnostics: true,
  diagnosticRange: 'firstLine',
  diagnosticFields: [],
  exclude: [],
};

const SEVERITY_NAMES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/**
 * Settings read per resource with `workspace/configuration` and cached per resource until the
 * client says they changed. Clients that cannot answer get the defaults.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  constructor(
    private readonly connection: Connection,
    private readonly canAsk: () => boolean,
  ) {}

  get(scopeUri: string): Promise<ServerSettings> {
    let entry = this.cache.get(scopeUri);
    if (!entry) {
      entry = this.fetch(scopeUri);
      this.cache.set(scopeUri, entry);
    }
    return entry;
  }

  clear(): void {
    this.cache.clear();
  }

  private async fetch(scopeUri: string): Promise<ServerSettings> {
    if (!this.canAsk()) return DEFAULT_SETTINGS;
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri, section: 'concerns' });
      return sanitise(raw);
    } catch {
      return DEFAULT_SETTINGS;
    }
  }
}

/** Settings come from user files: take what has the right type, default the rest. */
export function sanitise(raw: unknown): ServerSettings {
  const r = (raw ?? {}) as Record<string, unknown>;
  const documents = Array.isArray(r.documents) ? r.documents.filter((d): d is string => typeof d === 'string' && d.trim() !== '') : DEFAULT_SETTINGS.documents;
  const max = typeof r.maxDiagnosticsPerFile === 'number' && r.maxDiagnosticsPerFile >= 1 ? Math.floor(r.maxDiagnosticsPerFile) : DEFAULT_SETTINGS.maxDiagnosticsPerFile;
  const showResolved = typeof r.showResolved === 'boolean' ? r.showResolved : DEFAULT_SETTINGS.showResolved;
  const severity: Record<string, SeverityName> = {};
  if (r.severity && typeof r.severity === 'object') {
    for (const [key, value] of Object.entries(r.severity as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITY_NAMES.has(value.toLowerCase())) severity[key.toLowerCase()] = value.toLowerCase() as SeverityName;
    }
  }
  const diagnostics = (r.diagnostics ?? {}) as Record<string, unknown>;
  const exclude = Array.isArray(r.exclude) ? r.exclude.filter((d): d is string => typeof d === 'string' && d.trim() !== '') : [];
  return {
    documents,
    maxDiagnosticsPerFile: max,
    showResolved,
    severity,
    codeDiagnostics: diagnostics.code !== false,
    documentDiagnostics: diagnostics.document !== false,
    diagnosticRange: diagnostics.range === 'whole' ? 'whole' : 'firstLine',
    diagnosticFields: Array.isArray(diagnostics.fields) ? diagnostics.fields.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [],
    exclude,
  };
}
