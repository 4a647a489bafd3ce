// Draws the phone view's icons (a white beacon tower with its flame on red) as SVG
// and PNG into public/m/: made here, no outside artwork. Run: node dashboard/app/scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'm');
const RED = [179, 38, 30];
const WHITE = [255, 255, 255];
// Shapes in a unit square, inside the maskable safe zone (the middle 80%).
const tower = [[0.36, 0.8], [0.64, 0.8], [0.58, 0.56], [0.42, 0.56]];
const flame = [[0.5, 0.2], [0.61, 0.4], [0.58, 0.52], [0.42, 0.52], [0.39, 0.4]];

const inside = (poly, x, y) => {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
};

function png(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let px = 0; px < size; px++) {
      let cover = 0;
      for (let s = 0; s < 16; s++) {
        const x = (px + ((s % 4) + 0.5) / 4) / size;
        const y = (py + (Math.floor(s / 4) + 0.5) / 4) / size;
        if (inside(tower, x, y) || inside(flame, x, y)) cover++;
      }
      for (let k = 0; k < 3; k++) row[1 + px * 3 + k] = Math.round(RED[k] + ((WHITE[k] - RED[k]) * cover) / 16);
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const pts = (poly) => poly.map(([x, y]) => `${x * 512},${y * 512}`).join(' ');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(
  path.join(out, 'icon.svg'),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="rgb(${RED.join(',')})"/><polygon points="${pts(tower)}" fill="#fff"/><polygon points="${pts(flame)}" fill="#fff"/></svg>\n`,
);
for (const size of [192, 512]) fs.writeFileSync(path.join(out, `icon-${size}.png`), png(size));
