/**
 * Concern ids: a hash of the category and the title, so an id survives edits to a concern's
 * fields, reordering, and a `(RESOLVED)` or numbering change in its title.
 */
export function concernKey(category: string, title: string): string {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/~~|\*\*|__|`/g, '')
      // A note's body stops at the next parenthesis: `(resolved (resolved ...` stays linear.
      .replace(/✅|✔️|\(\s*(?:(?:recently|already|now)\s+)?(?:resolved|fixed|done)\b[^()]*\)|\b(?:resolved|fixed) in\b.*$/giu, '')
      .replace(/^[\s#\d.)]+/, '')
      .replace(/[\s:：]+/g, ' ')
      .trim();
  return `${norm(category)}\u0000${norm(title)}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable, no crypto needed for identity. */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A concern's id before any repeat suffix. */
export function concernIdBase(category: string, title: string): string {
  return hash32(concernKey(category, title));
}

/** Assigns ids, suffixing repeats (`-2`, `-3`) in document order so each stays unique. */
export class IdAllocator {
  private readonly seen = new Map<string, number>();
  next(category: string, title: string): string {
    return this.nextFor(concernIdBase(category, title));
  }

  /** The id for a concern whose unsuffixed id is `base`. */
  nextFor(base: string): string {
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  }
}
