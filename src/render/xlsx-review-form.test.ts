import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SampleV1 } from '../contracts/sample-v1.js';
import { DEFAULT_CRITERIA, type QaCriterion } from '../domain/qa-criteria.js';
import { FORM_SHEET, INSTRUCTIONS_SHEET, renderReviewForm, reviewFormHeaders } from './xlsx-review-form.js';

const criteria: QaCriterion[] = [
  ...DEFAULT_CRITERIA,
  { id: 'courtesy', label: 'Courtesy', weight: 2, scale: [1, 5], critical: false, channels: null },
];

const key = (n: number) => n.toString(16).padStart(64, '0');

const sample: SampleV1 = SampleV1.parse({
  schema: 'cs-kpi/sample@1',
  seed: 'demo',
  month: '2026-10',
  period: { from: '2026-10-01T00:00:00+03:00', to: '2026-11-01T00:00:00+03:00', timezone: 'Europe/Moscow' },
  command: 'cs-kpi sample examples/2026-10 --month 2026-10 --seed demo --per-agent 5',
  by: 'agent',
  perStratum: 5,
  size: null,
  filters: {
    kind: null,
    channel: null,
    agent: null,
    topic: null,
    minTalkSeconds: null,
    excludeFiles: [],
    excluded: 0,
  },
  pool: { contacts: 3, strata: [{ agent: 'Иванова Анна', channel: null, pool: 3, sampled: 3, short: true }] },
  items: [
    {
      kind: 'call',
      contactId: '1001',
      agent: 'Иванова Анна',
      channel: 'phone',
      startedAt: '2026-10-03T14:05:12+03:00',
      waitSeconds: 12,
      talkSeconds: 391,
      firstResponseSeconds: null,
      resolutionSeconds: null,
      topic: 'Доставка',
      customer: '+7 999 123-45-67',
      recordingUrl: 'https://pbx.example.com/rec/1001.mp3',
      key: key(1),
    },
    {
      kind: 'ticket',
      contactId: 'T-7',
      agent: 'Иванова Анна',
      channel: 'email',
      startedAt: '2026-10-04T09:00:00+03:00',
      waitSeconds: null,
      talkSeconds: null,
      firstResponseSeconds: 750,
      resolutionSeconds: 7200,
      topic: '=1+1',
      customer: '@SUM(A1:A2)',
      recordingUrl: null,
      key: key(2),
    },
    {
      kind: 'call',
      contactId: 'C-3',
      agent: 'Иванова Анна',
      channel: 'phone',
      startedAt: '2026-10-05T10:00:00+03:00',
      waitSeconds: 3,
      talkSeconds: 60,
      firstResponseSeconds: null,
      resolutionSeconds: null,
      topic: '-2+3',
      customer: null,
      recordingUrl: 'javascript:alert(1)',
      key: key(3),
    },
  ],
  criteria,
  inputs: [{ file: 'examples/2026-10/calls.csv', kind: 'calls', rows: 3, used: 3, issues: 0 }],
  dataQuality: { issues: 0, examples: [] },
});

const FIELDS = [
  'contact_id',
  'kind',
  'agent',
  'channel',
  'started_at',
  'wait_seconds',
  'talk_seconds',
  'first_response_minutes',
  'resolution_hours',
  'topic',
  'customer',
  'recording_url',
];
const CRITERION_IDS = criteria.map((criterion) => criterion.id);
const HEADERS = [...FIELDS, ...CRITERION_IDS, 'reviewer', 'comment'];
const INPUT_TEXTS = ['=1+1', '@SUM(A1:A2)', '-2+3', '+7 999 123-45-67', 'Иванова Анна', 'T-7', '1001'];

async function renderToBuffer(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await renderReviewForm(sample, criteria)(out);
  out.end();
  return Buffer.concat(chunks);
}

const workbookBytes = await renderToBuffer();
const workbook = new ExcelJS.Workbook();
await workbook.xlsx.load(workbookBytes as unknown as ArrayBuffer);
const form = workbook.getWorksheet(FORM_SHEET)!;

/** The unzipped parts, through exceljs's own JSZip, so the XML checks need nothing else. */
const requireHere = createRequire(import.meta.url);
const JSZip = createRequire(requireHere.resolve('exceljs'))('jszip') as {
  loadAsync(data: Buffer): Promise<{ files: Record<string, { async(type: 'string'): Promise<string> }> }>;
};
const zip = await JSZip.loadAsync(workbookBytes);
const parts: Record<string, string> = {};
for (const [name, file] of Object.entries(zip.files))
  if (name.endsWith('.xml')) parts[name] = await file.async('string');
const formXml = parts['xl/worksheets/sheet1.xml']!;

const columnLetter = (index: number) => form.getColumn(index).letter;

describe('renderReviewForm, read back with exceljs', () => {
  it('has the form first, then the instructions', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([FORM_SHEET, INSTRUCTIONS_SHEET]);
  });

  it('has ONE header row of field names and criterion ids, then one row per contact', () => {
    expect(reviewFormHeaders(sample, criteria)).toEqual(HEADERS);
    const header = (form.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(HEADERS);
    expect(form.getRow(2).getCell(1).value).toBe('1001');
    expect(form.rowCount).toBe(1 + sample.items.length);
  });

  it('freezes the header row', () => {
    expect(form.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('puts each criterion label in a note on its header cell, and notes nowhere else', () => {
    HEADERS.forEach((header, at) => {
      const note = form.getRow(1).getCell(at + 1).note as { texts?: { text: string }[] } | string | undefined;
      const text = typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('');
      const criterion = criteria.find((c) => c.id === header);
      if (criterion) expect(text).toContain(criterion.label);
      else expect(text).toBeUndefined();
    });
  });

  it('has a drop-down on every criterion cell of every row', () => {
    for (let row = 2; row <= 1 + sample.items.length; row++) {
      criteria.forEach((criterion, at) => {
        const validation = form.getRow(row).getCell(FIELDS.length + at + 1).dataValidation;
        expect(validation?.type, `${criterion.id} row ${row}`).toBe('list');
        expect(validation?.formulae).toEqual([criterion.scale === null ? '"pass,fail,n/a"' : '"1,2,3,4,5,n/a"']);
      });
    }
    // and none on the fields, reviewer or comment
    expect(form.getRow(2).getCell(1).dataValidation).toBeUndefined();
    expect(form.getRow(2).getCell(HEADERS.length).dataValidation).toBeUndefined();
  });

  it('pre-fills n/a where a criterion does not apply to the channel (spelling on a phone call)', () => {
    const spelling = HEADERS.indexOf('spelling') + 1;
    expect(form.getRow(2).getCell(spelling).value).toBe('n/a'); // phone
    expect(form.getRow(3).getCell(spelling).value).toBeNull(); // email
    expect(form.getRow(2).getCell(HEADERS.indexOf('greeting') + 1).value).toBeNull();
  });

  it('links web recordings with the URL as the text, and leaves other schemes as plain text', () => {
    const recording = HEADERS.indexOf('recording_url') + 1;
    const link = form.getRow(2).getCell(recording);
    expect(link.value).toEqual({
      text: 'https://pbx.example.com/rec/1001.mp3',
      hyperlink: 'https://pbx.example.com/rec/1001.mp3',
    });
    expect(form.getRow(4).getCell(recording).value).toBe('javascript:alert(1)');
  });

  it('keeps formula-looking input text as text, and durations as numbers', () => {
    const row = (n: number) => form.getRow(n);
    expect(row(3).getCell(HEADERS.indexOf('topic') + 1).value).toBe('=1+1');
    expect(row(3).getCell(HEADERS.indexOf('customer') + 1).value).toBe('@SUM(A1:A2)');
    expect(row(4).getCell(HEADERS.indexOf('topic') + 1).value).toBe('-2+3');
    expect(row(2).getCell(HEADERS.indexOf('talk_seconds') + 1).value).toBe(391);
    expect(row(3).getCell(HEADERS.indexOf('first_response_minutes') + 1).value).toBe(12.5);
    expect(row(3).getCell(HEADERS.indexOf('resolution_hours') + 1).value).toBe(2);
    expect(row(2).getCell(HEADERS.indexOf('started_at') + 1).value).toBe('2026-10-03 14:05:12');
  });

  it('says how to fill it in, each criterion, the seed and the command to draw it again', () => {
    const instructions = workbook.getWorksheet(INSTRUCTIONS_SHEET)!;
    const text = (instructions.getColumn(1).values as unknown[]).filter((v) => typeof v === 'string').join('\n');
    expect(text).toContain('Seed: demo');
    expect(text).toContain(`${sample.command} --format xlsx --out qa-2026-10.xlsx`);
    expect(text).toContain('cs-kpi report EXPORTS --month 2026-10 --qa FORM.xlsx');
    for (const criterion of criteria) expect(text).toContain(`${criterion.id} — ${criterion.label}`);
    expect(text).toContain('critical: a fail makes the whole review 0');
  });

  it('leaves out optional columns no sampled contact has a value for', () => {
    const ticketsOnly = { ...sample, items: sample.items.filter((item) => item.kind === 'ticket') };
    const headers = reviewFormHeaders(ticketsOnly, criteria);
    expect(headers).not.toContain('wait_seconds');
    expect(headers).not.toContain('recording_url');
    expect(headers.slice(0, 5)).toEqual(['contact_id', 'kind', 'agent', 'channel', 'started_at']);
  });
});

/** `A1:C3 E5` → every address it covers. */
function expandSqref(sqref: string): string[] {
  const decode = (address: string) => {
    const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(address)!;
    const column = [...letters!].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
    return { column, row: Number(digits) };
  };
  const encode = (column: number, row: number) => {
    let letters = '';
    for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
      letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    return `${letters}${row}`;
  };
  return sqref.split(/\s+/).flatMap((range) => {
    const [from, to = from] = range.split(':') as [string, string?];
    const a = decode(from);
    const b = decode(to!);
    const cells: string[] = [];
    for (let column = a.column; column <= b.column; column++)
      for (let row = a.row; row <= b.row; row++) cells.push(encode(column, row));
    return cells;
  });
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('renderReviewForm, the XML itself', () => {
  it('has no formula anywhere', () => {
    for (const [name, xml] of Object.entries(parts)) {
      if (name.startsWith('xl/worksheets/')) expect(xml, name).not.toMatch(/<f[\s>/]/);
    }
  });

  it('covers every criterion cell with exactly one data validation, and nothing else', () => {
    const validations = [...formXml.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]+)"[^>]*>(.*?)<\/dataValidation>/g)];
    const covered = validations.flatMap((match) => expandSqref(match[1]!));
    const expected: string[] = [];
    criteria.forEach((_, at) => {
      for (let row = 2; row <= 1 + sample.items.length; row++)
        expected.push(`${columnLetter(FIELDS.length + at + 1)}${row}`);
    });
    expect([...covered].sort()).toEqual([...expected].sort()); // no overlap (Excel repairs those), no gap
    for (const match of validations) expect(match[0]).toMatch(/type="list"/);
  });

  it('stores every input text as a string cell', () => {
    const shared = [...(parts['xl/sharedStrings.xml'] ?? '').matchAll(/<si>(.*?)<\/si>/gs)].map((match) =>
      decodeXml([...match[1]!.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')),
    );
    const cells = new Map<string, string>();
    for (const match of formXml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const [, address, attributes, body = ''] = match;
      const type = /\bt="(\w+)"/.exec(attributes!)?.[1];
      if (type === 's') cells.set(address!, shared[Number(/<v>(\d+)<\/v>/.exec(body)![1])]!);
      else if (type === 'inlineStr') cells.set(address!, decodeXml(/<t[^>]*>(.*?)<\/t>/s.exec(body)![1]!));
    }
    const texts = new Set(cells.values());
    for (const text of INPUT_TEXTS) expect(texts.has(text), text).toBe(true);
    expect(cells.get(`${columnLetter(HEADERS.indexOf('topic') + 1)}3`)).toBe('=1+1');
  });
});

const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

describe('renderReviewForm in LibreOffice', () => {
  it.skipIf(!hasSoffice)(
    'opens headless and converts to CSV (formula-looking text stays text) and PDF',
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'cs-kpi-form-'));
      try {
        const file = join(folder, 'form.xlsx');
        writeFileSync(file, workbookBytes);
        const soffice = (format: string) =>
          execFileSync(
            'soffice',
            [
              '--headless',
              '--norestore',
              `-env:UserInstallation=file://${join(folder, 'profile')}`,
              '--convert-to',
              format,
              '--outdir',
              folder,
              file,
            ],
            { stdio: 'ignore', timeout: 120_000 },
          );
        soffice('csv:Text - txt - csv (StarCalc):44,34,76,1');
        const rows = parse(readFileSync(join(folder, 'form.csv'), 'utf8')) as string[][];
        expect(rows[0]).toEqual(HEADERS);
        expect(rows).toHaveLength(1 + sample.items.length);
        const cell = (row: number, header: string) => rows[row]![HEADERS.indexOf(header)];
        expect(cell(1, 'contact_id')).toBe('1001');
        expect(cell(1, 'spelling')).toBe('n/a');
        expect(cell(2, 'topic')).toBe('=1+1'); // not 2: LibreOffice did not evaluate it
        expect(cell(2, 'customer')).toBe('@SUM(A1:A2)');
        expect(cell(3, 'topic')).toBe('-2+3');
        soffice('pdf');
        expect(statSync(join(folder, 'form.pdf')).size).toBeGreaterThan(1000);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
