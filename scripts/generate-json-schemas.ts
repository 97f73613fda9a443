/** Writes schemas/*.json from the zod schemas (see src/contracts/json-schemas.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildJsonSchemas, serialiseSchema } from '../src/contracts/json-schemas.js';

const folder = new URL('../schemas/', import.meta.url);
mkdirSync(folder, { recursive: true });
for (const [file, schema] of Object.entries(buildJsonSchemas())) {
  writeFileSync(new URL(file, folder), serialiseSchema(schema));
  process.stderr.write(`wrote schemas/${file}\n`);
}
