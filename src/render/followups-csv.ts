import type { FollowupItemV1, FollowupsV1 } from '../contracts/followups-v1.js';
import { renderCsv, type CsvCell } from './csv.js';

/**
 * The call list's columns (SPEC §10 "Follow-ups"), shared by the CSV and the XLSX: the answer,
 * then `called_back` and `outcome` for the retention manager to fill. A filled list, CSV or XLSX,
 * goes back in with `--exclude` (read by `answer_id` and `called_back`).
 */
export interface CallListColumn {
  header: string;
  /** text from the inputs (neutralised in CSV), a number, or null */
  value: (item: FollowupItemV1) => string | number | null;
}

export const CALLED_BACK_VALUES = ['yes', 'no answer', 'wrong number'] as const;
export const OUTCOME_VALUES = ['resolved', 'compensation', 'escalated', 'no action'] as const;

export const CALL_LIST_COLUMNS: readonly CallListColumn[] = [
  { header: 'answer_id', value: (item) => item.answerId },
  { header: 'answered_at', value: (item) => item.answeredAt },
  { header: 'survey', value: (item) => item.survey },
  { header: 'score', value: (item) => item.score },
  { header: 'customer', value: (item) => item.customer },
  { header: 'agent', value: (item) => item.agent },
  { header: 'channel', value: (item) => item.channel },
  { header: 'topic', value: (item) => item.topic },
  { header: 'contact_id', value: (item) => item.contactId },
  { header: 'comment', value: (item) => item.comment },
  { header: 'called_back', value: () => null },
  { header: 'outcome', value: () => null },
];

/** The follow-ups as a CSV call list; input text is neutralised against formulas, scores stay numbers. */
export function renderFollowupsCsv(followups: FollowupsV1): string {
  const header: CsvCell[] = CALL_LIST_COLUMNS.map((column) => ({ text: column.header }));
  const rows = followups.items.map((item) =>
    CALL_LIST_COLUMNS.map((column): CsvCell => {
      const value = column.value(item);
      // answered_at and survey are the tool's own text (an ISO time, `nps` or `csat`)
      return typeof value === 'string' && (column.header === 'answered_at' || column.header === 'survey')
        ? { text: value }
        : value;
    }),
  );
  return renderCsv([header, ...rows]);
}
