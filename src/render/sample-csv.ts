import type { SampleV1 } from '../contracts/sample-v1.js';
import { renderCsv, type CsvCell } from './csv.js';
import { criteriaOf, FIELD_COLUMNS, prefilledVerdict, REVIEWER_COLUMNS } from './review-form-columns.js';

/**
 * The sample as CSV (SPEC §5): the review form's columns (so a filled CSV reads back as a `qa`
 * input too), then the sample `key`. Text from inputs is neutralised against formulas; the
 * durations are numbers and never are.
 */
export function renderSampleCsv(sample: SampleV1): string {
  const criteria = criteriaOf(sample);
  const header: CsvCell[] = [
    ...FIELD_COLUMNS.map((column) => column.header),
    ...criteria.map((criterion) => criterion.id),
    ...REVIEWER_COLUMNS.map((column) => column.header),
    'key',
  ].map((text) => ({ text }));
  const rows = sample.items.map((item): CsvCell[] => [
    ...FIELD_COLUMNS.map((column): CsvCell => {
      const value = column.value(item);
      if (value === null) return null;
      if (typeof value === 'number') return Number(value.toFixed(column.digits ?? 3));
      return column.header === 'kind' || column.header === 'started_at' ? { text: value } : value;
    }),
    ...criteria.map((criterion): CsvCell => {
      const verdict = prefilledVerdict(criterion, item);
      return verdict === '' ? null : { text: verdict };
    }),
    ...REVIEWER_COLUMNS.map(() => null),
    { text: item.key },
  ]);
  return renderCsv([header, ...rows]);
}
