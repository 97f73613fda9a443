import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ReportV1, ScorecardV1 } from '../contracts/report-v1.js';
import { NO_BORDERS } from './borderless.js';
import { cellText, visibleText } from './terminal-text.js';

export type ReportView = 'summary' | 'agent' | 'channel' | 'agent,channel';

/** One column of the scorecard table: a block's field, its display, and the target it is judged by. */
interface Column {
  header: string;
  /** the block and field shown; the block's `lowConfidence` marks the value */
  path: readonly [block: string, field: string];
  digits: number;
  unit?: string;
  /** which way is an improvement, for `--compare` arrows; none for volumes and handle time */
  better?: 'up' | 'down';
  target?: string;
}

/**
 * The five metrics per group in 12 columns that fit 120 characters (SPEC §4): contacts, the
 * loyalty index (NPS unless config names another), CSAT, first response (median, SLA),
 * resolution, the call service level, abandonment, handle time, churn and IQS. A low-confidence value
 * carries `*`; with colour, targets met are green and missed red, low confidence dim; with
 * `--compare`, ▲▼ show the change, green when it is an improvement.
 */
const COLUMNS: Column[] = [
  { header: 'Contacts', path: ['volume', 'contacts'], digits: 0 },
  { header: 'NPS', path: ['loyalty', 'score'], digits: 1, better: 'up', target: 'nps' },
  { header: 'CSAT %', path: ['csat', 'percent'], digits: 1, better: 'up', target: 'csat' },
  { header: 'FRT med', path: ['firstResponse', 'medianMinutes'], digits: 1, unit: 'm', better: 'down' },
  { header: 'FRT SLA %', path: ['firstResponse', 'slaPercent'], digits: 1, better: 'up', target: 'firstResponseSla' },
  { header: 'Resolved %', path: ['resolution', 'resolvedPercent'], digits: 1, better: 'up' },
  { header: 'SL %', path: ['calls', 'serviceLevelPercent'], digits: 1, better: 'up', target: 'serviceLevel' },
  { header: 'Abandon %', path: ['calls', 'abandonPercent'], digits: 1, better: 'down' },
  { header: 'AHT', path: ['calls', 'ahtSeconds'], digits: 0, unit: 's' },
  { header: 'Churn %', path: ['churn', 'percent'], digits: 2, better: 'down', target: 'churn' },
  { header: 'IQS', path: ['iqs', 'score'], digits: 1, better: 'up', target: 'iqs' },
];

/** A table row: the group's name, its scorecard, and its changes with `--compare`. */
type Row = [name: string, card: ScorecardV1, changes: Changes];

const TARGET_NAMES: Record<string, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  firstResponseSla: 'FRT SLA',
  iqs: 'IQS',
  churn: 'churn',
  serviceLevel: 'service level',
};

export function renderReportTable(report: ReportV1, style: ChalkInstance, view: ReportView = 'summary'): string {
  const { period } = report;
  const loyalty = report.overall.loyalty?.index ?? 'nps';
  const columns = COLUMNS.map((column, at) =>
    at === 1 && loyalty.toLowerCase() !== 'nps' ? { ...column, header: cellText(loyalty, 10) } : column,
  );
  const parts = [
    style.bold(`cs-kpi report — ${period.month}`) +
      style.dim(` (${period.from.slice(0, 10)} … ${period.to.slice(0, 10)} exclusive, ${period.timezone})`) +
      (report.compare ? style.dim(`; ▲▼ change since ${report.compare.month}`) : ''),
    '',
  ];
  const compare = report.compare;
  const changesOf = <K extends 'agent' | 'channel'>(list: 'byAgent' | 'byChannel', key: K, name: string): Changes =>
    compare?.[list].find((row) => (row as Record<string, unknown>)[key] === name) as Changes;
  const section = (title: string, rows: Row[]) => {
    if (rows.length === 0) return;
    parts.push(style.bold(title), renderRows(rows, columns, style), '');
  };
  if (view === 'summary' || view === 'channel') {
    if (view === 'summary') {
      section('Overall', [['Overall', report.overall, compare?.overall as Changes]]);
      const verdicts = Object.entries(report.overall.targets);
      if (verdicts.length > 0) {
        const words = verdicts.map(([name, verdict]) => {
          const label =
            name === 'nps' && loyalty.toLowerCase() !== 'nps' ? visibleText(loyalty) : (TARGET_NAMES[name] ?? name);
          const text = `${label} ${verdict ?? 'no data'}`;
          return verdict === 'met' ? style.green(text) : verdict === 'missed' ? style.red(text) : style.dim(text);
        });
        parts.splice(parts.length - 1, 0, `  targets: ${words.join(', ')}`);
      }
    }
    section(
      'By channel',
      report.byChannel.map((card): Row => [card.channel, card, changesOf('byChannel', 'channel', card.channel)]),
    );
  }
  if (view === 'summary' || view === 'agent')
    section(
      'By agent',
      report.byAgent.map((card): Row => [card.agent, card, changesOf('byAgent', 'agent', card.agent)]),
    );
  if (view === 'agent,channel') {
    section(
      'By agent × channel',
      report.byAgentChannel.map((card): Row => [`${card.agent} · ${card.channel}`, card, undefined]),
    );
  }
  if (view === 'summary' && report.bySegment.length > 0) {
    parts.push(style.bold('Churn by segment'));
    for (const { segment, churn } of report.bySegment) {
      parts.push(
        `  ${visibleText(segment)}: ${churn ? `${format(churn.percent, 2)} % of ${churn.activeAtStart.toLocaleString('en-US')} (${churn.churned} churned)` : '—'}`,
      );
    }
    parts.push('');
  }
  const timeBasis = period.businessHours ? 'in business hours (calendar time in JSON: calendar)' : 'in minutes';
  parts.push(
    style.dim(
      `* fewer than the minimum sample of observations (low confidence). FRT med = median first response ${timeBasis}; SL = calls answered within the service-level time; AHT = average talk time.`,
    ),
  );
  const agreement = report.qa?.agreement;
  if (report.qa) {
    const reviews = report.overall.iqs?.reviews ?? 0;
    const agreed =
      agreement && agreement.identicalPercent !== null
        ? `; reviewers agreed on ${format(agreement.identicalPercent, 1)} % of ${agreement.pairs} verdicts (Cohen's κ ${format(agreement.kappa, 2)})`
        : '; no contact was reviewed by two reviewers';
    parts.push(
      `QA: ${reviews} reviews from ${report.qa.forms.length} form${report.qa.forms.length === 1 ? '' : 's'}${agreed}.`,
    );
  }
  if (report.dataQuality.issues > 0) {
    parts.push(
      style.dim(
        `${report.dataQuality.issues.toLocaleString('en-US')} data-quality issues (see stderr, or --format json).`,
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}

function renderRows(rows: Row[], columns: readonly Column[], style: ChalkInstance): string {
  const table = new Table({
    head: ['', ...columns.map((column) => column.header)],
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: ['left', ...columns.map(() => 'right' as const)],
  });
  for (const [name, card, changes] of rows) {
    table.push([cellText(name, 24), ...columns.map((column) => cell(column, card, style, changes))]);
  }
  return table
    .toString()
    .split('\n')
    .map((line) => `  ${line.trimEnd()}`)
    .join('\n');
}

type Changes = Record<string, Record<string, { delta: number | null; lowConfidence?: true }>> | undefined;

function cell(column: Column, card: ScorecardV1, style: ChalkInstance, changes: Changes): string {
  const [blockName, field] = column.path;
  const block = (card as unknown as Record<string, Record<string, unknown> | null>)[blockName];
  const value = block?.[field];
  if (typeof value !== 'number') return style.dim('—');
  const low = block?.lowConfidence === true;
  const text = `${format(value, column.digits)}${column.unit ?? ''}${low ? '*' : ' '}`;
  const verdict = column.target ? card.targets[column.target] : undefined;
  const coloured = verdict === 'met' ? style.green(text) : verdict === 'missed' ? style.red(text) : text;
  return `${low ? style.dim(coloured) : coloured}${changes ? arrow(column, changes, style) : ''}`;
}

/** ▲ up, ▼ down, = unchanged, blank without a previous value; green when the change is an improvement. */
function arrow(column: Column, changes: NonNullable<Changes>, style: ChalkInstance): string {
  const change = changes[column.path[0]]?.[column.path[1]];
  if (change?.delta === null || change?.delta === undefined) return ' ';
  if (change.delta === 0) return style.dim('=');
  const symbol = change.delta > 0 ? '▲' : '▼';
  if (change.lowConfidence || column.better === undefined) return style.dim(symbol);
  const improved = change.delta > 0 === (column.better === 'up');
  return improved ? style.green(symbol) : style.red(symbol);
}

export function format(value: number | null, digits: number): string {
  if (value === null || !Number.isFinite(value)) return '—';
  // `+ 0` turns -0 into 0, which toLocaleString would print as "-0".
  return (value + 0).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
