// Draws media/icon.png (128x128): a lens over a warning mark. Run once; the PNG is committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const px = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a]) => {
  const i = (y * size + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
};
const bg = [30, 41, 59, 255], ring = [250, 204, 21, 255], mark = [248, 250, 252, 255];
for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
  const dx = x - 54, dy = y - 54, d = Math.hypot(dx, dy);
  const corner = Math.min(x, y, size - 1 - x, size - 1 - y);
  let c = corner < 0 ? [0, 0, 0, 0] : bg;
  if (d >= 30 && d <= 40) c = ring;
  // the handle
  const hx = x - y; if (x > 80 && y > 80 && x < 116 && y < 116 && Math.abs(hx) < 9) c = ring;
  // the exclamation mark inside the lens
  if (Math.abs(x - 54) <= 4 && y >= 36 && y <= 60) c = mark;
  if (Math.hypot(x - 54, y - 69) <= 4.5) c = mark;
  set(x, y, c);
}
const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) { raw[y * (size * 4 + 1)] = 0; px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); }
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync('media/icon.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
console.log('wrote media/icon.png');
