/**
 * The options every verb parses the same way: `--name value` (or `--name=value`), repeatable
 * options, flags. Anything else is an error message naming the option, and the verb exits 2.
 */
export type OptionKind = 'flag' | 'value' | 'list';

export type OptionSpec = Record<string, OptionKind>;

export interface ParsedOptions {
  flags: Set<string>;
  values: Map<string, string>;
  lists: Map<string, string[]>;
}

export class UsageError extends Error {}

/** Parses `argv` (after the verb) against `spec`; throws {@link UsageError}; `help` when asked for. */
export function parseOptions(argv: readonly string[], spec: OptionSpec): ParsedOptions | 'help' {
  const parsed: ParsedOptions = { flags: new Set(), values: new Map(), lists: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(2, eq) : arg.startsWith('--') ? arg.slice(2) : undefined;
    const kind = name === undefined ? undefined : spec[name];
    if (name === undefined || kind === undefined) throw new UsageError(arg.startsWith('-') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`);
    if (kind === 'flag') {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      parsed.flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    if (value === '') throw new UsageError(`--${name} needs a value`);
    if (kind === 'value') {
      if (parsed.values.has(name)) throw new UsageError(`--${name} given twice`);
      parsed.values.set(name, value);
    } else parsed.lists.set(name, [...(parsed.lists.get(name) ?? []), value]);
  }
  return parsed;
}
