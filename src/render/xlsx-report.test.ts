import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReportV1, type ScorecardV1 } from '../contracts/report-v1.js';
import { renderReportXlsx, type FollowupRow, type XlsxReportExtras } from './xlsx-report.js';

const AGENT_FORMULA = '=1+1';
const CHANNEL_FORMULA = '=HYPERLINK("http://example.invalid","x")';

function card(overrides: Partial<ScorecardV1>): ScorecardV1 {
  return {
    volume: { contacts: 0, calls: 0, tickets: 0, surveys: 0 },
    nps: null,
    csat: null,
    firstResponse: null,
    resolution: null,
    calls: null,
    churn: null,
    iqs: null,
    fcr: null,
    loyalty: null,
    indices: {},
    targets: {},
    ...overrides,
  };
}

/** An agent with every block, targets met and missed. */
const busy = card({
  volume: { contacts: 120, calls: 80, tickets: 40, surveys: 60 },
  nps: {
    n: 40,
    promoters: 20,
    passives: 10,
    detractors: 10,
    score: 25,
    marginOfError: 26.1,
    lowConfidence: false,
  },
  csat: { n: 50, satisfied: 46, percent: 92, mean: 4.5, ci95: [81.2, 96.8], lowConfidence: false },
  firstResponse: {
    n: 35,
    medianMinutes: 12.5,
    p90Minutes: 58.25,
    meanMinutes: 20,
    slaDue: 36,
    slaMet: 30,
    slaPercent: 83.33333333333333,
    businessTime: false,
    lowConfidence: false,
  },
  resolution: {
    created: 40,
    resolved: 36,
    resolvedPercent: 90,
    medianHours: 3.5,
    p90Hours: 20,
    open: 4,
    oldestOpenHours: 100,
    lowConfidence: false,
  },
  calls: {
    offered: 80,
    answered: 76,
    missed: 4,
    abandonPercent: 5,
    serviceLevelPercent: 81.25,
    asaSeconds: 14.2,
    ahtSeconds: 245.6,
    callbackPercent: null,
    lowConfidence: false,
  },
  fcr: { n: 60, resolvedFirstContact: 45, percent: 75, lowConfidence: false },
  targets: { nps: 'missed', csat: 'met', firstResponseSla: 'missed', churn: null },
});

/** A manager with few answers (low confidence) and churn. */
const quiet = card({
  volume: { contacts: 12, calls: 0, tickets: 12, surveys: 16 },
  nps: {
    n: 7,
    promoters: 2,
    passives: 2,
    detractors: 3,
    score: -14.285714285714286,
    marginOfError: 70.2,
    lowConfidence: true,
  },
  csat: { n: 9, satisfied: 6, percent: 66.66666666666667, mean: 3.9, ci95: [35.4, 87.9], lowConfidence: true },
  churn: { activeAtStart: 40, churned: 1, percent: 2.5, revenuePercent: 1.2, lowConfidence: false },
  targets: { nps: 'missed', csat: 'missed', firstResponseSla: null, churn: 'met' },
});

const overall = card({
  ...busy,
  volume: { contacts: 132, calls: 80, tickets: 52, surveys: 76 },
  churn: quiet.churn,
  targets: { nps: 'missed', csat: 'met', firstResponseSla: 'missed', churn: 'met', iqs: null },
});

const report = ReportV1.parse({
  schema: 'cs-kpi/report@1',
  period: {
    month: '2026-10',
    from: '2026-10-01T00:00:00+03:00',
    to: '2026-11-01T00:00:00+03:00',
    timezone: 'Europe/Moscow',
    businessHours: false,
  },
  inputs: [
    { file: 'звонки.csv', kind: 'calls', rows: 90, used: 88, issues: 2 },
    { file: '=cmd.xlsx', kind: 'surveys', rows: 76, used: 76, issues: 1 },
  ],
  overall,
  byAgent: [
    { agent: AGENT_FORMULA, ...busy },
    { agent: 'Волкова Наталья', ...quiet },
  ],
  byChannel: [
    { channel: CHANNEL_FORMULA, ...busy },
    { channel: 'почта', ...quiet },
  ],
  byAgentChannel: [
    { agent: AGENT_FORMULA, channel: CHANNEL_FORMULA, ...busy },
    { agent: 'Волкова Наталья', channel: 'почта', ...quiet },
  ],
  bySegment: [
    { segment: 'МСБ', churn: quiet.churn },
    { segment: '+1', churn: null },
  ],
  dataQuality: {
    issues: 3,
    examples: [
      { file: 'звонки.csv', line: 17, field: 'started_at', value: '+1', problem: 'not a date' },
      {
        file: '=cmd.xlsx',
        sheet: 'Лист1',
        cell: 'C7',
        field: 'score',
        value: '=cmd|"/c calc"!A1',
        problem: 'not a number',
      },
    ],
  },
});

const followups: FollowupRow[] = [
  {
    answeredAt: '2026-10-03T14:05:09+03:00',
    survey: 'csat',
    score: 1,
    agent: AGENT_FORMULA,
    channel: CHANNEL_FORMULA,
    customer: 'ООО «Ромашка»',
    contactId: 'T-17',
    topic: 'Возврат',
    comment: '@cmd',
  },
  {
    answeredAt: '2026-10-05T09:00:00+03:00',
    survey: 'nps',
    score: 3,
    agent: null,
    channel: null,
    customer: null,
    contactId: null,
    topic: null,
    comment: '-2+3',
  },
];

const definitions = `# What the numbers mean

Every figure in **words**; \`lowConfidence\` marks *few* answers.

## NPS

\`score = 100 × (promoters − detractors) / n\`, see [SPEC](../SPEC.md).

- promoters score 9–10,
  passives 7–8
`;

const extras: XlsxReportExtras = {
  definitions,
  followups,
  targets: { nps: { min: 50 }, csat: { min: 90 }, firstResponseSla: { min: 90 }, churn: { max: 3 } },
  minSample: 30,
};

async function render(extrasGiven: XlsxReportExtras = extras): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await renderReportXlsx(report, extrasGiven)(sink);
  await finished(sink); // exceljs ends the stream it writes to
  return Buffer.concat(chunks);
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (found === undefined) throw new Error(`no sheet ${name}`);
  return found;
}

const FILLS: Record<string, string> = { FFC6EFCE: 'green', FFFFC7CE: 'red' };

/** Sheet names, frozen panes, filters and header rows of every sheet. */
function dumpOutline(workbook: ExcelJS.Workbook): string {
  return workbook.worksheets
    .map((ws) => {
      const view = ws.views[0];
      const frozen = view?.state === 'frozen' ? `frozen x=${view.xSplit ?? 0} y=${view.ySplit ?? 0}` : 'not frozen';
      const filter = typeof ws.autoFilter === 'string' ? ws.autoFilter : JSON.stringify(ws.autoFilter ?? null);
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String).join(' | ');
      return `${ws.name}: ${frozen}, filter ${filter}\n  ${header}`;
    })
    .join('\n');
}

/** Every non-empty cell: address, value, number format, fill, grey font, note. */
function dumpCells(ws: ExcelJS.Worksheet): string {
  const lines: string[] = [];
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      const marks: string[] = [];
      if (typeof cell.value === 'number') marks.push(`[${cell.numFmt}]`);
      const fill = cell.fill?.type === 'pattern' ? FILLS[cell.fill.fgColor?.argb ?? ''] : undefined;
      if (fill && cell.row !== '1') marks.push(fill);
      if (cell.font?.color?.argb === 'FF808080') marks.push('grey');
      if (cell.note) marks.push(`note "${noteText(cell.note)}"`);
      lines.push(`${cell.address} ${JSON.stringify(cell.value)} ${marks.join(' ')}`.trimEnd());
    });
  });
  return lines.join('\n');
}

function noteText(note: string | ExcelJS.Comment): string {
  return typeof note === 'string' ? note : (note.texts ?? []).map((text) => text.text).join('');
}

/** The cell of a list sheet under `header`, in data row `index` (0 = the first group). */
function cellUnder(ws: ExcelJS.Worksheet, header: string, index: number): ExcelJS.Cell {
  const headers = (ws.getRow(1).values as unknown[]).map(String);
  const column = headers.indexOf(header);
  if (column < 1) throw new Error(`no column ${header} in ${ws.name}`);
  return ws.getCell(index + 2, column);
}

describe('renderReportXlsx', () => {
  let buffer: Buffer;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    buffer = await render();
    workbook = await load(buffer);
  });

  it('has the sheets, frozen header rows, filters and headers', () => {
    expect(dumpOutline(workbook)).toMatchInlineSnapshot();
  });

  it('writes the By agent sheet with number formats, target fills and low-confidence notes', () => {
    expect(dumpCells(sheet(workbook, 'By agent'))).toMatchInlineSnapshot();
  });

  it('stores the JSON figures themselves, not rounded or scaled', () => {
    const byAgent = sheet(workbook, 'By agent');
    const [first, second] = report.byAgent;
    expect(cellUnder(byAgent, 'CSAT %', 0).value).toBe(first?.csat?.percent);
    expect(cellUnder(byAgent, 'CSAT %', 1).value).toBe(second?.csat?.percent);
    expect(cellUnder(byAgent, 'NPS', 1).value).toBe(second?.nps?.score);
    expect(cellUnder(byAgent, 'First response within SLA %', 0).value).toBe(first?.firstResponse?.slaPercent);
    expect(cellUnder(byAgent, 'First response median', 0).value).toBe(first?.firstResponse?.medianMinutes);
    expect(cellUnder(byAgent, 'Avg handle time', 0).value).toBe(first?.calls?.ahtSeconds);
    const pairs = sheet(workbook, 'Agent × channel');
    expect(cellUnder(pairs, 'Channel', 0).value).toBe(CHANNEL_FORMULA);
    expect(cellUnder(pairs, 'Churn %', 1).value).toBe(report.byAgentChannel[1]?.churn?.percent);
    const segments = sheet(workbook, 'Segments');
    expect(cellUnder(segments, 'Segment', 1).value).toBe('+1');
    expect(cellUnder(segments, 'Churn %', 1).value).toBeNull();
  });

  it('summarises the month against its targets', () => {
    const summary = sheet(workbook, 'Summary');
    const rows: string[] = [];
    summary.eachRow((row) =>
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((value) => (value === undefined ? '' : typeof value === 'object' ? '(rich text)' : String(value)))
          .join(' | ')
          .replace(/( \| )+$/, ''),
      ),
    );
    expect(rows.join('\n')).toMatchInlineSnapshot();
  });

  it('lists follow-ups, every data-quality example and the definitions as text', () => {
    expect(dumpCells(sheet(workbook, 'Follow-ups'))).toMatchInlineSnapshot();
    expect(dumpCells(sheet(workbook, 'Data quality'))).toMatchInlineSnapshot();
    expect(dumpCells(sheet(workbook, 'Definitions'))).toMatchInlineSnapshot();
  });

  it('leaves out the QA and Follow-ups sheets when not given, and names the loyalty index', async () => {
    const withLoyalty = {
      ...report,
      overall: { ...report.overall, loyalty: { index: 'eNPS', n: 12, score: 41.5, lowConfidence: true } },
    };
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    await renderReportXlsx(withLoyalty, { definitions: '' })(sink);
    const plain = await load(Buffer.concat(chunks));
    expect(plain.worksheets.map((ws) => ws.name)).toEqual([
      'Summary',
      'By agent',
      'By channel',
      'Agent × channel',
      'Segments',
      'Calls',
      'Data quality',
      'Definitions',
    ]);
    const summary = sheet(plain, 'Summary');
    const loyaltyRow = summary.getColumn(1).values.findIndex((value) => value === 'Loyalty index (eNPS)');
    expect(loyaltyRow).toBeGreaterThan(0);
    expect(summary.getCell(loyaltyRow, 2).value).toBe(41.5);
    expect(noteText(summary.getCell(loyaltyRow, 2).note ?? '')).toBe(
      'fewer than 30 observations (n = 12): low confidence',
    );
    expect(cellUnder(sheet(plain, 'By agent'), 'eNPS', 0).value).toBeNull();
  });

  it('adds a QA sheet when QA results are given', async () => {
    const qa = { forms: ['qa-2026-10.xlsx'], agreement: { pairs: 40, identicalPercent: 87.5, kappa: 0.71 } };
    const withQa = await load(await render({ ...extras, qa }));
    const ws = sheet(withQa, 'QA');
    expect(ws.getRow(1).values).toEqual([undefined, 'Agent', 'Reviews', 'IQS', 'Critical fails']);
    const labels = ws.getColumn(1).values;
    expect(ws.getCell(labels.indexOf('Identical verdicts %'), 2).value).toBe(87.5);
  });

  describe('in the XML', () => {
    let parts: Map<string, string>;

    beforeAll(async () => {
      const requireHere = createRequire(import.meta.url);
      const JSZip = createRequire(requireHere.resolve('exceljs'))('jszip') as {
        loadAsync(
          data: Buffer,
        ): Promise<{ files: Record<string, { dir: boolean; async(type: 'string'): Promise<string> }> }>;
      };
      const zip = await JSZip.loadAsync(buffer);
      parts = new Map();
      for (const [name, file] of Object.entries(zip.files)) {
        if (!file.dir && name.endsWith('.xml')) parts.set(name, await file.async('string'));
      }
    });

    const sheets = () => [...parts].filter(([name]) => name.startsWith('xl/worksheets/sheet'));

    it('has no formula anywhere', () => {
      expect(sheets().length).toBe(10);
      for (const [name, xml] of sheets()) {
        expect(xml, name).not.toMatch(/<f[\s>/]/);
        expect(xml, name).not.toMatch(/t="str"/);
      }
    });

    it('keeps formula-looking input text literally in string cells', () => {
      const shared = parts.get('xl/sharedStrings.xml') ?? '';
      const strings = [...shared.matchAll(/<si>(?:<t[^>]*>([^<]*)<\/t>)?.*?<\/si>/g)].map((match) =>
        (match[1] ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
      );
      expect(shared).toContain('<t>=1+1</t>');
      const risky = [AGENT_FORMULA, CHANNEL_FORMULA, '@cmd', '-2+3', '+1', '=cmd.xlsx', '=cmd|"/c calc"!A1'];
      for (const text of risky) {
        const index = strings.indexOf(text);
        expect(index, text).toBeGreaterThanOrEqual(0);
        const cells = sheets().flatMap(([, xml]) =>
          [...xml.matchAll(/<c ([^>]*)><v>(\d+)<\/v><\/c>/g)].filter((match) => match[2] === String(index)),
        );
        const stringCells = cells.filter(([, attributes]) => /\bt="(s|inlineStr)"/.test(attributes ?? ''));
        expect(stringCells.length, text).toBeGreaterThan(0);
      }
    });
  });
});
