/**
 * Symbol re-anchoring: where an identifier written beside a reference (`get_marks()`,
 * `RateLimiter`, `AuthService.login`) is defined in a file's text. Language-agnostic patterns for
 * the usual definition forms; calls and mentions are not definitions.
 */

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The name a definition would carry: the last part of `A.b`, `A::b`, `A#b`. */
export function definedName(symbol: string): string {
  const parts = symbol.replace(/\(\)$/, '').split(/\.|::|#/);
  return parts[parts.length - 1] ?? symbol;
}

function definitionPatterns(name: string): RegExp[] {
  const n = escape(name);
  const mods = '(?:(?:export|default|public|private|protected|internal|static|async|override|readonly|abstract|final|virtual|declare|pub(?:\\([\\w:]+\\))?|unsafe|inline|const)\\s+)*';
  return [
    // Python, Ruby, Elixir, Scala, Kotlin: def / fun / fn / func / function / sub / proc
    new RegExp(`^\\s*${mods}(?:def|defp|fun|fn|func|function\\*?|sub|proc|procedure)\\s+(?:self\\.)?${n}\\b`),
    // Go methods: func (r *T) Name(
    new RegExp(`^\\s*func\\s*\\([^)]*\\)\\s*${n}\\s*[(<[]`),
    // Types: class, interface, struct, enum, trait, type, record, object, module, impl
    new RegExp(`^\\s*${mods}(?:class|interface|struct|enum|trait|type|record|object|module|namespace|impl|protocol|union)\\s+${n}\\b`),
    // JS/TS bindings: const name = (...) => / function / class
    new RegExp(`^\\s*${mods}(?:const|let|var)\\s+${n}\\s*(?::[^=]*)?=`),
    // Object members: name: function(, name = (...) =>
    new RegExp(`^\\s*${n}\\s*[:=]\\s*(?:async\\s*)?(?:function\\b|\\([^)]*\\)\\s*=>|\\w+\\s*=>)`),
    // Methods in C-like languages: a signature line that opens a block (not a call statement).
    new RegExp(`^\\s*${mods}(?:[\\w<>\\[\\],.?*&:]+\\s+)*\\*?${n}\\s*(?:<[^>]*>)?\\s*\\([^;]*\\)\\s*(?:->\\s*[^{;]+|:\\s*[^{;=]+|throws\\s+[^{;]+|const|noexcept)?\\s*\\{?\\s*$`),
    // Python/shell assignments at module level: NAME = ...
    new RegExp(`^${n}\\s*=(?!=)`),
  ];
}

/**
 * 1-based lines of `lines` that define `symbol`. The C-like method pattern must not fire on a
 * plain call: a line with the name followed by `(` counts only when it ends in `{`, or is followed
 * by a line starting with `{`, or carries a modifier or return type before the name.
 */
export function findDefinitions(lines: readonly string[], symbol: string): number[] {
  const name = definedName(symbol);
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return [];
  const patterns = definitionPatterns(name);
  const quick = new RegExp(`\\b${escape(name)}\\b`);
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!quick.test(line)) continue;
    for (let p = 0; p < patterns.length; p++) {
      if (!patterns[p]!.test(line)) continue;
      if (p === 5 && !looksLikeSignature(line, lines[i + 1], name)) continue;
      out.push(i + 1);
      break;
    }
  }
  return out;
}

function looksLikeSignature(line: string, next: string | undefined, name: string): boolean {
  const trimmed = line.trim();
  if (/^(?:return|await|yield|throw|if|while|for|switch|else|new|case|print|echo)\b/.test(trimmed)) return false;
  if (/\{\s*$/.test(trimmed)) return true;
  if (next !== undefined && /^\s*\{/.test(next)) return true;
  // `def`-less signatures without a block opener: a type or modifier before the name.
  const before = trimmed.slice(0, trimmed.indexOf(name)).trim();
  return before.length > 0 && /^[\w<>[\],.?*&:\s]+$/.test(before) && !/[=(]/.test(before);
}

/** True when the identifier appears (as a whole word) in lines [start, end] (1-based, inclusive). */
export function mentions(lines: readonly string[], start: number, end: number, symbol: string): boolean {
  const quick = new RegExp(`\\b${escape(definedName(symbol))}\\b`);
  for (let l = Math.max(1, start); l <= Math.min(end, lines.length); l++) if (quick.test(lines[l - 1]!)) return true;
  return false;
}
