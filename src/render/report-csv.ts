import {
  CallsV1,
  ChurnV1,
  CsatV1,
  FcrV1,
  FirstResponseV1,
  IqsV1,
  NpsV1,
  ResolutionV1,
  VolumeV1,
  type ReportV1,
  type ScorecardV1,
} from '../contracts/report-v1.js';
import { renderCsv, type CsvCell } from './csv.js';

/** The Scorecard's blocks and their fields, in contract order: one flat column each. */
const BLOCKS = [
  ['volume', VolumeV1],
  ['nps', NpsV1],
  ['csat', CsatV1],
  ['firstResponse', FirstResponseV1],
  ['resolution', ResolutionV1],
  ['calls', CallsV1],
  ['churn', ChurnV1],
  ['iqs', IqsV1],
  ['fcr', FcrV1],
] as const;

/**
 * The report as CSV (SPEC §6): one row per group (overall, each agent, channel, agent × channel,
 * segment), one column per field (`nps.score`, `csat.ci95.low`, `targets.csat`). Empty cells are
 * nulls. Agent, channel and segment names come from inputs, so they are neutralised against
 * formulas; the figures are numbers and never are.
 */
export function renderReportCsv(report: ReportV1): string {
  const targetNames = [...new Set([report.overall, ...report.byAgent].flatMap((card) => Object.keys(card.targets)))];
  const fieldColumns = BLOCKS.flatMap(([block, schema]) =>
    Object.keys(schema.shape).flatMap((field) => {
      if (field === 'ci95') return [`${block}.ci95.low`, `${block}.ci95.high`];
      if (field === 'calendar') return calendarFields(schema).map((inner) => `${block}.calendar.${inner}`);
      return [`${block}.${field}`];
    }),
  );
  const header: CsvCell[] = [
    'group',
    'agent',
    'channel',
    'segment',
    ...fieldColumns,
    ...targetNames.map((name) => `targets.${name}`),
  ].map((text) => ({ text }));
  const row = (
    group: string,
    agent: string | null,
    channel: string | null,
    segment: string | null,
    card: Partial<ScorecardV1>,
  ): CsvCell[] => {
    const cells: CsvCell[] = [{ text: group }, agent, channel, segment];
    for (const [block, schema] of BLOCKS) {
      const values = card[block] as Record<string, unknown> | null | undefined;
      for (const field of Object.keys(schema.shape)) {
        const value = values?.[field];
        if (field === 'ci95') cells.push(...((value as [number, number] | undefined) ?? [null, null]));
        else if (field === 'calendar') {
          const calendar = value as Record<string, number | boolean | null> | null | undefined;
          for (const inner of calendarFields(schema)) cells.push(calendar?.[inner] ?? null);
        } else cells.push((value as number | boolean | null | undefined) ?? null);
      }
    }
    for (const name of targetNames) {
      const verdict = card.targets?.[name];
      cells.push(verdict ? { text: verdict } : null);
    }
    return cells;
  };
  return renderCsv([
    header,
    row('overall', null, null, null, report.overall),
    ...report.byAgent.map((card) => row('agent', card.agent, null, null, card)),
    ...report.byChannel.map((card) => row('channel', null, card.channel, null, card)),
    ...report.byAgentChannel.map((card) => row('agent_channel', card.agent, card.channel, null, card)),
    ...report.bySegment.map((card) => row('segment', null, null, card.segment, { churn: card.churn })),
  ]);
}

/**
 * The fields of a block's `calendar` (with business hours, the block again in calendar time):
 * the block's own fields, each a column of its own (`firstResponse.calendar.medianMinutes`).
 */
function calendarFields(schema: { shape: object }): string[] {
  return Object.keys(schema.shape).filter((field) => field !== 'calendar');
}
