import { z } from 'zod';
import type { DataQualityIssue } from '../domain/data-quality.js';

/** A data-quality example as every JSON output writes it (SPEC §7): location fields, then field, value, problem. */
export const IssueExampleV1 = z.union([
  z.object({ file: z.string(), line: z.number().int(), field: z.string(), value: z.string(), problem: z.string() }),
  z.object({
    file: z.string(),
    sheet: z.string(),
    cell: z.string(),
    field: z.string(),
    value: z.string(),
    problem: z.string(),
  }),
]);
export type IssueExampleV1 = z.infer<typeof IssueExampleV1>;

export function toIssueExampleV1(issue: DataQualityIssue): IssueExampleV1 {
  return { ...issue.location, field: issue.field, value: issue.value, problem: issue.problem };
}
