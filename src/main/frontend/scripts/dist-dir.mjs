// Where the build writes what the WAR serves: FRONTEND_DIST (set by Maven), else ../../../target/frontend-dist.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const distDir = path.resolve(process.env.FRONTEND_DIST ?? path.join(root, '../../../target/frontend-dist'));
