import { z } from 'zod';
import { KIND_FIELDS, type FieldOf } from '../domain/fields.js';
import type { Kind } from '../domain/records.js';
import { isValidZone } from '../domain/time-zone.js';

/**
 * The schema of `cs-kpi.config.json` (SPEC §11). Every key is optional; unknown keys are errors
 * (`z.strictObject`), so a typo never silently falls back to a default. `schemas/config.json`
 * is generated from this by `npm run schemas`.
 */

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time HH:MM');
const DayHours = z.union([z.tuple([Time, Time]), z.null()]);
const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date YYYY-MM-DD');
const Range = z.tuple([z.number(), z.number()]);
const Bound = z.strictObject({ min: z.number().optional(), max: z.number().optional() });

/** `columns.<kind>`: field → header as written in the file; only the kind's own fields are keys. */
function columnMap<K extends Kind>(kind: K) {
  const shape = Object.fromEntries(KIND_FIELDS[kind].map((field) => [field, z.string().min(1).optional()]));
  return z.strictObject(shape as Record<FieldOf<K>, z.ZodOptional<z.ZodString>>);
}

export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  timezone: z.string().refine(isValidZone, 'expected an IANA time zone such as "Europe/Moscow"').optional(),
  dateFormat: z.enum(['DMY', 'MDY']).optional(),
  businessHours: z
    .strictObject({
      mon: DayHours.optional(),
      tue: DayHours.optional(),
      wed: DayHours.optional(),
      thu: DayHours.optional(),
      fri: DayHours.optional(),
      sat: DayHours.optional(),
      sun: DayHours.optional(),
    })
    .optional(),
  holidays: z.array(IsoDate).optional(),
  workdays: z.array(IsoDate).optional(),
  minSample: z.number().int().nonnegative().optional(),
  serviceLevelSeconds: z.number().nonnegative().optional(),
  sla: z
    .strictObject({
      firstResponseMinutes: z.record(z.string(), z.number().nonnegative()).optional(),
      callbackMinutes: z.number().nonnegative().optional(),
    })
    .optional(),
  targets: z
    .strictObject({
      nps: Bound.optional(),
      csat: Bound.optional(),
      firstResponseSla: Bound.optional(),
      iqs: Bound.optional(),
      churn: Bound.optional(),
      serviceLevel: Bound.optional(),
    })
    .optional(),
  agents: z.record(z.string(), z.array(z.string())).optional(),
  columns: z
    .strictObject({
      calls: columnMap('calls').optional(),
      tickets: columnMap('tickets').optional(),
      surveys: columnMap('surveys').optional(),
      customers: columnMap('customers').optional(),
      qa: columnMap('qa').optional(),
    })
    .optional(),
  indices: z
    .record(
      z.string(),
      z.strictObject({
        method: z.enum(['nps', 'csat', 'ratio', 'mean']),
        scale: Range,
        top: Range.optional(),
        bottom: Range.optional(),
      }),
    )
    .optional(),
  scorecard: z.strictObject({ loyalty: z.string().optional() }).optional(),
  qa: z
    .strictObject({
      criteria: z
        .array(
          z.strictObject({
            id: z.string().min(1),
            label: z.string().optional(),
            weight: z.number().positive().optional(),
            scale: Range.optional(),
            critical: z.boolean().optional(),
            channels: z.array(z.string()).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

export type Config = z.infer<typeof ConfigSchema>;
