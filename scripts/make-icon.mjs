// Draws the app icon, resources/icon.png (1024×1024), from shapes: a blue rounded square with
// a white speech bubble holding a check mark. electron-builder makes every size and format the
// installers need (.ico, .icns) from this one image. Deterministic: `npm run icon` rewrites the
// same bytes (test/unit/icon.test.ts checks it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 1024;

/** Signed distance to a rounded box centred at (cx, cy) with half-sizes (hx, hy), radius r. */
function roundedBox(x, y, cx, cy, hx, hy, r) {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** Signed distance to a segment from (ax, ay) to (bx, by) with half-thickness w. */
function capsule(x, y, ax, ay, bx, by, w) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - w;
}

/** Signed distance to a triangle (a, b, c), after Inigo Quilez. */
function triangle(x, y, a, b, c) {
  const edges = [
    [a, b],
    [b, c],
    [c, a],
  ];
  let d = Infinity;
  let sign = 0;
  for (const [p, q] of edges) {
    const ex = q[0] - p[0];
    const ey = q[1] - p[1];
    const wx = x - p[0];
    const wy = y - p[1];
    const h = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    d = Math.min(d, Math.hypot(wx - ex * h, wy - ey * h));
    sign += Math.sign(ex * wy - ey * wx);
  }
  return Math.abs(sign) === 3 ? -d : d;
}

/** Coverage of a shape at a pixel from its distance: smooth over one pixel. */
const cover = (distance) => Math.max(0, Math.min(1, 0.5 - distance));

function mix(under, over, alpha) {
  return under.map((value, i) => value + (over[i] - value) * alpha);
}

function pixel(x, y) {
  // Background: rounded square, vertical gradient from #2f6fc4 to #173f7a.
  const t = y / SIZE;
  const top = [47, 111, 196];
  const bottom = [23, 63, 122];
  const blue = top.map((value, i) => value + (bottom[i] - value) * t);
  const square = cover(roundedBox(x, y, 512, 512, 472, 472, 200));
  // The bubble: a white rounded box and its tail at the lower left.
  const bubble = Math.min(
    roundedBox(x, y, 512, 450, 300, 230, 120),
    triangle(x, y, [300, 600], [430, 640], [260, 800]),
  );
  const white = cover(bubble);
  // The check mark inside, in the background blue.
  const check = Math.min(
    capsule(x, y, 385, 455, 470, 540, 38),
    capsule(x, y, 470, 540, 650, 360, 38),
  );
  const mark = cover(check);
  let rgb = mix(blue, [255, 255, 255], white);
  rgb = mix(rgb, [33, 86, 160], mark * white);
  return [...rgb.map((value) => Math.round(value)), Math.round(square * 255)];
}

function crc32(buffer) {
  let crc = -1;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function drawIcon() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y += 1) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < SIZE; x += 1) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../resources/icon.png',
  );
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, drawIcon());
  console.log(`Icon written: ${path.relative(process.cwd(), target)}`);
}
