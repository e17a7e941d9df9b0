/**
 * A short hash of a text that never changes between runs, machines or Node versions (for SARIF
 * fingerprints and ids): two 32-bit FNV-1a passes over the UTF-16 code units with different
 * offsets, 16 hex digits. Not for security; the core stays free of Node's crypto.
 */
export function stableHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (i & 0xff), 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
