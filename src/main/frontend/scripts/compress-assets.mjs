// Precompresses the dashboard's fingerprinted assets after `vite build`: for every file of
// <dist>/dashboard/assets/ of 1 KiB or more whose type compresses (script, style, SVG, JSON),
// writes <file>.gz (gzip level 9) and <file>.br (Brotli quality 11) next to it, with node's own
// zlib (no dependency). The server (io.ansaf.http.StaticAssets) serves the form the browser
// accepts, with immutable caching; the levels are too slow per request, cheap once per build.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { distDir } from './dist-dir.mjs';

const dir = path.join(distDir, 'dashboard', 'assets');
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|html|txt|map)$/;
let before = 0;
let gz = 0;
let br = 0;
for (const name of readdirSync(dir)) {
  const file = path.join(dir, name);
  if (!COMPRESSIBLE.test(name) || !statSync(file).isFile() || statSync(file).size < 1024) continue;
  const bytes = readFileSync(file);
  const g = gzipSync(bytes, { level: 9 });
  const b = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  writeFileSync(`${file}.gz`, g);
  writeFileSync(`${file}.br`, b);
  before += bytes.length;
  gz += g.length;
  br += b.length;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`compress-assets: ${kb(before)} -> gzip ${kb(gz)}, br ${kb(br)} (${dir})`);
