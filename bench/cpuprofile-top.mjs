/**
 * The hottest functions of a V8 CPU profile (`node --cpu-prof`), for whoever optimises next:
 *
 *   node --cpu-prof --cpu-prof-dir=bench/data/prof dist/cli/main.js report … --format json > /dev/null
 *   node bench/cpuprofile-top.mjs bench/data/prof/CPU.….cpuprofile [--top 25] [--sort total]
 *
 * Self time of a function = the time of the samples whose top frame it is (from `timeDeltas`, so uneven sampling
 * counts right); total time = the samples it is anywhere on the stack of (counted once per sample when recursive).
 * Functions are keyed by name, file and line; shares are of the whole profile, `(garbage collector)`, `(program)`
 * and `(idle)` included.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string' }, sort: { type: 'string' } },
  allowPositionals: true,
});
if (positionals.length !== 1 || !['self', 'total', undefined].includes(values.sort)) {
  process.stderr.write('usage: node bench/cpuprofile-top.mjs FILE.cpuprofile [--top N] [--sort self|total]\n');
  process.exit(2);
}
const top = Number(values.top ?? 25);
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const root = fileURLToPath(new URL('..', import.meta.url));

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const where = ({ url, lineNumber }) => {
  if (!url) return '';
  const path = url.startsWith('file://') ? relative(root, fileURLToPath(url)) : url;
  return `${path}:${lineNumber + 1}`;
};
const keyOf = (node) => `${node.callFrame.functionName || '(anonymous)'}\t${where(node.callFrame)}`;

const self = new Map();
const total = new Map();
let all = 0;
profile.samples.forEach((id, index) => {
  // timeDeltas[i] is the time before sample i; the sample stands for the interval that follows it.
  const ms = (profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0) / 1000;
  all += ms;
  const leaf = nodes.get(id);
  self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + ms);
  const seen = new Set();
  for (let node = leaf; node !== undefined; node = nodes.get(parent.get(node.id))) {
    const key = keyOf(node);
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + ms);
  }
});

const pct = (ms) => `${((100 * ms) / all).toFixed(1)} %`.padStart(7);
process.stdout.write(`${positionals[0]}: ${(all / 1000).toFixed(2)} s sampled, ${profile.samples.length} samples\n`);
process.stdout.write(`${'self'.padStart(7)} ${'self ms'.padStart(9)} ${'total'.padStart(7)}  function  (file:line)\n`);
const order = values.sort === 'total' ? total : self;
for (const [key] of [...order].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  const [name, location] = key.split('\t');
  const ms = self.get(key) ?? 0;
  process.stdout.write(
    `${pct(ms)} ${ms.toFixed(0).padStart(9)} ${pct(total.get(key))}  ${name}${location ? `  (${location})` : ''}\n`,
  );
}
