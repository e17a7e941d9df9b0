import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Concern } from '../model';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

/**
 * Diagnostic severity per category, matched by keyword so that `Security Considerations`,
 * `Security Concerns` and `安全` all find `security`. Users override any entry by setting.
 */
export const DEFAULT_CATEGORY_SEVERITY: Record<string, SeverityName> = {
  security: 'warning',
  'known bugs': 'warning',
  'tech debt': 'information',
  fragile: 'information',
  performance: 'information',
  scaling: 'information',
  dependencies: 'information',
  // Not `hint`: VS Code leaves hints out of the Problems view and barely marks them in the editor.
  'test coverage': 'information',
  'missing features': 'information',
};

/** Words that identify a category, per default key (English, and the Chinese template's). */
const KEYWORDS: Record<string, RegExp> = {
  security: /secur|vulnerab|auth|安全/i,
  'known bugs': /\bbugs?\b|known issues?|defects?|缺陷|已知问题/i,
  'tech debt': /debt|债务|architect|code quality|smell/i,
  fragile: /fragil|脆弱|churn/i,
  performance: /perform|bottleneck|性能/i,
  scaling: /scal|capacity|扩展/i,
  dependencies: /dependenc|依赖/i,
  'test coverage': /test|coverage|测试|空白/i,
  'missing features': /missing|features?|未完成|缺失/i,
};

const ORDER: DiagnosticSeverity[] = [DiagnosticSeverity.Hint, DiagnosticSeverity.Information, DiagnosticSeverity.Warning, DiagnosticSeverity.Error];

/**
 * The diagnostic severity of a concern: from its category (by setting), raised one step for
 * Critical/High, lowered one for Low, but never to `hint` unless the settings chose `hint` for
 * the category (nothing is hidden by default). `undefined` when the category is set to `off`.
 */
export function diagnosticSeverity(concern: Pick<Concern, 'category' | 'group' | 'severity'>, overrides: Record<string, SeverityName> = {}): DiagnosticSeverity | undefined {
  const base = categorySeverity(concern.category, overrides) ?? (concern.group ? categorySeverity(concern.group, overrides) : undefined) ?? overrides.default ?? 'information';
  if (base === 'off') return undefined;
  let index = ORDER.indexOf(toDiagnostic(base));
  if (concern.severity === 'critical' || concern.severity === 'high') index = Math.min(index + 1, ORDER.length - 1);
  else if (concern.severity === 'low') index = Math.max(index - 1, base === 'hint' ? 0 : 1);
  return ORDER[index];
}

/** The default key (`security`, `known bugs`, ...) a category name belongs to, by keyword; undefined for other categories. */
export function categoryKeyword(category: string): string | undefined {
  for (const [key, pattern] of Object.entries(KEYWORDS)) if (pattern.test(category)) return key;
  return undefined;
}

function categorySeverity(category: string, overrides: Record<string, SeverityName>): SeverityName | undefined {
  const lower = category.toLowerCase();
  // An exact category name in the settings wins over keyword matching.
  for (const [key, value] of Object.entries(overrides)) if (key.toLowerCase() === lower) return value;
  for (const [key, pattern] of Object.entries(KEYWORDS)) {
    if (pattern.test(category)) return overrides[key] ?? DEFAULT_CATEGORY_SEVERITY[key];
  }
  return undefined;
}

function toDiagnostic(name: Exclude<SeverityName, 'off'>): DiagnosticSeverity {
  switch (name) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'hint':
      return DiagnosticSeverity.Hint;
    default:
      return DiagnosticSeverity.Information;
  }
}
