import type { Connection } from 'vscode-languageserver';

/** The `concerns.*` settings that the server reads, per workspace folder. */
export interface ServerSettings {
  documents: string[];
  maxDiagnosticsPerFile: number;
  showResolved: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = { documents: [], maxDiagnosticsPerFile: 100, showResolved: false };

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
  return { documents, maxDiagnosticsPerFile: max, showResolved };
}
