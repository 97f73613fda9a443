import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas, serialiseSchema } from './json-schemas.js';

describe('schemas/*.json', () => {
  it.each(Object.entries(buildJsonSchemas()))('%s is up to date (run "npm run schemas" if not)', (file, schema) => {
    const committed = readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8');
    expect(committed).toBe(serialiseSchema(schema));
  });
});
