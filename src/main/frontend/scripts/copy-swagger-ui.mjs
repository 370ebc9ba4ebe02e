#!/usr/bin/env node
// Copies Swagger UI from the swagger-ui-dist package into <dist>/api/docs/, served at /api/docs/,
// with our own index.html and initializer (swagger/) that point it at /openapi.
import { cp, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distDir } from './dist-dir.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const out = path.join(distDir, 'api/docs');
await mkdir(out, { recursive: true });
for (const file of ['swagger-ui.css', 'index.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js',
  'favicon-16x16.png', 'favicon-32x32.png', 'LICENSE', 'NOTICE']) {
  await cp(path.join(pkg, file), path.join(out, file));
}
for (const file of ['index.html', 'swagger-initializer.js']) {
  await cp(path.join(root, 'swagger', file), path.join(out, file));
}
console.log(`Swagger UI copied to ${out}`);
