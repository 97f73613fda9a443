/**
 * Run by `npm run build` after tsc: copies the files the built CLI reads at run time into dist/,
 * since the package ships dist/ and not the repository's folders (package.json "files").
 *   docs/metrics.md → dist/docs/metrics.md   (`report --format xlsx`: the Definitions sheet)
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ASSETS = ['docs/metrics.md'];

for (const asset of ASSETS) {
  const target = join(root, 'dist', asset);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(root, asset), target);
}
