import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FollowupsV1, type FollowupItemV1 } from '../contracts/followups-v1.js';
import { renderFollowupsCsv } from './followups-csv.js';
import { renderFollowupsTable } from './followups-table.js';
import { CALL_LIST_SHEET, HOW_TO_USE_SHEET, renderFollowupsXlsx } from './xlsx-followups.js';
import { Chalk } from 'chalk';

const HYPERLINK = '=HYPERLINK("http://example.invalid","x")';

function item(overrides: Partial<FollowupItemV1>): FollowupItemV1 {
  return {
    answerId: 'R1',
    answeredAt: '2026-10-03T14:05:09+03:00',
    survey: 'csat',
    score: 1,
    scale: [1, 5],
    comment: null,
    contactId: 'T1',
    agent: 'Иванова Анна',
    channel: 'email',
    customer: 'K1',
    topic: 'Оплата',
    ...overrides,
  };
}

const followups = FollowupsV1.parse({
  schema: 'cs-kpi/followups@1',
  month: '2026-10',
  since: null,
  period: { from: '2026-10-01T00:00:00+03:00', to: '2026-11-01T00:00:00+03:00', timezone: 'Europe/Moscow' },
  below: 4,
  count: 3,
  excludeFiles: ['last-week.xlsx'],
  excluded: 1,
  items: [
    item({ comment: HYPERLINK }),
    item({
      answerId: '=1+1',
      survey: 'nps',
      score: 3,
      scale: [0, 10],
      agent: '@agent',
      customer: '+7 999 123-45-67',
      topic: '-3',
      comment: 'Line one\nline two',
    }),
    item({ answerId: null, answeredAt: null, score: 3, contactId: null, agent: null, channel: null, topic: null }),
  ],
  inputs: [],
  dataQuality: { issues: 0, examples: [] },
});

async function toBuffer(render: (out: Writable) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await render(out);
  if (!out.writableEnded) out.end();
  await finished(out);
  return Buffer.concat(chunks);
}

describe('renderFollowupsXlsx: the call list', () => {
  let buffer: Buffer;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    buffer = await toBuffer(renderFollowupsXlsx(followups));
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  });
  const list = () => workbook.getWorksheet(CALL_LIST_SHEET)!;

  it('has the call list and the instructions, one frozen header row with filters', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([CALL_LIST_SHEET, HOW_TO_USE_SHEET]);
    expect(list().getRow(1).values).toEqual([
      undefined,
      'answer_id',
      'answered_at',
      'survey',
      'score',
      'customer',
      'agent',
      'channel',
      'topic',
      'contact_id',
      'comment',
      'called_back',
      'outcome',
    ]);
    expect(list().views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(list().autoFilter).toBe('A1:L1');
    expect(list().rowCount).toBe(4);
  });

  it('writes every input value as a string cell, the score as a number, times local', () => {
    const texts = (row: number) =>
      [1, 2, 3, 5, 6, 7, 8, 9, 10].map((column) => list().getRow(row).getCell(column).type);
    expect(texts(1 + 1).every((type) => type === ExcelJS.ValueType.String)).toBe(true);
    expect(texts(2 + 1).every((type) => type === ExcelJS.ValueType.String)).toBe(true);
    const second = list().getRow(3);
    expect(second.getCell(1).value).toBe('=1+1');
    expect(second.getCell(5).value).toBe('+7 999 123-45-67');
    expect(second.getCell(6).value).toBe('@agent');
    expect(second.getCell(8).value).toBe('-3');
    expect(second.getCell(10).value).toBe('Line one\nline two');
    expect(second.getCell(4)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 3 });
    expect(list().getCell('J2').value).toBe(HYPERLINK);
    expect(list().getCell('J2').alignment).toMatchObject({ wrapText: true });
    expect(list().getCell('B2').value).toBe('2026-10-03 14:05');
    // no id, no time, no contact: empty cells
    expect(list().getCell('A4').value).toBeNull();
    expect(list().getCell('B4').value).toBeNull();
  });

  it('puts drop-downs on called_back and outcome', () => {
    for (const row of [2, 3, 4]) {
      expect(list().getCell(`K${row}`).dataValidation).toMatchObject({
        type: 'list',
        allowBlank: true,
        formulae: ['"yes,no answer,wrong number"'],
      });
      expect(list().getCell(`L${row}`).dataValidation).toMatchObject({
        type: 'list',
        allowBlank: true,
        formulae: ['"resolved,compensation,escalated,no action"'],
      });
    }
    expect(list().getCell('K5').dataValidation).toBeUndefined();
  });

  it('says how to use it, with --exclude', () => {
    const text = workbook
      .getWorksheet(HOW_TO_USE_SHEET)!
      .getColumn(1)
      .values.filter((value) => typeof value === 'string')
      .join('\n');
    expect(text).toContain('Follow-ups — 2026-10');
    expect(text).toContain('--exclude');
    expect(text).toContain('1 more answer was left out: called back already in last-week.xlsx');
  });

  describe('XML', () => {
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

    it('has no formula anywhere, and the formula-looking text in string cells', () => {
      const sheets = [...parts].filter(([name]) => name.startsWith('xl/worksheets/sheet'));
      expect(sheets.length).toBe(2);
      for (const [, xml] of sheets) expect(xml).not.toMatch(/<f[\s>]/);
      const strings = parts.get('xl/sharedStrings.xml') ?? '';
      expect(strings).toContain('=HYPERLINK(&quot;http://example.invalid&quot;,&quot;x&quot;)');
      expect(strings).toContain('=1+1');
      // the cells holding them are shared-string cells (t="s")
      const sheet1 = parts.get('xl/worksheets/sheet1.xml')!;
      expect(sheet1).toMatch(/<c r="J2"[^>]* t="s"/);
      expect(sheet1).toMatch(/<c r="A3"[^>]* t="s"/);
    });
  });
});

describe('renderFollowupsCsv', () => {
  it('neutralises input text, keeps scores numbers and times as written', () => {
    expect(renderFollowupsCsv(followups)).toBe(
      [
        'answer_id,answered_at,survey,score,customer,agent,channel,topic,contact_id,comment,called_back,outcome',
        `R1,2026-10-03T14:05:09+03:00,csat,1,K1,Иванова Анна,email,Оплата,T1,"'=HYPERLINK(""http://example.invalid"",""x"")",,`,
        `'=1+1,2026-10-03T14:05:09+03:00,nps,3,'+7 999 123-45-67,'@agent,email,'-3,T1,"Line one\nline two",,`,
        ',,csat,3,K1,,,,,,,',
        '',
      ].join('\n'),
    );
  });
});

describe('renderFollowupsTable', () => {
  it('one line per answer, comments on one short line', () => {
    expect(renderFollowupsTable(followups, new Chalk({ level: 0 }))).toMatchInlineSnapshot(`
      "cs-kpi followups — 2026-10 (3 answers to call back: CSAT below 4 of 5 and NPS detractors (0–6); worst first, then oldest)

        Rating    Answered          Customer          Agent         Channel  Topic   Contact  Answer  Comment
        CSAT 1/5  2026-10-03 14:05  K1                Иванова Анна  email    Оплата  T1       R1      =HYPERLINK("http://example.invalid","x")
        NPS 3/10  2026-10-03 14:05  +7 999 123-45-67  @agent        email    -3      T1       =1+1    Line one line two
        CSAT 3/5  —                 K1                                                        —

      1 more answer left out: called back already in last-week.xlsx.
      Answers without an id (—) cannot be left out by --exclude next time.
      "
    `);
  });

  it('says so when nobody is to be called back', () => {
    const none = { ...followups, count: 0, excluded: 0, items: [] };
    expect(renderFollowupsTable(none, new Chalk({ level: 0 }))).toContain(
      'Nobody to call back in 2026-10: no CSAT answer below 4 of 5 and no NPS detractor.',
    );
  });
});
