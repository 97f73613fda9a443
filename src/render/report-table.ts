import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ReportV1, ScorecardV1 } from '../contracts/report-v1.js';

export type ReportView = 'summary' | 'agent' | 'channel' | 'agent,channel';

/** One column of the scorecard table: a header, a value, and the target it is judged by. */
interface Column {
  header: string;
  value: (card: ScorecardV1) => number | null;
  digits: number;
  lowConfidence?: (card: ScorecardV1) => boolean;
  target?: keyof ScorecardV1['targets'] | string;
  unit?: string;
}

/**
 * The five metrics per group in 11 columns that fit 120 characters (SPEC §4): contacts, NPS,
 * CSAT, first response (median, SLA), resolution, the call service level, abandonment, handle
 * time and churn. A low-confidence value carries `*`; with colour, targets met are green and
 * missed red, low confidence dim.
 */
const COLUMNS: Column[] = [
  { header: 'Contacts', value: (c) => c.volume.contacts, digits: 0 },
  {
    header: 'NPS',
    value: (c) => c.loyalty?.score ?? null,
    digits: 1,
    lowConfidence: (c) => c.loyalty?.lowConfidence ?? false,
    target: 'nps',
  },
  {
    header: 'CSAT %',
    value: (c) => c.csat?.percent ?? null,
    digits: 1,
    lowConfidence: (c) => c.csat?.lowConfidence ?? false,
    target: 'csat',
  },
  {
    header: 'FRT med',
    value: (c) => c.firstResponse?.medianMinutes ?? null,
    digits: 1,
    unit: 'm',
    lowConfidence: (c) => c.firstResponse?.lowConfidence ?? false,
  },
  {
    header: 'FRT SLA %',
    value: (c) => c.firstResponse?.slaPercent ?? null,
    digits: 1,
    lowConfidence: (c) => c.firstResponse?.lowConfidence ?? false,
    target: 'firstResponseSla',
  },
  {
    header: 'Resolved %',
    value: (c) => c.resolution?.resolvedPercent ?? null,
    digits: 1,
    lowConfidence: (c) => c.resolution?.lowConfidence ?? false,
  },
  {
    header: 'SL %',
    value: (c) => c.calls?.serviceLevelPercent ?? null,
    digits: 1,
    lowConfidence: (c) => c.calls?.lowConfidence ?? false,
    target: 'serviceLevel',
  },
  {
    header: 'Abandon %',
    value: (c) => c.calls?.abandonPercent ?? null,
    digits: 1,
    lowConfidence: (c) => c.calls?.lowConfidence ?? false,
  },
  {
    header: 'AHT',
    value: (c) => c.calls?.ahtSeconds ?? null,
    digits: 0,
    unit: 's',
    lowConfidence: (c) => c.calls?.lowConfidence ?? false,
  },
  {
    header: 'Churn %',
    value: (c) => c.churn?.percent ?? null,
    digits: 2,
    lowConfidence: (c) => c.churn?.lowConfidence ?? false,
    target: 'churn',
  },
];

const TARGET_NAMES: Record<string, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  firstResponseSla: 'FRT SLA',
  iqs: 'IQS',
  churn: 'churn',
  serviceLevel: 'service level',
};

const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

export function renderReportTable(report: ReportV1, style: ChalkInstance, view: ReportView = 'summary'): string {
  const { period } = report;
  const loyalty = report.overall.loyalty?.index ?? 'nps';
  const columns = COLUMNS.map((column, at) =>
    at === 1 && loyalty.toLowerCase() !== 'nps' ? { ...column, header: truncate(loyalty, 10) } : column,
  );
  const parts = [
    style.bold(`cs-kpi report — ${period.month}`) +
      style.dim(` (${period.from.slice(0, 10)} … ${period.to.slice(0, 10)} exclusive, ${period.timezone})`),
    '',
  ];
  const section = (title: string, rows: [string, ScorecardV1][]) => {
    if (rows.length === 0) return;
    parts.push(style.bold(title), renderRows(rows, columns, style), '');
  };
  if (view === 'summary' || view === 'channel') {
    if (view === 'summary') {
      section('Overall', [['Overall', report.overall]]);
      const verdicts = Object.entries(report.overall.targets);
      if (verdicts.length > 0) {
        const words = verdicts.map(([name, verdict]) => {
          const label = name === 'nps' && loyalty.toLowerCase() !== 'nps' ? loyalty : (TARGET_NAMES[name] ?? name);
          const text = `${label} ${verdict ?? 'no data'}`;
          return verdict === 'met' ? style.green(text) : verdict === 'missed' ? style.red(text) : style.dim(text);
        });
        parts.splice(parts.length - 1, 0, `  targets: ${words.join(', ')}`);
      }
    }
    section(
      'By channel',
      report.byChannel.map((card) => [card.channel, card]),
    );
  }
  if (view === 'summary' || view === 'agent')
    section(
      'By agent',
      report.byAgent.map((card) => [card.agent, card]),
    );
  if (view === 'agent,channel') {
    section(
      'By agent × channel',
      report.byAgentChannel.map((card) => [`${card.agent} · ${card.channel}`, card]),
    );
  }
  if (view === 'summary' && report.bySegment.length > 0) {
    parts.push(style.bold('Churn by segment'));
    for (const { segment, churn } of report.bySegment) {
      parts.push(
        `  ${segment}: ${churn ? `${format(churn.percent, 2)} % of ${churn.activeAtStart.toLocaleString('en-US')} (${churn.churned} churned)` : '—'}`,
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
  if (report.dataQuality.issues > 0) {
    parts.push(
      style.dim(
        `${report.dataQuality.issues.toLocaleString('en-US')} data-quality issues (see stderr, or --format json).`,
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}

function renderRows(rows: [string, ScorecardV1][], columns: readonly Column[], style: ChalkInstance): string {
  const table = new Table({
    head: ['', ...columns.map((column) => column.header)],
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: ['left', ...columns.map(() => 'right' as const)],
  });
  for (const [name, card] of rows) {
    table.push([truncate(name, 24), ...columns.map((column) => cell(column, card, style))]);
  }
  return table
    .toString()
    .split('\n')
    .map((line) => `  ${line.trimEnd()}`)
    .join('\n');
}

function cell(column: Column, card: ScorecardV1, style: ChalkInstance): string {
  const value = column.value(card);
  if (value === null) return style.dim('—');
  const low = column.lowConfidence?.(card) ?? false;
  const text = `${format(value, column.digits)}${column.unit ?? ''}${low ? '*' : ' '}`;
  const verdict = column.target ? card.targets[column.target] : undefined;
  const coloured = verdict === 'met' ? style.green(text) : verdict === 'missed' ? style.red(text) : text;
  return low ? style.dim(coloured) : coloured;
}

export function format(value: number | null, digits: number): string {
  if (value === null) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
