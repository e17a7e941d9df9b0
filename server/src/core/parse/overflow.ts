import type { DocumentNote } from '../model';

/**
 * The parser's last line of defence against nesting: limits.ts bounds what remark is given, but
 * its tree walks (and micromark's resolvers) still recurse once per level of inline nesting
 * (emphasis in emphasis, images in images). A stack overflow there must not take the index of
 * the workspace with it: what overflowed is read as nothing, with an error note of its own.
 */
export const TOO_DEEP_MESSAGE =
  'This part of the document nests too deeply for the markdown parser (its stack overflowed); it was not indexed. Flatten the nesting to have it read.';

/** `read()`, or `empty(note)` when it overflows the stack; any other error is a bug and is thrown. */
export function unlessTooDeep<T>(read: () => T, empty: (note: DocumentNote) => T, at: DocumentNote['range']): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) throw error;
    return empty({ message: TOO_DEEP_MESSAGE, range: at, severity: 'error' });
  }
}
