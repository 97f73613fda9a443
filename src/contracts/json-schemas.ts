import { z } from 'zod';
import { ConfigSchema } from '../config/config-schema.js';
import { FollowupsV1 } from './followups-v1.js';
import { InspectV1 } from './inspect-v1.js';
import { ReportV1 } from './report-v1.js';
import { SampleV1 } from './sample-v1.js';

/**
 * The published JSON Schema files (SPEC §7, §11), generated from the zod schemas so they can
 * never drift: `npm run schemas` writes them, a unit test fails when a committed file is stale.
 */
export function buildJsonSchemas(): Record<string, unknown> {
  return {
    'config.json': withTitle(z.toJSONSchema(ConfigSchema, { io: 'input' }), 'cs-kpi.config.json'),
    'followups-v1.json': withTitle(z.toJSONSchema(FollowupsV1), 'cs-kpi followups --format json (cs-kpi/followups@1)'),
    'inspect-v1.json': withTitle(z.toJSONSchema(InspectV1), 'cs-kpi inspect --format json (cs-kpi/inspect@1)'),
    'report-v1.json': withTitle(z.toJSONSchema(ReportV1), 'cs-kpi report --format json (cs-kpi/report@1)'),
    'sample-v1.json': withTitle(z.toJSONSchema(SampleV1), 'cs-kpi sample --format json (cs-kpi/sample@1)'),
  };
}

function withTitle(schema: Record<string, unknown>, title: string): Record<string, unknown> {
  const { $schema, ...rest } = schema;
  return { $schema, title, ...rest };
}

export function serialiseSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
