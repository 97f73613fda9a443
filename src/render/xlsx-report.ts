import type { Writable } from 'node:stream';
import type { Cell, Fill, Font, Workbook, Worksheet } from 'exceljs';
import { z } from 'zod';
import type { ReportV1, ScorecardV1 } from '../contracts/report-v1.js';
import { DEFAULT_MIN_SAMPLE } from '../metrics/accumulator.js';

/**
 * `report --format xlsx` (SPEC §8): the workbook a manager forwards as is. Summary, By agent,
 * By channel, Agent × channel, Segments, Calls, QA (with `--qa`), Follow-ups (when given), Data
 * quality and Definitions. Figures are real numbers equal to the JSON report's, shown through
 * number formats (a percentage is stored as 79.4 with the format `0.0"%"`, never as 0.794);
 * nulls are empty cells. Text from inputs is always a string cell, never a formula. exceljs is
 * loaded only when a workbook is written (STYLE §4.3), and the bytes go to the stream handed in
 * (STYLE §4.4 rule 9); exceljs ends that stream itself.
 */

/** One answer to call back (SPEC §10 "Follow-ups"), as the Follow-ups sheet lists it. */
export interface FollowupRow {
  answeredAt: string;
  survey: string;
  score: number;
  agent: string | null;
  channel: string | null;
  customer: string | null;
  contactId: string | null;
  topic: string | null;
  comment: string | null;
}

type TargetBound = { min?: number; max?: number };

export interface XlsxReportExtras {
  /** docs/metrics.md, turned into the Definitions sheet. */
  definitions: string;
  /** The Follow-ups sheet, only when given. */
  followups?: readonly FollowupRow[];
  /** The report's `qa` section (SPEC §7); the QA sheet appears only when given. */
  qa?: unknown;
  /** The configured targets (config `targets`), so the Summary can say what each figure is held to. */
  targets?: Readonly<Partial<Record<string, TargetBound>>>;
  /** config `minSample`, named in the low-confidence notes (default 30, SPEC §10). */
  minSample?: number;
}

export function renderReportXlsx(report: ReportV1, extras: XlsxReportExtras): (out: Writable) => Promise<void> {
  return async (out) => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    buildWorkbook(workbook, report, extras);
    await workbook.xlsx.write(out);
  };
}

// ---------------------------------------------------------------------------------------------
// Styles

const FORMAT = {
  count: '#,##0',
  score: '0.0',
  percent: '0.0"%"',
  percent2: '0.00"%"',
  minutes: '0.0" min"',
  hours: '0.0" h"',
  seconds: '0" s"',
  line: '0',
} as const;

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const FILL = { met: solid('FFC6EFCE'), missed: solid('FFFFC7CE'), header: solid('FFF2F2F2') };
const FONT_COLOUR = { met: 'FF006100', missed: 'FF9C0006', grey: 'FF808080' };
/** Every font names its face: a font without a name falls back to a serif face in LibreOffice. */
const calibri = (font: Partial<Font>): Partial<Font> => ({ name: 'Calibri', family: 2, size: 11, ...font });
const EXCEL_TEXT_LIMIT = 32_767;
const LINE_HEIGHT = 15;

type Verdict = 'met' | 'missed' | null | undefined;

/** A figure's confidence: low when its n is below `minSample` (SPEC §10). */
interface Confidence {
  lowConfidence: boolean;
  n: number;
  /** the cell note, when not the usual 'fewer than N observations' */
  note?: string;
}

/** Writes text as a string cell (a shared string, `t="s"`): never a formula, whatever it starts with. */
function setText(cell: Cell, text: string | null | undefined): void {
  if (text === null || text === undefined || text === '') return;
  cell.value = text.length > EXCEL_TEXT_LIMIT ? `${text.slice(0, EXCEL_TEXT_LIMIT - 1)}…` : text;
}

function setNumber(cell: Cell, value: number | null | undefined, format: string): void {
  if (value === null || value === undefined || !Number.isFinite(value)) return;
  cell.value = value;
  cell.numFmt = format;
}

/** Colours a figure by its target verdict, greys it when low-confidence, and says why in a note. */
function mark(cell: Cell, verdict: Verdict, confidence: Confidence | null, minSample: number, bold = false): void {
  const font: Partial<Font> = {};
  if (bold) font.bold = true;
  if (verdict === 'met' || verdict === 'missed') {
    cell.fill = FILL[verdict];
    font.color = { argb: FONT_COLOUR[verdict] };
  }
  if (confidence?.lowConfidence && cell.value !== null && cell.value !== undefined) {
    font.color = { argb: FONT_COLOUR.grey };
    font.italic = true;
    cell.note = confidence.note ?? `fewer than ${minSample} observations (n = ${confidence.n}): low confidence`;
  }
  if (Object.keys(font).length > 0) cell.font = calibri(font);
}

type Align = 'left' | 'center' | 'right';

/** A header row: bold on grey, wrapped, aligned like the values below, tall enough for its lines. */
function writeHeader(
  ws: Worksheet,
  row: number,
  headers: readonly { text: string; width: number; align: Align }[],
): void {
  headers.forEach(({ text, align }, index) => {
    const cell = ws.getCell(row, index + 1);
    setText(cell, text);
    cell.font = calibri({ bold: true });
    cell.fill = FILL.header;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: align };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } } };
  });
  ws.getRow(row).height = Math.max(...headers.map(({ text, width }) => wrappedHeight([text], width, 1.05)));
}

/** Rows of wrapped text keep an explicit height: Excel does not fit them on opening a file. */
function wrappedHeight(texts: readonly string[], width: number, charWidth = 0.9): number {
  const perLine = Math.max(1, Math.floor((width - 1) / charWidth));
  return Math.max(1, ...texts.map((text) => wrappedLines(text, perLine))) * LINE_HEIGHT + 2;
}

/** The lines a greedy word wrap makes of `text` at `perLine` characters. */
function wrappedLines(text: string, perLine: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(' ')) {
      const length = word.length;
      if (used > 0 && used + 1 + length > perLine) {
        lines++;
        used = 0;
      }
      used += (used > 0 ? 1 : 0) + length;
      while (used > perLine) {
        lines++;
        used -= perLine;
      }
    }
  }
  return lines;
}

function addSheet(workbook: Workbook, name: string, frozen?: { columns: number }): Worksheet {
  return workbook.addWorksheet(name, {
    views: frozen ? [{ state: 'frozen', xSplit: frozen.columns, ySplit: 1 }] : [{}],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
}

// ---------------------------------------------------------------------------------------------
// List sheets: one header row, one row per group, an optional total row below the filtered range

interface ListColumn<Row> {
  header: string;
  width: number;
  /** A string is written as text, a number with `format`. */
  value: (row: Row) => string | number | null | undefined;
  format?: string;
  wrap?: boolean;
  /** Default: left for text, right for numbers. */
  align?: Align;
  verdict?: (row: Row) => Verdict;
  confidence?: (row: Row) => Confidence | null;
}

interface ListOptions<Row> {
  total?: Row;
  minSample: number;
}

function writeList<Row>(
  ws: Worksheet,
  columns: readonly ListColumn<Row>[],
  rows: readonly Row[],
  options: ListOptions<Row>,
): number {
  const all = options.total !== undefined ? [...rows, options.total] : rows;
  const aligns = columns.map(
    (column): Align => column.align ?? (all.some((row) => typeof column.value(row) === 'string') ? 'left' : 'right'),
  );
  columns.forEach((column, index) => (ws.getColumn(index + 1).width = column.width));
  writeHeader(
    ws,
    1,
    columns.map((column, index) => ({ text: column.header, width: column.width, align: aligns[index] ?? 'left' })),
  );
  const wrapColumn = columns.find((column) => column.wrap);
  const writeRow = (rowNumber: number, row: Row, bold: boolean) => {
    const wrapped: string[] = [];
    columns.forEach((column, index) => {
      const cell = ws.getCell(rowNumber, index + 1);
      const value = column.value(row);
      if (typeof value === 'string') {
        setText(cell, value);
        if (column.wrap) wrapped.push(value);
      } else setNumber(cell, value, column.format ?? FORMAT.count);
      // With a wrapped column in the sheet, every cell sits at the top of its (taller) row.
      if (wrapColumn !== undefined || column.align !== undefined) {
        cell.alignment = {
          ...(wrapColumn !== undefined ? { vertical: 'top' as const } : {}),
          ...(column.wrap ? { wrapText: true } : {}),
          ...(column.align !== undefined ? { horizontal: column.align } : {}),
        };
      }
      mark(cell, column.verdict?.(row), column.confidence?.(row) ?? null, options.minSample, bold);
    });
    if (wrapped.length > 0 && wrapColumn) ws.getRow(rowNumber).height = wrappedHeight(wrapped, wrapColumn.width);
  };
  rows.forEach((row, index) => writeRow(index + 2, row, false));
  const last = rows.length + 1;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: columns.length } };
  ws.pageSetup.printTitlesRow = '1:1';
  if (options.total !== undefined) writeRow(last + 2, options.total, true);
  return options.total !== undefined ? last + 2 : last;
}

/** A text column sized to its longest value, within bounds. */
function textWidth(header: string, values: readonly (string | null | undefined)[], min = 10, max = 40): number {
  const longest = Math.max(
    ...header.split(' ').map((word) => word.length),
    ...values.map((value) => (value ?? '').length),
  );
  return Math.min(max, Math.max(min, longest + 2));
}

// ---------------------------------------------------------------------------------------------
// The scorecard columns, shared by By agent, By channel and Agent × channel

/** The first slot: the loyalty index when it is not NPS itself, else NPS. */
interface FirstSlot {
  name: string;
  block: (card: ScorecardV1) => { score: number | null; n: number; lowConfidence: boolean } | null;
}

function firstSlotOf(report: ReportV1): FirstSlot {
  const loyalty = report.overall.loyalty;
  if (loyalty !== null && loyalty.index.toLowerCase() !== 'nps')
    return { name: loyalty.index, block: (card) => card.loyalty };
  return { name: 'NPS', block: (card) => card.nps };
}

const confidenceOf =
  <B extends { lowConfidence: boolean }>(block: (card: ScorecardV1) => B | null, n: (block: B) => number) =>
  (card: ScorecardV1): Confidence | null => {
    const found = block(card);
    return found ? { lowConfidence: found.lowConfidence, n: n(found) } : null;
  };

function scorecardColumns(slot: FirstSlot): ListColumn<ScorecardV1>[] {
  const first = confidenceOf(slot.block, (b) => b.n);
  const csat = confidenceOf(
    (c) => c.csat,
    (b) => b.n,
  );
  const frt = confidenceOf(
    (c) => c.firstResponse,
    (b) => b.n,
  );
  const resolution = confidenceOf(
    (c) => c.resolution,
    (b) => b.created,
  );
  const calls = confidenceOf(
    (c) => c.calls,
    (b) => b.offered,
  );
  const churn = confidenceOf(
    (c) => c.churn,
    (b) => b.activeAtStart,
  );
  const fcr = confidenceOf(
    (c) => c.fcr,
    (b) => b.n,
  );
  const w = 12;
  return [
    { header: 'Contacts', width: w, value: (c) => c.volume.contacts, format: FORMAT.count },
    {
      header: slot.name,
      width: w,
      value: (c) => slot.block(c)?.score,
      format: FORMAT.score,
      verdict: (c) => c.targets.nps,
      confidence: first,
    },
    { header: `${slot.name} answers`, width: w, value: (c) => slot.block(c)?.n, format: FORMAT.count },
    {
      header: 'CSAT %',
      width: w,
      value: (c) => c.csat?.percent,
      format: FORMAT.percent,
      verdict: (c) => c.targets.csat,
      confidence: csat,
    },
    { header: 'CSAT answers', width: w, value: (c) => c.csat?.n, format: FORMAT.count },
    {
      header: 'First response median',
      width: w,
      value: (c) => c.firstResponse?.medianMinutes,
      format: FORMAT.minutes,
      confidence: frt,
    },
    {
      header: 'First response p90',
      width: w,
      value: (c) => c.firstResponse?.p90Minutes,
      format: FORMAT.minutes,
      confidence: frt,
    },
    {
      header: 'First response within SLA %',
      width: w,
      value: (c) => c.firstResponse?.slaPercent,
      format: FORMAT.percent,
      verdict: (c) => c.targets.firstResponseSla,
      confidence: frt,
    },
    {
      header: 'Resolved %',
      width: w,
      value: (c) => c.resolution?.resolvedPercent,
      format: FORMAT.percent,
      confidence: resolution,
    },
    {
      header: 'Resolution median',
      width: w,
      value: (c) => c.resolution?.medianHours,
      format: FORMAT.hours,
      confidence: resolution,
    },
    { header: 'Open tickets', width: w, value: (c) => c.resolution?.open, format: FORMAT.count },
    { header: 'Calls offered', width: w, value: (c) => c.calls?.offered, format: FORMAT.count },
    { header: 'Calls answered', width: w, value: (c) => c.calls?.answered, format: FORMAT.count },
    {
      header: 'Service level %',
      width: w,
      value: (c) => c.calls?.serviceLevelPercent,
      format: FORMAT.percent,
      verdict: (c) => c.targets.serviceLevel,
      confidence: calls,
    },
    {
      header: 'Abandoned %',
      width: w,
      value: (c) => c.calls?.abandonPercent,
      format: FORMAT.percent,
      confidence: calls,
    },
    {
      header: 'Avg speed of answer',
      width: w,
      value: (c) => c.calls?.asaSeconds,
      format: FORMAT.seconds,
      confidence: calls,
    },
    {
      header: 'Avg handle time',
      width: w,
      value: (c) => c.calls?.ahtSeconds,
      format: FORMAT.seconds,
      confidence: calls,
    },
    {
      header: 'Churn %',
      width: w,
      value: (c) => c.churn?.percent,
      format: FORMAT.percent2,
      verdict: (c) => c.targets.churn,
      confidence: churn,
    },
    { header: 'FCR %', width: w, value: (c) => c.fcr?.percent, format: FORMAT.percent, confidence: fcr },
  ];
}

// ---------------------------------------------------------------------------------------------
// The workbook

function buildWorkbook(workbook: Workbook, report: ReportV1, extras: XlsxReportExtras): void {
  const minSample = extras.minSample ?? DEFAULT_MIN_SAMPLE;
  const slot = firstSlotOf(report);
  workbook.creator = 'cs-kpi';
  workbook.title = `Customer service scorecard ${report.period.month}`;
  // The file's dates come from the report, not the clock (STYLE §4.4 rule 14).
  const stamp = new Date(report.period.to);
  if (!Number.isNaN(stamp.getTime())) workbook.created = workbook.modified = stamp;

  writeSummary(addSheet(workbook, 'Summary'), report, extras, slot, minSample);

  const columns = scorecardColumns(slot);
  const keyColumn = <Row>(header: string, key: (row: Row) => string, values: readonly string[]): ListColumn<Row> => ({
    header,
    width: textWidth(header, [...values, 'All contacts'], 14, 36),
    value: key,
  });
  const agents = report.byAgent.map((card) => card.agent);
  const channels = report.byChannel.map((card) => card.channel);
  writeList(
    addSheet(workbook, 'By agent', { columns: 1 }),
    [keyColumn<ReportV1['byAgent'][number]>('Agent', (row) => row.agent, agents), ...columns],
    report.byAgent,
    { total: { ...report.overall, agent: 'All contacts' }, minSample },
  );
  writeList(
    addSheet(workbook, 'By channel', { columns: 1 }),
    [keyColumn<ReportV1['byChannel'][number]>('Channel', (row) => row.channel, channels), ...columns],
    report.byChannel,
    { total: { ...report.overall, channel: 'All contacts' }, minSample },
  );
  type Pair = ReportV1['byAgentChannel'][number];
  writeList(
    addSheet(workbook, 'Agent × channel', { columns: 2 }),
    [
      keyColumn<Pair>(
        'Agent',
        (row) => row.agent,
        report.byAgentChannel.map((row) => row.agent),
      ),
      keyColumn<Pair>(
        'Channel',
        (row) => row.channel,
        report.byAgentChannel.map((row) => row.channel),
      ),
      ...columns,
    ],
    report.byAgentChannel,
    { total: { ...report.overall, agent: 'All contacts', channel: '' }, minSample },
  );
  writeSegments(addSheet(workbook, 'Segments', { columns: 1 }), report, minSample);
  writeCalls(addSheet(workbook, 'Calls', { columns: 1 }), report, minSample);
  if (report.compare) writeChanges(workbook, report, report.compare);
  if (extras.qa !== undefined) writeQa(addSheet(workbook, 'QA', { columns: 1 }), report, extras.qa, minSample);
  if (extras.followups !== undefined)
    writeFollowups(addSheet(workbook, 'Follow-ups', { columns: 1 }), extras.followups);
  writeDataQuality(addSheet(workbook, 'Data quality', { columns: 1 }), report);
  writeDefinitions(addSheet(workbook, 'Definitions'), extras.definitions);
}

// ---------------------------------------------------------------------------------------------
// Summary

interface SummaryMetric {
  name: string;
  value: number | null | undefined;
  format: string;
  target?: string;
  n: number | undefined;
  counts: string;
  lowConfidence: boolean;
}

function summaryMetrics(card: ScorecardV1, slot: FirstSlot): SummaryMetric[] {
  const first = slot.block(card);
  const metrics: SummaryMetric[] = [
    {
      name: slot.name === 'NPS' ? 'NPS' : `Loyalty index (${slot.name})`,
      value: first?.score,
      format: FORMAT.score,
      target: 'nps',
      n: first?.n,
      counts: 'survey answers',
      lowConfidence: first?.lowConfidence ?? false,
    },
  ];
  if (slot.name !== 'NPS' && card.nps !== null) {
    metrics.push({
      name: 'NPS',
      value: card.nps.score,
      format: FORMAT.score,
      n: card.nps.n,
      counts: 'survey answers',
      lowConfidence: card.nps.lowConfidence,
    });
  }
  metrics.push(
    {
      name: 'Churn %',
      value: card.churn?.percent,
      format: FORMAT.percent2,
      target: 'churn',
      n: card.churn?.activeAtStart,
      counts: 'customers active at the start',
      lowConfidence: card.churn?.lowConfidence ?? false,
    },
    {
      name: 'First response, median',
      value: card.firstResponse?.medianMinutes,
      format: FORMAT.minutes,
      n: card.firstResponse?.n,
      counts: 'tickets with a first response',
      lowConfidence: card.firstResponse?.lowConfidence ?? false,
    },
    {
      name: 'First response within SLA %',
      value: card.firstResponse?.slaPercent,
      format: FORMAT.percent,
      target: 'firstResponseSla',
      n: card.firstResponse?.slaDue,
      counts: 'tickets due under an SLA',
      lowConfidence: card.firstResponse?.lowConfidence ?? false,
    },
    {
      name: 'Resolved %',
      value: card.resolution?.resolvedPercent,
      format: FORMAT.percent,
      n: card.resolution?.created,
      counts: 'tickets created',
      lowConfidence: card.resolution?.lowConfidence ?? false,
    },
    {
      name: 'CSAT %',
      value: card.csat?.percent,
      format: FORMAT.percent,
      target: 'csat',
      n: card.csat?.n,
      counts: 'ratings',
      lowConfidence: card.csat?.lowConfidence ?? false,
    },
  );
  if (card.calls !== null || 'serviceLevel' in card.targets) {
    metrics.push({
      name: 'Calls answered within service level %',
      value: card.calls?.serviceLevelPercent,
      format: FORMAT.percent,
      target: 'serviceLevel',
      n: card.calls?.offered,
      counts: 'inbound calls',
      lowConfidence: card.calls?.lowConfidence ?? false,
    });
  }
  if (card.iqs !== null || 'iqs' in card.targets) {
    metrics.push({
      name: 'IQS (quality reviews)',
      value: card.iqs?.score,
      format: FORMAT.score,
      target: 'iqs',
      n: card.iqs?.reviews,
      counts: 'reviews',
      lowConfidence: card.iqs?.lowConfidence ?? false,
    });
  }
  return metrics;
}

function describeTarget(bound: TargetBound | undefined, format: string): string | null {
  if (bound === undefined) return null;
  const unit = format.includes('%') ? '%' : format.includes('min') ? ' min' : '';
  const parts: string[] = [];
  if (bound.min !== undefined) parts.push(`≥ ${bound.min}${unit}`);
  if (bound.max !== undefined) parts.push(`≤ ${bound.max}${unit}`);
  return parts.length > 0 ? parts.join(' and ') : null;
}

function periodText(period: ReportV1['period']): string {
  const from = dateOf(period.from);
  const to = dateOf(period.to);
  if (from === null || to === null) return `${period.from} – ${period.to} (exclusive)`;
  const last = new Date(to.getTime() - 86_400_000);
  const day = (date: Date, withYear: boolean) =>
    date.toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    });
  return `${day(from, false)} – ${day(last, true)}`;
}

function dateOf(instant: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(instant);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

function monthTitle(month: string): string {
  const date = dateOf(`${month}-01`);
  return date ? date.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }) : month;
}

function writeSummary(
  ws: Worksheet,
  report: ReportV1,
  extras: XlsxReportExtras,
  slot: FirstSlot,
  minSample: number,
): void {
  const { period, overall } = report;
  const widths = [36, 13, 13, 11, 11, 34] as const;
  widths.forEach((width, index) => (ws.getColumn(index + 1).width = width));
  ws.pageSetup.orientation = 'portrait';
  let row = 1;
  const line = (text: string, font?: Partial<Font>) => {
    const cell = ws.getCell(row, 1);
    setText(cell, text);
    if (font) cell.font = calibri(font);
    row++;
  };

  line(`Customer service scorecard — ${monthTitle(period.month)}`, { bold: true, size: 16 });
  line(
    `${periodText(period)}, times in ${period.timezone}${period.businessHours ? '; SLA times count business hours' : ''}`,
    { color: { argb: 'FF595959' } },
  );
  const { volume } = overall;
  line(
    `${volume.contacts.toLocaleString('en-US')} contacts: ${volume.calls.toLocaleString('en-US')} calls and ` +
      `${volume.tickets.toLocaleString('en-US')} tickets; ${volume.surveys.toLocaleString('en-US')} survey answers`,
  );
  row++;

  line('The month against its targets', { bold: true, size: 13 });
  writeHeader(ws, row, [
    { text: 'Metric', width: widths[0], align: 'left' },
    { text: 'Value', width: widths[1], align: 'right' },
    { text: 'Target', width: widths[2], align: 'center' },
    { text: 'Result', width: widths[3], align: 'center' },
    { text: 'Based on', width: widths[4], align: 'right' },
    { text: '', width: widths[5], align: 'left' },
  ]);
  row++;
  for (const metric of summaryMetrics(overall, slot)) {
    const verdict = metric.target !== undefined ? overall.targets[metric.target] : undefined;
    const hasTarget = metric.target !== undefined && metric.target in overall.targets;
    setText(ws.getCell(row, 1), metric.name);
    const value = ws.getCell(row, 2);
    setNumber(value, metric.value, metric.format);
    mark(value, verdict, { lowConfidence: metric.lowConfidence, n: metric.n ?? 0 }, minSample);
    const bound = metric.target !== undefined ? extras.targets?.[metric.target] : undefined;
    setText(ws.getCell(row, 3), describeTarget(bound, metric.format) ?? (hasTarget ? '' : 'no target'));
    const result = ws.getCell(row, 4);
    setText(result, hasTarget ? (verdict ?? 'no data') : '');
    mark(result, verdict, null, minSample, true);
    for (const centred of [ws.getCell(row, 3), result]) centred.alignment = { horizontal: 'center' };
    setNumber(ws.getCell(row, 5), metric.n, FORMAT.count);
    if (metric.n !== undefined) setText(ws.getCell(row, 6), metric.counts);
    ws.getCell(row, 6).alignment = { indent: 1 };
    row++;
  }
  row++;
  const legend = ws.getCell(row, 1);
  legend.value = {
    richText: [
      { text: 'Green', font: calibri({ bold: true, color: { argb: FONT_COLOUR.met } }) },
      { text: ': target met.  ', font: calibri({}) },
      { text: 'Red', font: calibri({ bold: true, color: { argb: FONT_COLOUR.missed } }) },
      { text: ': target missed.  ', font: calibri({}) },
      { text: 'Grey italic', font: calibri({ italic: true, color: { argb: FONT_COLOUR.grey } }) },
      {
        text: `: fewer than ${minSample} observations, so a low-confidence value (the cell's note says how many); read it with care.`,
        font: calibri({}),
      },
    ],
  };
  ws.mergeCells(row, 1, row, 6);
  legend.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(row).height = 2 * LINE_HEIGHT + 2;
  row += 2;

  line('Inputs', { bold: true, size: 13 });
  writeHeader(ws, row, [
    { text: 'File', width: widths[0], align: 'left' },
    { text: 'Kind', width: widths[1], align: 'left' },
    { text: 'Rows', width: widths[2], align: 'right' },
    { text: 'Used', width: widths[3], align: 'right' },
    { text: 'Issues', width: widths[4], align: 'right' },
  ]);
  row++;
  for (const input of report.inputs) {
    setText(ws.getCell(row, 1), input.file);
    setText(ws.getCell(row, 2), input.kind);
    setNumber(ws.getCell(row, 3), input.rows, FORMAT.count);
    setNumber(ws.getCell(row, 4), input.used, FORMAT.count);
    setNumber(ws.getCell(row, 5), input.issues, FORMAT.count);
    row++;
  }
  row++;
  const issues = report.dataQuality.issues;
  line(
    issues === 0
      ? 'No data-quality issues in the inputs.'
      : `${issues.toLocaleString('en-US')} data-quality ${issues === 1 ? 'issue' : 'issues'}: rows or values left out or corrected; see the Data quality sheet.`,
  );
  row++;

  line('How the figures were counted', { bold: true, size: 13 });
  const rules: [string, string][] = [
    ['Month', report.rules.month],
    ['Attribution', report.rules.attribution],
    ['Service level', report.rules.serviceLevel],
  ];
  const ruleWidth = widths.slice(1).reduce((sum, width) => sum + width, 0);
  for (const [label, text] of rules) {
    setText(ws.getCell(row, 1), label);
    ws.getCell(row, 1).alignment = { vertical: 'top' };
    const cell = ws.getCell(row, 2);
    setText(cell, text);
    ws.mergeCells(row, 2, row, 6);
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(row).height = wrappedHeight([text], ruleWidth);
    row++;
  }
  line('Every figure is defined in words on the Definitions sheet.');
}

// ---------------------------------------------------------------------------------------------
// Segments, Calls, QA, Follow-ups, Data quality

function writeSegments(ws: Worksheet, report: ReportV1, minSample: number): void {
  type Row = { segment: string; churn: ScorecardV1['churn']; targets?: ScorecardV1['targets'] };
  const churn = (row: Row): Confidence | null =>
    row.churn ? { lowConfidence: row.churn.lowConfidence, n: row.churn.activeAtStart } : null;
  const columns: ListColumn<Row>[] = [
    {
      header: 'Segment',
      width: textWidth(
        'Segment',
        report.bySegment.map((row) => row.segment),
        14,
        36,
      ),
      value: (row) => row.segment,
    },
    { header: 'Customers active at the start', width: 14, value: (row) => row.churn?.activeAtStart },
    { header: 'Churned', width: 12, value: (row) => row.churn?.churned },
    {
      header: 'Churn %',
      width: 12,
      value: (row) => row.churn?.percent,
      format: FORMAT.percent2,
      verdict: (row) => row.targets?.churn,
      confidence: churn,
    },
    {
      header: 'Revenue churn %',
      width: 12,
      value: (row) => row.churn?.revenuePercent,
      format: FORMAT.percent2,
      confidence: churn,
    },
  ];
  writeList(ws, columns, report.bySegment, {
    total: { segment: 'All customers', churn: report.overall.churn, targets: report.overall.targets },
    minSample,
  });
}

function writeCalls(ws: Worksheet, report: ReportV1, minSample: number): void {
  type Row = { agent: string; calls: ScorecardV1['calls']; targets: ScorecardV1['targets'] };
  const rows: Row[] = report.byAgent.filter((card) => card.calls !== null);
  const calls = (row: Row): Confidence | null =>
    row.calls ? { lowConfidence: row.calls.lowConfidence, n: row.calls.offered } : null;
  const columns: ListColumn<Row>[] = [
    {
      header: 'Agent',
      width: textWidth(
        'Agent',
        rows.map((row) => row.agent),
        14,
        36,
      ),
      value: (row) => row.agent,
    },
    { header: 'Offered', width: 12, value: (row) => row.calls?.offered },
    { header: 'Answered', width: 12, value: (row) => row.calls?.answered },
    { header: 'Missed', width: 12, value: (row) => row.calls?.missed },
    {
      header: 'Service level %',
      width: 12,
      value: (row) => row.calls?.serviceLevelPercent,
      format: FORMAT.percent,
      verdict: (row) => row.targets.serviceLevel,
      confidence: calls,
    },
    {
      header: 'Avg speed of answer',
      width: 12,
      value: (row) => row.calls?.asaSeconds,
      format: FORMAT.seconds,
      confidence: calls,
    },
    {
      header: 'Avg handle time',
      width: 12,
      value: (row) => row.calls?.ahtSeconds,
      format: FORMAT.seconds,
      confidence: calls,
    },
    {
      header: 'Abandoned %',
      width: 12,
      value: (row) => row.calls?.abandonPercent,
      format: FORMAT.percent,
      confidence: calls,
    },
  ];
  if ([report.overall, ...rows].some((row) => row.calls?.callbackPercent != null)) {
    columns.push({
      header: 'Called back %',
      width: 12,
      value: (row) => row.calls?.callbackPercent,
      format: FORMAT.percent,
      confidence: calls,
    });
  }
  const last = writeList(ws, columns, rows, {
    total: { agent: 'All calls', calls: report.overall.calls, targets: report.overall.targets },
    minSample,
  });
  const note = ws.getCell(last + 1, 1);
  setText(note, 'Missed calls usually name no agent: they count in “All calls” only.');
  note.font = calibri({ italic: true, color: { argb: 'FF595959' } });
}

const QaSection = z.object({
  forms: z.array(z.string()).optional(),
  agreement: z
    .object({
      pairs: z.number(),
      identicalPercent: z.number().nullable(),
      kappa: z.number().nullable(),
      byReviewer: z
        .array(z.object({ reviewer: z.string(), reviews: z.number(), meanDeviation: z.number().nullable() }))
        .optional(),
    })
    .nullable()
    .optional(),
});

function writeQa(ws: Worksheet, report: ReportV1, qa: unknown, minSample: number): void {
  type Row = ReportV1['byAgent'][number];
  const rows = report.byAgent.filter((card) => card.iqs !== null);
  const confidence = (row: Row): Confidence | null =>
    row.iqs ? { lowConfidence: row.iqs.lowConfidence, n: row.iqs.reviews } : null;
  const columns: ListColumn<Row>[] = [
    {
      header: 'Agent',
      width: textWidth(
        'Agent',
        rows.map((row) => row.agent),
        22,
        36,
      ),
      value: (row) => row.agent,
    },
    { header: 'Reviews', width: 12, value: (row) => row.iqs?.reviews },
    {
      header: 'IQS',
      width: 12,
      value: (row) => row.iqs?.score,
      format: FORMAT.score,
      verdict: (row) => row.targets.iqs,
      confidence,
    },
    { header: 'Critical fails', width: 12, value: (row) => row.iqs?.criticalFails },
  ];
  let row = writeList(ws, columns, rows, {
    total: { ...report.overall, agent: 'All reviews' },
    minSample,
  });
  const parsed = QaSection.safeParse(qa);
  if (!parsed.success) return;
  const { forms, agreement } = parsed.data;
  row += 2;
  if (forms !== undefined && forms.length > 0) {
    setText(ws.getCell(row, 1), 'Review forms');
    ws.getCell(row, 1).font = calibri({ bold: true });
    setText(ws.getCell(row, 2), forms.join(', '));
    row += 2;
  }
  if (agreement === null || agreement === undefined) {
    setText(ws.getCell(row, 1), 'Reviewer agreement: no contact was reviewed twice.');
    return;
  }
  setText(ws.getCell(row, 1), 'Reviewer agreement');
  ws.getCell(row, 1).font = calibri({ bold: true });
  row++;
  const pairs: [string, number | null, string][] = [
    ['Rated pairs', agreement.pairs, FORMAT.count],
    ['Identical verdicts %', agreement.identicalPercent, FORMAT.percent],
    ["Cohen's kappa", agreement.kappa, '0.00'],
  ];
  for (const [label, value, format] of pairs) {
    setText(ws.getCell(row, 1), label);
    setNumber(ws.getCell(row, 2), value, format);
    row++;
  }
  const reviewers = agreement.byReviewer ?? [];
  if (reviewers.length === 0) return;
  row++;
  writeHeader(
    ws,
    row,
    ['Reviewer', 'Reviews', 'Mean deviation'].map((text, index) => ({
      text,
      width: columns[index]?.width ?? 12,
      align: index === 0 ? 'left' : 'right',
    })),
  );
  row++;
  for (const reviewer of reviewers) {
    setText(ws.getCell(row, 1), reviewer.reviewer);
    setNumber(ws.getCell(row, 2), reviewer.reviews, FORMAT.count);
    setNumber(ws.getCell(row, 3), reviewer.meanDeviation, FORMAT.score);
    row++;
  }
}

/** `2026-10-03T14:05:09+03:00` → `2026-10-03 14:05` (the zone is on the Summary); anything else as is. */
function localTime(instant: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(instant);
  return match ? `${match[1]} ${match[2]}` : instant;
}

function writeFollowups(ws: Worksheet, followups: readonly FollowupRow[]): void {
  const width = (header: string, pick: (row: FollowupRow) => string | null, max = 30) =>
    textWidth(header, followups.map(pick), 10, max);
  const columns: ListColumn<FollowupRow>[] = [
    { header: 'Answered at', width: 17, value: (row) => localTime(row.answeredAt) },
    { header: 'Survey', width: width('Survey', (row) => row.survey, 12), value: (row) => row.survey },
    { header: 'Score', width: 8, value: (row) => row.score, format: '0', align: 'center' },
    { header: 'Agent', width: width('Agent', (row) => row.agent), value: (row) => row.agent },
    { header: 'Channel', width: width('Channel', (row) => row.channel, 16), value: (row) => row.channel },
    { header: 'Customer', width: width('Customer', (row) => row.customer), value: (row) => row.customer },
    { header: 'Contact id', width: width('Contact id', (row) => row.contactId, 20), value: (row) => row.contactId },
    { header: 'Topic', width: width('Topic', (row) => row.topic, 24), value: (row) => row.topic },
    { header: 'Comment', width: 60, value: (row) => row.comment, wrap: true },
  ];
  writeList(ws, columns, followups, { minSample: DEFAULT_MIN_SAMPLE });
}

function writeDataQuality(ws: Worksheet, report: ReportV1): void {
  type Example = ReportV1['dataQuality']['examples'][number];
  const { examples, issues } = report.dataQuality;
  const columns: ListColumn<Example>[] = [
    {
      header: 'File',
      width: textWidth(
        'File',
        examples.map((example) => example.file),
        12,
        40,
      ),
      value: (example) => example.file,
    },
    {
      header: 'Line or cell',
      width: textWidth(
        'Line or cell',
        examples.map((example) => ('cell' in example ? `${example.sheet}!${example.cell}` : '')),
        13,
        24,
      ),
      value: (example) => ('cell' in example ? `${example.sheet}!${example.cell}` : example.line),
      format: FORMAT.line,
      align: 'center',
    },
    {
      header: 'Field',
      width: textWidth(
        'Field',
        examples.map((example) => example.field),
        10,
        24,
      ),
      value: (example) => example.field,
    },
    {
      header: 'Value',
      width: textWidth(
        'Value',
        examples.map((example) => example.value),
        10,
        30,
      ),
      value: (example) => example.value,
    },
    {
      header: 'Problem',
      width: textWidth(
        'Problem',
        examples.map((example) => example.problem),
        20,
        70,
      ),
      value: (example) => example.problem,
      wrap: true,
    },
  ];
  const last = writeList(ws, columns, examples, { minSample: DEFAULT_MIN_SAMPLE });
  const total = ws.getCell(last + 2, 1);
  setText(
    total,
    issues === 0
      ? 'No data-quality issues.'
      : `${issues.toLocaleString('en-US')} ${issues === 1 ? 'issue' : 'issues'} in all` +
          (examples.length < issues ? `; the first ${examples.length.toLocaleString('en-US')} are listed above.` : '.'),
  );
  total.font = calibri({ bold: true });
}

// ---------------------------------------------------------------------------------------------
// Definitions: docs/metrics.md as rows

interface DefinitionRow {
  kind: 'title' | 'heading' | 'text' | 'code';
  text: string;
}

/** Markdown → rows: headings, paragraphs and bullets (joined across their wrapped lines), code lines. */
function definitionRows(markdown: string): DefinitionRow[] {
  const rows: DefinitionRow[] = [];
  let paragraph: string[] = [];
  let inFence = false;
  const flush = () => {
    if (paragraph.length > 0) rows.push({ kind: 'text', text: plainText(paragraph.join(' ')) });
    paragraph = [];
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      rows.push({ kind: 'code', text: line });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      rows.push({ kind: heading[1] === '#' ? 'title' : 'heading', text: plainText(heading[2] ?? '') });
    } else if (line.trim() === '') flush();
    else if (/^\s*([-*+]|\d+\.)\s+/.test(line)) {
      flush();
      paragraph.push(line.trim().replace(/^([-*+])\s+/, '• '));
    } else paragraph.push(line.trim());
  }
  flush();
  return rows;
}

/** Strips markdown: code spans keep their text verbatim, emphasis and links lose their marks. */
function plainText(text: string): string {
  return text
    .split(/(`+)(.*?)\1/)
    .map((part, index) => {
      if (index % 3 === 2) return part;
      if (index % 3 === 1) return '';
      return part
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
        .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, '$1$2')
        .replace(/(^|\W)_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
        .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
    })
    .join('');
}

function writeDefinitions(ws: Worksheet, markdown: string): void {
  const width = 90;
  ws.getColumn(1).width = width;
  ws.pageSetup.orientation = 'portrait';
  let row = 1;
  for (const definition of definitionRows(markdown)) {
    if (definition.kind === 'heading' && row > 1) row++;
    const cell = ws.getCell(row, 1);
    setText(cell, definition.text);
    if (definition.kind === 'title') cell.font = calibri({ bold: true, size: 16 });
    else if (definition.kind === 'heading') cell.font = calibri({ bold: true, size: 13 });
    else if (definition.kind === 'code') cell.font = calibri({ name: 'Consolas', family: 3 });
    else {
      cell.alignment = { wrapText: true, vertical: 'top' };
      ws.getRow(row).height = wrappedHeight([definition.text], width);
    }
    row++;
  }
}

/** The figures the change sheet shows: block, field, header, number format. */
const CHANGE_FIELDS: readonly (readonly [string, string, string, string])[] = [
  ['loyalty', 'score', 'Loyalty index', FORMAT.score],
  ['csat', 'percent', 'CSAT %', FORMAT.percent],
  ['firstResponse', 'medianMinutes', 'First response median', FORMAT.minutes],
  ['firstResponse', 'slaPercent', 'First response within SLA %', FORMAT.percent],
  ['resolution', 'resolvedPercent', 'Resolved %', FORMAT.percent],
  ['calls', 'serviceLevelPercent', 'Service level %', FORMAT.percent],
  ['calls', 'abandonPercent', 'Abandon %', FORMAT.percent],
  ['churn', 'percent', 'Churn %', '0.00"%"'],
  ['iqs', 'score', 'IQS', FORMAT.score],
];

type ChangeRow = { group: string } & Record<string, unknown>;

/**
 * With `--compare`: one row per group (overall, agents, channels), one column per figure holding
 * its change since the compared month (`+1.5`, a real number); a change of a low-confidence figure
 * is grey with a note, like the figure itself.
 */
function writeChanges(workbook: Workbook, report: ReportV1, compare: NonNullable<ReportV1['compare']>): void {
  const ws = addSheet(workbook, `Change since ${compare.month}`, { columns: 1 });
  const rows: ChangeRow[] = [
    { group: 'All contacts', ...compare.overall },
    ...compare.byAgent.map(({ agent, ...changes }) => ({ group: `Agent: ${agent}`, ...changes })),
    ...compare.byChannel.map(({ channel, ...changes }) => ({ group: `Channel: ${channel}`, ...changes })),
  ];
  type Change = { previous: number | null; delta: number | null; lowConfidence?: true } | undefined;
  const changeOf = (row: ChangeRow, block: string, field: string): Change =>
    (row[block] as Record<string, Change> | undefined)?.[field];
  writeList(
    ws,
    [
      {
        header: 'Group',
        width: textWidth(
          'Group',
          rows.map((row) => row.group),
          14,
          40,
        ),
        value: (row: ChangeRow) => row.group,
      },
      ...CHANGE_FIELDS.map(([block, field, header, format]) => ({
        header: `Δ ${header}`,
        width: 14,
        value: (row: ChangeRow) => changeOf(row, block, field)?.delta ?? null,
        format: `+${format};-${format};${format}`,
        confidence: (row: ChangeRow): Confidence | null => {
          const change = changeOf(row, block, field);
          return change?.lowConfidence
            ? { lowConfidence: true, n: 0, note: 'a change of a low-confidence figure: mostly noise' }
            : null;
        },
      })),
    ],
    rows,
    { minSample: 0 },
  );
}
