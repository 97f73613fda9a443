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
  rules: {
    attribution: 'A call or ticket counts for the agent named on it.',
    serviceLevel: 'Inbound calls answered within 20 s, of all inbound calls offered.',
    month: '2026-10 in Europe/Moscow, given by --month.',
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
    expect(dumpOutline(workbook)).toMatchInlineSnapshot(`
      "Summary: not frozen, filter null
        Customer service scorecard — October 2026
      By agent: frozen x=1 y=1, filter A1:T3
        Agent | Contacts | NPS | NPS answers | CSAT % | CSAT answers | First response median | First response p90 | First response within SLA % | Resolved % | Resolution median | Open tickets | Calls offered | Calls answered | Service level % | Abandoned % | Avg speed of answer | Avg handle time | Churn % | FCR %
      By channel: frozen x=1 y=1, filter A1:T3
        Channel | Contacts | NPS | NPS answers | CSAT % | CSAT answers | First response median | First response p90 | First response within SLA % | Resolved % | Resolution median | Open tickets | Calls offered | Calls answered | Service level % | Abandoned % | Avg speed of answer | Avg handle time | Churn % | FCR %
      Agent × channel: frozen x=2 y=1, filter A1:U3
        Agent | Channel | Contacts | NPS | NPS answers | CSAT % | CSAT answers | First response median | First response p90 | First response within SLA % | Resolved % | Resolution median | Open tickets | Calls offered | Calls answered | Service level % | Abandoned % | Avg speed of answer | Avg handle time | Churn % | FCR %
      Segments: frozen x=1 y=1, filter A1:E3
        Segment | Customers active at the start | Churned | Churn % | Revenue churn %
      Calls: frozen x=1 y=1, filter A1:H2
        Agent | Offered | Answered | Missed | Service level % | Avg speed of answer | Avg handle time | Abandoned %
      Follow-ups: frozen x=1 y=1, filter A1:I3
        Answered at | Survey | Score | Agent | Channel | Customer | Contact id | Topic | Comment
      Data quality: frozen x=1 y=1, filter A1:E3
        File | Line or cell | Field | Value | Problem
      Definitions: not frozen, filter null
        What the numbers mean"
    `);
  });

  it('writes the By agent sheet with number formats, target fills and low-confidence notes', () => {
    expect(dumpCells(sheet(workbook, 'By agent'))).toMatchInlineSnapshot(`
      "A1 "Agent"
      B1 "Contacts"
      C1 "NPS"
      D1 "NPS answers"
      E1 "CSAT %"
      F1 "CSAT answers"
      G1 "First response median"
      H1 "First response p90"
      I1 "First response within SLA %"
      J1 "Resolved %"
      K1 "Resolution median"
      L1 "Open tickets"
      M1 "Calls offered"
      N1 "Calls answered"
      O1 "Service level %"
      P1 "Abandoned %"
      Q1 "Avg speed of answer"
      R1 "Avg handle time"
      S1 "Churn %"
      T1 "FCR %"
      A2 "=1+1"
      B2 120 [#,##0]
      C2 25 [0.0] red
      D2 40 [#,##0]
      E2 92 [0.0"%"] green
      F2 50 [#,##0]
      G2 12.5 [0.0" min"]
      H2 58.25 [0.0" min"]
      I2 83.33333333333333 [0.0"%"] red
      J2 90 [0.0"%"]
      K2 3.5 [0.0" h"]
      L2 4 [#,##0]
      M2 80 [#,##0]
      N2 76 [#,##0]
      O2 81.25 [0.0"%"]
      P2 5 [0.0"%"]
      Q2 14.2 [0" s"]
      R2 245.6 [0" s"]
      T2 75 [0.0"%"]
      A3 "Волкова Наталья"
      B3 12 [#,##0]
      C3 -14.285714285714286 [0.0] red grey note "fewer than 30 observations (n = 7): low confidence"
      D3 7 [#,##0]
      E3 66.66666666666667 [0.0"%"] red grey note "fewer than 30 observations (n = 9): low confidence"
      F3 9 [#,##0]
      S3 2.5 [0.00"%"] green
      A5 "All contacts"
      B5 132 [#,##0]
      C5 25 [0.0] red
      D5 40 [#,##0]
      E5 92 [0.0"%"] green
      F5 50 [#,##0]
      G5 12.5 [0.0" min"]
      H5 58.25 [0.0" min"]
      I5 83.33333333333333 [0.0"%"] red
      J5 90 [0.0"%"]
      K5 3.5 [0.0" h"]
      L5 4 [#,##0]
      M5 80 [#,##0]
      N5 76 [#,##0]
      O5 81.25 [0.0"%"]
      P5 5 [0.0"%"]
      Q5 14.2 [0" s"]
      R5 245.6 [0" s"]
      S5 2.5 [0.00"%"] green
      T5 75 [0.0"%"]"
    `);
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
    summary.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => {
        if (cell.master.address !== cell.address) return; // the rest of a merged range
        const value = cell.value as ExcelJS.CellValue;
        const text =
          value !== null && typeof value === 'object' && 'richText' in value
            ? value.richText.map((run) => run.text).join('')
            : String(value);
        cells.push(`${cell.address} ${text}`);
      });
      rows.push(cells.join(' | '));
    });
    expect(rows.join('\n')).toMatchInlineSnapshot(`
      "A1 Customer service scorecard — October 2026
      A2 1 October – 31 October 2026, times in Europe/Moscow
      A3 132 contacts: 80 calls and 52 tickets; 76 survey answers
      A5 The month against its targets
      A6 Metric | B6 Value | C6 Target | D6 Result | E6 Based on
      A7 NPS | B7 25 | C7 ≥ 50 | D7 missed | E7 40 | F7 survey answers
      A8 Churn % | B8 2.5 | C8 ≤ 3% | D8 met | E8 40 | F8 customers active at the start
      A9 First response, median | B9 12.5 | C9 no target | E9 35 | F9 tickets with a first response
      A10 First response within SLA % | B10 83.33333333333333 | C10 ≥ 90% | D10 missed | E10 36 | F10 tickets due under an SLA
      A11 Resolved % | B11 90 | C11 no target | E11 40 | F11 tickets created
      A12 CSAT % | B12 92 | C12 ≥ 90% | D12 met | E12 50 | F12 ratings
      A13 Calls answered within service level % | B13 81.25 | C13 no target | E13 80 | F13 inbound calls
      A14 IQS (quality reviews) | D14 no data
      A16 Green: target met.  Red: target missed.  Grey italic: fewer than 30 observations, so a low-confidence value (the cell's note says how many); read it with care.
      A18 Inputs
      A19 File | B19 Kind | C19 Rows | D19 Used | E19 Issues
      A20 звонки.csv | B20 calls | C20 90 | D20 88 | E20 2
      A21 =cmd.xlsx | B21 surveys | C21 76 | D21 76 | E21 1
      A23 3 data-quality issues: rows or values left out or corrected; see the Data quality sheet.
      A25 How the figures were counted
      A26 Month | B26 2026-10 in Europe/Moscow, given by --month.
      A27 Attribution | B27 A call or ticket counts for the agent named on it.
      A28 Service level | B28 Inbound calls answered within 20 s, of all inbound calls offered.
      A29 Every figure is defined in words on the Definitions sheet."
    `);
  });

  it('lists follow-ups, every data-quality example and the definitions as text', () => {
    expect(dumpCells(sheet(workbook, 'Follow-ups'))).toMatchInlineSnapshot(`
      "A1 "Answered at"
      B1 "Survey"
      C1 "Score"
      D1 "Agent"
      E1 "Channel"
      F1 "Customer"
      G1 "Contact id"
      H1 "Topic"
      I1 "Comment"
      A2 "2026-10-03 14:05"
      B2 "csat"
      C2 1 [0]
      D2 "=1+1"
      E2 "=HYPERLINK(\\"http://example.invalid\\",\\"x\\")"
      F2 "ООО «Ромашка»"
      G2 "T-17"
      H2 "Возврат"
      I2 "@cmd"
      A3 "2026-10-05 09:00"
      B3 "nps"
      C3 3 [0]
      I3 "-2+3""
    `);
    expect(dumpCells(sheet(workbook, 'Data quality'))).toMatchInlineSnapshot(`
      "A1 "File"
      B1 "Line or cell"
      C1 "Field"
      D1 "Value"
      E1 "Problem"
      A2 "звонки.csv"
      B2 17 [0]
      C2 "started_at"
      D2 "+1"
      E2 "not a date"
      A3 "=cmd.xlsx"
      B3 "Лист1!C7"
      C3 "score"
      D3 "=cmd|\\"/c calc\\"!A1"
      E3 "not a number"
      A5 "3 issues in all; the first 2 are listed above.""
    `);
    expect(dumpCells(sheet(workbook, 'Definitions'))).toMatchInlineSnapshot(`
      "A1 "What the numbers mean"
      A2 "Every figure in words; lowConfidence marks few answers."
      A4 "NPS"
      A5 "score = 100 × (promoters − detractors) / n, see SPEC."
      A6 "• promoters score 9–10, passives 7–8""
    `);
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
      expect(sheets().length).toBe(9);
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
