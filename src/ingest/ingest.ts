/**
 * The input edge: export files → typed records + data-quality issues (STYLE §4.2). For each file:
 * open a `RowSource` (CSV now; the reader decides encoding and delimiter), buffer a sample of
 * rows, detect the kind and map the columns from the header and that sample, choose each date
 * column's day-month order from it, then stream every row through the kind's normaliser into the
 * caller's sink. Duplicate ids of one kind are kept once (SPEC §2); every bad value is an issue
 * with file, line, field and value, never a stopped run. One pass per file.
 */
import type { Config } from '../config/config-schema.js';
import { IssueLog, type DataQualityIssue } from '../domain/data-quality.js';
import type { Call, Customer, Kind, QaReview, SurveyAnswer, Ticket } from '../domain/records.js';
import type { SourceLocation } from '../domain/source-location.js';
import { IdTable } from '../domain/id-table.js';
import { createZoneConverter, machineZone, type ZoneConverter } from '../domain/time-zone.js';
import { AgentNames } from './agent-names.js';
import { detectKind } from './detect-kind.js';
import type { InputFile } from './discover-inputs.js';
import type { ColumnMapping } from './map-columns.js';
import { createCallNormaliser } from './normalise-calls.js';
import { createCustomerNormaliser } from './normalise-customers.js';
import { createQaNormaliser } from './normalise-qa.js';
import { createSurveyNormaliser } from './normalise-surveys.js';
import { createTicketNormaliser } from './normalise-tickets.js';
import { detectDateOrder, type DateOrder } from './parse-date.js';
import type { NormaliseContext } from './read-fields.js';
import { recognisePbxLayout, type PbxLayout } from './pbx-layouts.js';
import { openCsv } from './read-csv.js';
import { openXlsx } from './read-xlsx.js';
import type { RawRow, RowSource, SourceFormat } from './row-source.js';

/**
 * Where records go. Calls and tickets come with their id's number in the kind's `IdTable` (-1
 * without an id), so a caller that passed the tables (`IngestOptions.ids`) can key by it.
 */
export interface RecordSink {
  call?(record: Call, idNumber: number): void;
  ticket?(record: Ticket, idNumber: number): void;
  answer?(record: SurveyAnswer): void;
  customer?(record: Customer): void;
  review?(record: QaReview): void;
}

export interface IngestOptions {
  config: Config;
  /** a name from `resolveEncoding`, or undefined to detect */
  encoding?: string;
  sheet?: string;
  /** the configured zone, when the caller already made it */
  zone?: ZoneConverter;
  /** the tables duplicate ids are checked against, when the caller wants to look ids up afterwards */
  ids?: Partial<Record<Kind, IdTable>>;
  /** called now and then with the rows read so far over all files */
  onProgress?: (rows: number) => void;
}

export interface DateChoice {
  order: DateOrder;
  ambiguous: boolean;
}

export interface FileSummary {
  file: string;
  kind: Kind;
  format: SourceFormat;
  /** data rows read */
  rows: number;
  /** rows that gave a record (not a duplicate, not left out) */
  used: number;
  issues: number;
  /** the file's first data-quality issues */
  examples: DataQualityIssue[];
  mapping: ColumnMapping;
  /** day-month order chosen per date field that holds slash dates */
  dateOrders: Partial<Record<string, DateChoice>>;
  /** earliest and latest value of the month field, in the configured zone */
  from: string | null;
  to: string | null;
  /** a survey or customer file without any date column (SPEC §2) */
  snapshot: boolean;
  /** a calls file whose rows carry a count column: each row weighs as many calls (SPEC §2) */
  aggregated: boolean;
  /** the PBX layout a header-less call detail record file was read with */
  layout: string | null;
}

export interface IngestResult {
  files: FileSummary[];
  issues: IssueLog;
  zone: ZoneConverter;
}

const SAMPLE_ROWS = 1000;
/** `D/M/YYYY` or `M/D/YYYY`: the dates whose order must be chosen (SPEC §2). */
const DAY_MONTH_SLASH = /^\s*\d{1,2}\/\d{1,2}\/\d{4}/;
const EXAMPLES_PER_FILE = 10;
const PROGRESS_EVERY = 16_384;

const DATE_FIELDS = new Set([
  'started_at',
  'date',
  'answered_at',
  'ended_at',
  'created_at',
  'first_response_at',
  'resolved_at',
  'churned_at',
  'active_since',
  'reviewed_at',
]);

export async function ingest(
  inputs: readonly InputFile[],
  options: IngestOptions,
  sink: RecordSink,
): Promise<IngestResult> {
  const { config } = options;
  const zone = options.zone ?? createZoneConverter(config.timezone ?? machineZone());
  const issues = new IssueLog();
  const agents = new AgentNames(config);
  const indexNames = new Set(Object.keys(config.indices ?? {}).map((name) => name.toLowerCase()));
  const seenIds: Partial<Record<Kind, IdTable>> = { ...options.ids };
  const files: FileSummary[] = [];
  let rowsRead = 0;

  for (const input of inputs) {
    const fileIssues = new IssueLog(EXAMPLES_PER_FILE, issues);
    const { source, layout } = await openSource(input, options, fileIssues);
    const iterator = source[Symbol.asyncIterator]();
    const sample: RawRow[] = [];
    try {
      while (sample.length < SAMPLE_ROWS) {
        const next = await iterator.next();
        if (next.done) break;
        sample.push(next.value);
      }
      const cells = sample.map((row) => row.cells);
      const mapping = layout
        ? detectKind(input.name, source.header, cells, withLayoutColumns(config, layout), 'calls')
        : detectKind(input.name, source.header, cells, config, input.kind);
      reportMissingFields(mapping, source.headerLocation, fileIssues);
      const dateOrders = chooseDateOrders(mapping, cells, config);
      const context: NormaliseContext = {
        mapping,
        zone,
        dateOrders: Object.fromEntries(Object.entries(dateOrders).map(([field, choice]) => [field, choice!.order])),
        agents,
        issues: fileIssues,
        indexNames,
      };
      const ids = (seenIds[mapping.kind] ??= new IdTable());
      const consume = createConsumer(mapping.kind, context, sink, ids, zone);
      let rows = 0;
      const take = (row: RawRow) => {
        rows += 1;
        rowsRead += 1;
        consume.row(row);
        if (rowsRead % PROGRESS_EVERY === 0) options.onProgress?.(rowsRead);
      };
      for (const row of sample) take(row);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        take(next.value);
        const buffered = source.takeBuffered?.();
        if (buffered !== undefined) for (const row of buffered) take(row);
      }
      options.onProgress?.(rowsRead);
      files.push({
        file: input.name,
        kind: mapping.kind,
        format: source.format,
        rows,
        used: consume.used,
        issues: fileIssues.count,
        examples: fileIssues.examples,
        mapping,
        dateOrders,
        from: consume.range.from,
        to: consume.range.to,
        snapshot: isSnapshot(mapping),
        aggregated: mapping.index.calls_count !== undefined,
        layout: layout?.name ?? null,
      });
    } finally {
      await iterator.return?.();
    }
  }
  return { files, issues, zone };
}

interface OpenedSource {
  source: RowSource;
  /** the PBX layout of a header-less CDR file */
  layout?: PbxLayout;
}

async function openSource(input: InputFile, options: IngestOptions, issues: IssueLog): Promise<OpenedSource> {
  if (input.path.toLowerCase().endsWith('.xlsx')) {
    const source = await openXlsx(input.path, {
      displayName: input.name,
      sheet: options.sheet,
      onIssue: (issue) => issues.add(issue),
    });
    return { source };
  }
  const open = (headerless: boolean) =>
    openCsv(input.path, {
      displayName: input.name,
      encoding: options.encoding,
      headerless,
      onIssue: (issue) => issues.add(issue),
    });
  let source = await open(false);
  const layout = input.kind === undefined || input.kind === 'calls' ? recognisePbxLayout(source.header) : undefined;
  if (layout !== undefined) {
    // The "header" was the first call: read the file again with the layout's column names.
    await source[Symbol.asyncIterator]().return?.();
    const rows = await open(true);
    source = {
      header: layout.columns,
      headerLocation: { file: input.name, line: 1 },
      format: rows.format,
      [Symbol.asyncIterator]: () => rows[Symbol.asyncIterator](),
      takeBuffered: rows.takeBuffered?.bind(rows),
    };
  }
  if (source.format.type === 'csv' && source.format.encodingGuessed) {
    issues.add({
      location: source.headerLocation,
      field: '(file)',
      value: source.format.encoding,
      problem: `the encoding is not UTF-8 and was guessed as ${source.format.encoding}; give --encoding if the text looks wrong`,
    });
  }
  return { source, layout };
}

/** A PBX layout's columns as if the user had mapped them in config (the user's own mapping wins). */
function withLayoutColumns(config: Config, layout: PbxLayout): Config {
  return { ...config, columns: { ...config.columns, calls: { ...layout.fields, ...config.columns?.calls } } };
}

function reportMissingFields(mapping: ColumnMapping, location: SourceLocation, issues: IssueLog): void {
  for (const missing of mapping.missing) {
    issues.add({
      location,
      field: missing,
      value: '',
      problem: `no ${missing} column: what needs it is null; map it in cs-kpi.config.json "columns.${mapping.kind}"`,
    });
  }
}

function chooseDateOrders(mapping: ColumnMapping, sample: readonly (readonly string[])[], config: Config) {
  const choices: Partial<Record<string, DateChoice>> = {};
  for (const [field, at] of Object.entries(mapping.index)) {
    if (at === undefined || !DATE_FIELDS.has(field)) continue;
    const values = sample.map((cells) => cells[at] ?? '').filter((value) => DAY_MONTH_SLASH.test(value));
    if (values.length === 0) continue;
    choices[field] = detectDateOrder(values, config.dateFormat);
  }
  return choices;
}

function isSnapshot(mapping: ColumnMapping): boolean {
  if (mapping.kind === 'surveys') return mapping.index.answered_at === undefined;
  if (mapping.kind === 'customers')
    return mapping.index.churned_at === undefined && mapping.index.active_since === undefined;
  return false;
}

/** Tracks the earliest and latest month-field value of a file, formatted for people. */
class Range {
  private min = Infinity;
  private max = -Infinity;
  private minDate: string | null = null;
  private maxDate: string | null = null;
  constructor(private readonly zone: ZoneConverter) {}

  instant(value: number | null): void {
    if (value === null) return;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  date(value: string | null): void {
    if (value === null) return;
    if (this.minDate === null || value < this.minDate) this.minDate = value;
    if (this.maxDate === null || value > this.maxDate) this.maxDate = value;
  }

  get from(): string | null {
    return this.minDate ?? (this.min === Infinity ? null : this.zone.formatInstant(this.min));
  }

  get to(): string | null {
    return this.maxDate ?? (this.max === -Infinity ? null : this.zone.formatInstant(this.max));
  }
}

interface Consumer {
  row(row: RawRow): void;
  used: number;
  range: Range;
}

/** The kind's normaliser, de-duplication by id, the month-field range and the sink, per row. */
function createConsumer(
  kind: Kind,
  context: NormaliseContext,
  sink: RecordSink,
  ids: IdTable,
  zone: ZoneConverter,
): Consumer {
  const range = new Range(zone);
  const consumer: Consumer = { used: 0, range, row: () => undefined };
  /** The id's number in the kind's table (-1 without an id), or null for a repeated id, reported. */
  const numberOf = (id: string | null, field: string, location: SourceLocation): number | null => {
    if (id === null) return -1;
    const number = ids.addNew(id);
    if (number >= 0) return number;
    context.issues.add({ location, field, value: id, problem: 'duplicate id; the first row is kept' });
    return null;
  };
  const isFirst = (id: string | null, field: string, location: SourceLocation): boolean =>
    numberOf(id, field, location) !== null;
  switch (kind) {
    case 'calls': {
      const normalise = createCallNormaliser(context);
      consumer.row = (row) => {
        const call = normalise(row);
        const idNumber = numberOf(call.id, 'call_id', row.location);
        if (idNumber === null) return;
        consumer.used += 1;
        range.instant(call.startedAt);
        sink.call?.(call, idNumber);
      };
      break;
    }
    case 'tickets': {
      const normalise = createTicketNormaliser(context);
      consumer.row = (row) => {
        const ticket = normalise(row);
        const idNumber = numberOf(ticket.id, 'ticket_id', row.location);
        if (idNumber === null) return;
        consumer.used += 1;
        range.instant(ticket.createdAt);
        sink.ticket?.(ticket, idNumber);
      };
      break;
    }
    case 'surveys': {
      const normalise = createSurveyNormaliser(context);
      consumer.row = (row) => {
        const answers = normalise(row);
        if (answers.length === 0 || !isFirst(answers[0]!.id, 'response_id', row.location)) return;
        consumer.used += 1;
        for (const answer of answers) {
          range.instant(answer.answeredAt);
          sink.answer?.(answer);
        }
      };
      break;
    }
    case 'customers': {
      const normalise = createCustomerNormaliser(context);
      consumer.row = (row) => {
        const customer = normalise(row);
        if (customer === null || !isFirst(customer.id, 'customer_id', row.location)) return;
        consumer.used += 1;
        range.date(customer.churnedAt);
        sink.customer?.(customer);
      };
      break;
    }
    case 'qa': {
      const normalise = createQaNormaliser(context);
      consumer.row = (row) => {
        const review = normalise(row);
        if (review === null) return;
        consumer.used += 1;
        range.instant(review.reviewedAt);
        sink.review?.(review);
      };
      break;
    }
  }
  return consumer;
}
