import { ownString } from './ownString';

/**
 * A pure function of a short string, remembered. The walker asks the same questions of the same
 * lines on every keystroke (which label opens this line, which field is this): answering from a
 * map keeps a re-read section cheap. Long inputs are not kept (each would be a key of its own
 * size), and the map is emptied when full.
 */
export function memoized<T>(fn: (text: string) => T, max = 20_000, maxKeyLength = 400): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (text.length > maxKeyLength) return fn(text);
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    // Asked of a copy: the key, and whatever the answer holds of it, keep no document alive.
    const own = ownString(text);
    const value = fn(own);
    if (cache.size >= max) cache.clear();
    cache.set(own, value);
    return value;
  };
}
