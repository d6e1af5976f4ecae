// Draws the extension icon (a shield with a lowered arrow: privileges dropped) as a 128×128
// PNG with no image library: the icon is simple enough to rasterise by hand.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const pixels = Buffer.alloc(size * size * 4);

function inShield(x, y) {
  const cx = 64;
  if (y < 14 || y > 118) return false;
  const half = y < 70 ? 46 : 46 * Math.sqrt(Math.max(0, 1 - ((y - 70) / 48) ** 2));
  return Math.abs(x - cx) <= half;
}

function inArrow(x, y) {
  const shaft = Math.abs(x - 64) <= 8 && y >= 34 && y <= 78;
  const head = y >= 70 && y <= 100 && Math.abs(x - 64) <= (100 - y) * 1.1;
  return shaft || head;
}

for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4;
    let rgba = [0, 0, 0, 0];
    if (inShield(x, y)) rgba = [24, 92, 160, 255];
    if (inShield(x, y) && !inShield(x - 5, y) !== !inShield(x + 5, y)) rgba = [16, 60, 110, 255];
    if (inArrow(x, y)) rgba = [250, 250, 250, 255];
    pixels.set(rgba, i);
  }
}

function crc32(buffer) {
  let c = ~0;
  for (const byte of buffer) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8);
const rows = [];
for (let y = 0; y < size; y++) {
  rows.push(Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4));
}
const png = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows))),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
