/**
 * The hostile-input corpus (issue 11, SPEC §9 "Robust"): malformed CSV, wrong encodings, hostile
 * headers, huge fields, broken workbooks and zip bombs, FIFOs and symlink loops, values at and past
 * every edge, formula-looking text. Everything is generated into a temp folder when the tests run;
 * nothing large is committed. `test/hostile.e2e.test.ts` runs every command over every case.
 *
 *   npx tsx test/hostile/make-corpus.ts OUT_DIR     # writes the corpus and lists the cases
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  SHEET_RELS_HYPERLINK,
  sheetXml,
  workbook,
  workbookEntries,
  xmlText,
  zip,
  type CellSpec,
  type ZipInput,
} from './zip.js';

/** The runs the test makes of each case (`commands.ts` turns each into a command line). */
export const COMMANDS = [
  'inspect',
  'report-table',
  'report-json',
  'report-csv',
  'report-xlsx',
  'sample',
  'followups',
] as const;
/** Runs made only where a case asks for them (the other output format of sample and followups). */
export const EXTRA_COMMANDS = ['sample-xlsx', 'followups-csv'] as const;
export type CommandName = (typeof COMMANDS)[number] | (typeof EXTRA_COMMANDS)[number];

export type Exit = 0 | 1 | 2;

export interface HostileCase {
  /** says what the case proves; also the case's folder name */
  name: string;
  /** the hostile input, in words */
  what: string;
  /** what must hold beside the guarantees of every run (exit 0/1/2, no stack, inputs unchanged…) */
  holds: string;
  /** the case's folder (absolute); runs use it as their working directory */
  dir: string;
  /** inputs, relative to `dir` */
  inputs: string[];
  /** options every command gets (`--config`, `--encoding`, `--calls`) */
  options?: string[];
  /** `--month` for report, sample and followups; null for none (default 2026-10) */
  month?: string | null;
  /** the exit code of every command, or per command (missing commands take `default`) */
  exit: Exit | (Partial<Record<CommandName, Exit>> & { default: Exit });
  /** on a non-zero exit, the error sentence names this input (as given) … */
  blame?: string;
  /** … and this place in it (`:2:` for a line, `!B7` for a cell) */
  where?: RegExp;
  /** the runs to make; default all of COMMANDS */
  commands?: readonly CommandName[];
  /** hostile text reaches the renderers: every command and format runs (else a few, see `hostileCases`) */
  renders?: boolean;
  /** writes the case's files into `dir` */
  make(): void;
}

/** The runs to make of a case (`hostileCases` fills `commands` in). */
export function commandsOf(hostile: HostileCase): readonly CommandName[] {
  return hostile.commands ?? COMMANDS;
}

export function expectedExit(hostile: HostileCase, command: CommandName): Exit {
  return typeof hostile.exit === 'number' ? hostile.exit : (hostile.exit[command] ?? hostile.exit.default);
}

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Formula-looking text: each must come out of a CSV as text (`'=…`) and out of an XLSX as a string cell. */
export const FORMULA_TEXTS = [
  '=1+1',
  '=HYPERLINK("http://example.invalid","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  "=cmd|' /C calc'!A0",
] as const;

/** Names that are keys of Object.prototype. */
export const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const CALLS_HEADER = [
  'Call ID',
  'Started At',
  'Direction',
  'Status',
  'Agent',
  'Customer Phone',
  'Wait Seconds',
  'Talk Seconds',
  'Resolved',
  'Topic',
];
const TICKETS_HEADER = [
  'Ticket ID',
  'Created At',
  'Channel',
  'Agent',
  'Priority',
  'Status',
  'Topic',
  'Customer',
  'First Response At',
  'Resolved At',
];
const SURVEYS_HEADER = ['Response ID', 'Answered At', 'Survey', 'Score', 'Contact ID', 'Customer', 'Comment'];
const CUSTOMERS_HEADER = ['Customer ID', 'Segment', 'Manager', 'Active Since', 'Churned At', 'MRR'];

function field(text: string, delimiter = ','): string {
  return text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** RFC 4180 text, quoting only where needed. */
export function csv(rows: readonly (readonly string[])[], eol = '\n', delimiter = ','): string {
  return rows.map((row) => row.map((cell) => field(cell, delimiter)).join(delimiter)).join(eol) + eol;
}

function call(id: string, at: string, agent = 'Anna', topic = 'Delivery', extra: Partial<Record<string, string>> = {}) {
  return [
    id,
    at,
    extra.direction ?? 'Inbound',
    extra.status ?? 'Answered',
    agent,
    extra.phone ?? '+79001234567',
    extra.wait ?? '5',
    extra.talk ?? '100',
    extra.resolved ?? 'Y',
    topic,
  ];
}

/** A closed ticket of customer K1 without a resolution time. */
function ticket(id: string, at: string, channel: string, agent: string, firstResponseAt: string): string[] {
  return [id, at, channel, agent, 'Normal', 'Closed', 'x', 'K1', firstResponseAt, ''];
}

function goodCalls(count = 4, agent = 'Anna'): string[][] {
  return Array.from({ length: count }, (_, i) =>
    call(`C${i + 1}`, `2026-10-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`, i % 2 ? 'Boris' : agent),
  );
}

const GOOD_TICKETS: string[][] = [
  [
    'T1',
    '2026-10-02 09:00:00',
    'Email',
    'Anna',
    'Normal',
    'Closed',
    'Billing',
    'K1',
    '2026-10-02 09:30:00',
    '2026-10-02 12:00:00',
  ],
  ['T2', '2026-10-03 09:00:00', 'Chat', 'Boris', 'High', 'Open', 'Login', 'K2', '2026-10-03 09:01:00', ''],
];
const GOOD_SURVEYS: string[][] = [
  ['R1', '2026-10-02 10:00:00', 'NPS', '3', 'C1', 'K1', 'slow'],
  ['R2', '2026-10-03 10:00:00', 'CSAT', '2', 'T1', 'K2', 'rude'],
  ['R3', '2026-10-04 10:00:00', 'NPS', '10', 'C2', 'K3', ''],
];
/** Two customers of MRR 1e308, one churned: the sums of MRR would be Infinity. */
const MRR_1E308_TWICE: string[][] = [
  ['K1', 'SMB', 'Anna', '2025-01-01', '2026-10-10', '1e308'],
  ['K2', 'SMB', 'Anna', '2025-01-01', '', '1e308'],
];
const GOOD_CUSTOMERS: string[][] = [
  ['K1', 'SMB', 'Anna', '2025-01-01', '', '100'],
  ['K2', 'Enterprise', 'Boris', '2025-01-01', '2026-10-15', '200'],
];

function write(dir: string, name: string, data: string | Buffer): void {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
}

/** Deterministic pseudo-random bytes (mulberry32). */
export function randomBytesSeeded(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

/** The calls of `goodCalls` as a workbook sheet (text cells). */
function callsSheetRows(rows: readonly (readonly string[])[] = goodCalls()): CellSpec[][] {
  return [CALLS_HEADER, ...rows].map((row) => [...row]);
}

function callsWorkbook(rows?: readonly (readonly string[])[]): Buffer {
  return workbook({ sheets: [{ name: 'Calls', xml: sheetXml(callsSheetRows(rows)) }] });
}

const MONTH_CONFIG = JSON.stringify({ timezone: 'Europe/Moscow' });

/** A DOCTYPE with nested entities (a billion laughs, cut short) and an external entity on /etc/passwd. */
const BILLION_LAUGHS =
  '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>';

// ---------------------------------------------------------------------------------------------
// The cases

type CaseDraft = Omit<HostileCase, 'dir' | 'make'> & { make(dir: string): void };

const ALL_FAIL = 1 as const;

function drafts(): CaseDraft[] {
  const list: CaseDraft[] = [];
  const add = (draft: CaseDraft) => list.push(draft);

  // --- malformed CSV -------------------------------------------------------------------------
  add({
    name: 'csv-unterminated-quote-at-eof',
    what: 'calls.csv whose last record opens a quote that never closes',
    holds: 'the file is read; the open quote is a data-quality issue, not a failure',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        csv([CALLS_HEADER, ...goodCalls(3)]) + 'C9,2026-10-09 10:00:00,Inbound,Answered,"Anna,+7900,5',
      ),
  });
  add({
    name: 'csv-stray-quotes',
    what: 'quotes inside unquoted fields, text after a closing quote, doubled quotes, an empty quoted field',
    holds: 'every record is read (quotes inside a field are literal)',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        CALLS_HEADER.join(',') +
          '\nC1,2026-10-01 10:00:00,Inbound,Answered,An"na,+7900,5,100,Y,Deli"very\n' +
          'C2,2026-10-01 11:00:00,Inbound,Answered,"Bo"ris,+7900,5,100,Y,"x""y"""\n' +
          'C3,2026-10-01 12:00:00,Inbound,Answered,"",+7900,5,100,Y,""""\n' +
          'C4,2026-10-01 13:00:00,Inbound,Answered,Anna,+7900,"5"5,100,Y,"a"b"c"\n',
      ),
  });
  add({
    name: 'csv-ragged-rows',
    what: 'records with fewer and more cells than the header, a one-cell record, blank lines',
    holds: 'the file is read; short rows have missing values, long rows their extra cells ignored',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        CALLS_HEADER.join(',') +
          '\nC1,2026-10-01 10:00:00,Inbound\n' +
          'C2,2026-10-01 11:00:00,Inbound,Answered,Anna,+7900,5,100,Y,Delivery,extra,extra,extra,,,\n' +
          'C3\n\n\n' +
          ',,,,,,,,,\n' +
          'C4,2026-10-01 12:00:00,Inbound,Answered,Boris,+7900,5,100,Y,Delivery\n',
      ),
  });
  add({
    name: 'csv-mixed-line-endings',
    what: 'CRLF, LF and lone CR record ends in one file, and a CRLF inside a quoted field',
    holds: 'all five records are read',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) => {
      const rows = goodCalls(5).map((row) => row.join(','));
      rows[2] = rows[2]!.replace('Delivery', '"Deli\r\nvery"');
      write(
        dir,
        'calls.csv',
        `${CALLS_HEADER.join(',')}\r\n${rows[0]}\n${rows[1]}\r${rows[2]}\r\n${rows[3]}\r${rows[4]}`,
      );
    },
  });
  add({
    name: 'csv-nul-bytes',
    renders: true,
    what: 'NUL bytes in the header, inside fields and a line of NULs',
    holds: 'no crash; the NULs are text or the file is refused with a sentence',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        Buffer.concat([
          Buffer.from(CALLS_HEADER.join(',') + ',\0Note\n'),
          Buffer.from('C1,2026-10-01 10:00:00,Inbound,Answered,An\0na,+7900,5,1\u000000,Y,Delivery\n'),
          Buffer.alloc(64, 0),
          Buffer.from('\nC2,2026-10-01 11:00:00,Inbound,Answered,Boris,+7900,5,100,Y,\0\n'),
        ]),
      ),
  });
  for (const [name, what, bytes] of [
    ['csv-empty', 'a zero-byte calls.csv', ''],
    ['csv-bom-only', 'a file holding only a UTF-8 BOM', '\uFEFF'],
    ['csv-blank-lines-only', 'line breaks and spaces, nothing else', '\n\r\n\r\n   \n\t\n'],
    [
      'csv-blank-cells-only',
      'a BOM, then records of empty and blank cells, quoted and not',
      '\uFEFF,,,\r\n , ,\r\n"",""," "\r\n',
    ],
  ]) {
    add({
      name: name!,
      what: what!,
      holds: 'refused with a sentence naming the file: it is empty (no header row)',
      inputs: ['calls.csv'],
      exit: ALL_FAIL,
      blame: 'calls.csv',
      where: /calls\.csv is empty \(no header row\)/,
      make: (dir) => write(dir, 'calls.csv', bytes!),
    });
  }
  add({
    name: 'csv-header-only',
    what: 'a calls header and no rows',
    holds: 'read as zero calls: an empty month, an empty sample (with a warning)',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) => write(dir, 'calls.csv', CALLS_HEADER.join(',') + '\n'),
  });
  add({
    name: 'csv-binary-junk',
    what: '256 KiB of random bytes named calls.csv',
    holds: 'refused with a sentence naming the file',
    inputs: ['calls.csv'],
    exit: ALL_FAIL,
    blame: 'calls.csv',
    make: (dir) => write(dir, 'calls.csv', randomBytesSeeded(256 * 1024, 11)),
  });
  add({
    name: 'csv-workbook-named-csv',
    what: 'a real XLSX workbook saved as calls.csv',
    holds: 'refused with a sentence saying what the file is',
    inputs: ['calls.csv'],
    exit: ALL_FAIL,
    blame: 'calls.csv',
    make: (dir) => write(dir, 'calls.csv', callsWorkbook()),
  });
  add({
    name: 'csv-xls-named-csv',
    what: 'the OLE header of an old .xls workbook, then junk, named calls.csv',
    holds: 'refused with a sentence saying it is an .xls workbook',
    inputs: ['calls.csv'],
    exit: ALL_FAIL,
    blame: 'calls.csv',
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytesSeeded(4096, 3)]),
      ),
  });
  add({
    name: 'csv-100k-columns',
    what: 'a calls header followed by 100,000 more columns, and one row as wide',
    holds: 'refused with a sentence naming the file and line 1',
    inputs: ['calls.csv'],
    exit: ALL_FAIL,
    blame: 'calls.csv',
    where: /calls\.csv:1\b/,
    make: (dir) => {
      const extra = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
      write(
        dir,
        'calls.csv',
        csv([
          [...CALLS_HEADER, ...extra],
          [...goodCalls(1)[0]!, ...extra],
        ]),
      );
    },
  });
  add({
    name: 'csv-9999-columns',
    what: '9,990 extra columns beside a calls header (just under the 10,000 limit), 200 rows',
    holds: 'read in bounded time; the extra columns are unmapped',
    inputs: ['calls.csv'],
    exit: 0,
    commands: ['inspect', 'report-json'],
    make: (dir) => {
      const extra = Array.from({ length: 9_980 }, (_, i) => `c${i}`);
      const rows = goodCalls(200).map((row) => [...row, ...extra.map(() => '1')]);
      write(dir, 'calls.csv', csv([[...CALLS_HEADER, ...extra], ...rows]));
    },
  });
  add({
    name: 'csv-50mb-unquoted-field',
    what: 'a row whose Topic is one unquoted 50 MB field',
    holds: 'refused with a sentence naming the file and line 2; bounded time and memory',
    inputs: ['calls.csv'],
    exit: ALL_FAIL,
    blame: 'calls.csv',
    where: /calls\.csv:2\b/,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        Buffer.concat([
          Buffer.from(CALLS_HEADER.join(',') + '\nC1,2026-10-01 10:00:00,Inbound,Answered,Anna,+7900,5,100,Y,'),
          Buffer.alloc(50 * 1024 * 1024, 'x'),
          Buffer.from('\n'),
        ]),
      ),
  });
  add({
    name: 'csv-50mb-quoted-field',
    what: 'a row whose Topic is one quoted 50 MB field full of doubled quotes and line breaks',
    holds: 'refused with a sentence naming the file and line 2; bounded time and memory',
    inputs: ['calls.csv'],
    exit: ALL_FAIL,
    blame: 'calls.csv',
    where: /calls\.csv:2\b/,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        Buffer.concat([
          Buffer.from(CALLS_HEADER.join(',') + '\nC1,2026-10-01 10:00:00,Inbound,Answered,Anna,+7900,5,100,Y,"'),
          Buffer.from('ab""c\r\n'.repeat((50 * 1024 * 1024) / 8)),
          Buffer.from('"\n'),
        ]),
      ),
  });
  add({
    name: 'csv-stray-quote-before-50mb',
    what: 'one stray opening quote on line 2 of a 50 MB file of good rows',
    holds: 'refused with a sentence naming the file and line 2 and suggesting a missing closing quote',
    inputs: ['calls.csv'],
    exit: ALL_FAIL,
    blame: 'calls.csv',
    where: /calls\.csv:2\b.*quote/,
    make: (dir) => {
      const row = 'C1,2026-10-01 10:00:00,Inbound,Answered,Anna,+7900,5,100,Y,Delivery\n';
      write(
        dir,
        'calls.csv',
        Buffer.concat([
          Buffer.from(CALLS_HEADER.join(',') + '\nC0,2026-10-01 10:00:00,Inbound,Answered,"Anna,+7900,5,100,Y,x\n'),
          Buffer.from(row.repeat(Math.ceil((50 * 1024 * 1024) / row.length))),
        ]),
      );
    },
  });
  add({
    name: 'csv-field-just-under-limit',
    what: 'a 1,000,000-character Topic (the limit is 1 Mi characters)',
    holds: 'read as an ordinary, long topic',
    inputs: ['calls.csv'],
    exit: 0,
    commands: ['inspect', 'report-json', 'report-csv', 'sample'],
    make: (dir) =>
      write(dir, 'calls.csv', csv([CALLS_HEADER, call('C1', '2026-10-01 10:00:00', 'Anna', 'y'.repeat(1_000_000))])),
  });

  // --- encodings -------------------------------------------------------------------------------
  const russianHeader = [
    'ID звонка',
    'Дата и время',
    'Направление',
    'Статус',
    'Оператор',
    'Ожидание, сек',
    'Разговор, сек',
  ];
  const russianRows = [
    ['1', '01.10.2026 10:00', 'Входящий', 'Отвечен', 'Иванова Анна', '5', '100'],
    ['2', '01.10.2026 11:00', 'Входящий', 'Пропущен', '', '30', '0'],
  ];
  const russianText = csv([russianHeader, ...russianRows], '\r\n', ';');
  add({
    name: 'enc-utf16le-bom',
    what: 'a Russian calls export in UTF-16LE with BOM',
    holds: 'read: two calls, Cyrillic intact',
    inputs: ['calls.csv'],
    exit: { default: 0, sample: 0 },
    make: (dir) =>
      write(dir, 'calls.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(russianText, 'utf16le')])),
  });
  add({
    name: 'enc-utf16be-bom',
    what: 'the same export in UTF-16BE with BOM',
    holds: 'read: two calls',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) => {
      const le = Buffer.from(russianText, 'utf16le');
      write(dir, 'calls.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]));
    },
  });
  add({
    name: 'enc-utf16le-without-bom',
    what: 'UTF-16LE without a BOM (every other byte NUL)',
    holds: 'no crash: read, or refused with a sentence naming the file',
    inputs: ['calls.csv'],
    exit: ALL_FAIL,
    blame: 'calls.csv',
    make: (dir) => write(dir, 'calls.csv', Buffer.from(russianText, 'utf16le')),
  });
  add({
    name: 'enc-mixed-utf8-and-cp1251',
    what: 'a UTF-8 header and agent names half in UTF-8, half in Windows-1251 bytes',
    holds: 'read; the guess is a data-quality note',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) => {
      const utf8 = Buffer.from(csv([CALLS_HEADER, call('C1', '2026-10-01 10:00:00', 'Иванова Анна')]));
      const cp1251Name = Buffer.from([0xc8, 0xe2, 0xe0, 0xed, 0xee, 0xe2, 0xe0]); // Иванова
      write(
        dir,
        'calls.csv',
        Buffer.concat([
          utf8,
          Buffer.from('C2,2026-10-01 11:00:00,Inbound,Answered,'),
          cp1251Name,
          Buffer.from(',+7900,5,100,Y,Delivery\n'),
        ]),
      );
    },
  });
  add({
    name: 'enc-utf8-with-one-cp1251-line',
    what: 'a UTF-8 export of 30 calls by Иванова Анна, and one line whose agent is Windows-1251 bytes',
    holds: 'read as UTF-8 (the 30 names intact), the odd line a data-quality issue naming line 32',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) => {
      const calls = Array.from({ length: 30 }, (_, i) => call(`U${i}`, '2026-10-01 10:00:00', 'Иванова Анна'));
      write(
        dir,
        'calls.csv',
        Buffer.concat([
          Buffer.from(csv([CALLS_HEADER, ...calls])),
          Buffer.from('W1,2026-10-01 11:00:00,Inbound,Answered,'),
          Buffer.from([0xc8, 0xe2, 0xe0, 0xed, 0xee, 0xe2, 0xe0]), // Иванова in Windows-1251
          Buffer.from(',+7900,5,100,Y,Delivery\n'),
        ]),
      );
    },
  });
  add({
    name: 'enc-invalid-utf8',
    what: 'lone continuation bytes, an overlong slash, an encoded surrogate, a sequence cut at the end',
    holds: 'read; bad bytes never stop the run',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        Buffer.concat([
          Buffer.from(CALLS_HEADER.join(',') + '\nC1,2026-10-01 10:00:00,Inbound,Answered,'),
          Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
          Buffer.from(',+7900,5,100,Y,x\nC2,2026-10-01 11:00:00,Inbound,Answered,Anna,+7900,5,100,Y,'),
          Buffer.from([0xe2, 0x82]),
        ]),
      ),
  });
  add({
    name: 'enc-forced-wrong-encoding',
    what: 'a UTF-8 calls export read with --encoding utf-16be',
    holds: 'refused with a sentence naming the file (the header is noise)',
    inputs: ['calls.csv'],
    options: ['--encoding', 'utf-16be'],
    exit: ALL_FAIL,
    blame: 'calls.csv',
    make: (dir) => write(dir, 'calls.csv', csv([CALLS_HEADER, ...goodCalls()])),
  });
  add({
    name: 'usage-unknown-encoding',
    what: '--encoding klingon',
    holds: 'a usage error, exit 2, naming the option',
    inputs: ['calls.csv'],
    options: ['--encoding', 'klingon'],
    exit: 2,
    make: (dir) => write(dir, 'calls.csv', csv([CALLS_HEADER, ...goodCalls()])),
  });

  // --- headers ---------------------------------------------------------------------------------
  add({
    name: 'hdr-duplicate-columns',
    what: 'Agent, Started At and Call ID each appear twice with different values',
    holds: 'read; one column of each pair is used, the run never fails',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        csv([
          [...CALLS_HEADER, 'Agent', 'Started At', 'Call ID'],
          ...goodCalls().map((row, i) => [...row, `Other${i}`, '1999-01-01 00:00:00', `X${i}`]),
        ]),
      ),
  });
  add({
    name: 'hdr-prototype-keys',
    what: 'columns named __proto__, constructor, prototype, toString, hasOwnProperty beside a calls header',
    holds: 'read; the hostile headers are unmapped columns',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        csv([
          ['__proto__', 'constructor', 'prototype', ...CALLS_HEADER, 'toString', 'hasOwnProperty'],
          ...goodCalls().map((row) => ['{"polluted":1}', 'x', 'y', ...row, 'z', 'w']),
        ]),
      ),
  });
  add({
    name: 'hdr-only-prototype-keys',
    what: 'a header of only __proto__, constructor, prototype',
    holds: 'refused: the header matches no kind (a sentence naming the file)',
    inputs: ['data.csv'],
    exit: ALL_FAIL,
    blame: 'data.csv',
    make: (dir) =>
      write(
        dir,
        'data.csv',
        csv([
          ['__proto__', 'constructor', 'prototype'],
          ['1', '2', '3'],
        ]),
      ),
  });
  add({
    name: 'hdr-blank-and-huge-names',
    what: 'blank header cells and one 500,000-character header',
    holds: 'read; blank and huge headers are unmapped',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        csv([
          ['', ' ', ...CALLS_HEADER, 'h'.repeat(500_000), ''],
          ...goodCalls().map((row) => ['a', 'b', ...row, 'c', 'd']),
        ]),
      ),
  });
  add({
    name: 'config-prototype-keys',
    what: 'a config whose columns map __proto__ and whose agents and SLA records have __proto__ keys',
    holds: 'an invalid config is refused with a sentence naming the key; no crash',
    inputs: ['calls.csv'],
    options: ['--config', 'hostile.config.json'],
    exit: ALL_FAIL,
    blame: 'hostile.config.json',
    make: (dir) => {
      write(dir, 'calls.csv', csv([CALLS_HEADER, ...goodCalls()]));
      write(dir, 'hostile.config.json', '{"columns":{"calls":{"__proto__":"Agent","agent":"Agent"}}}');
    },
  });

  add({
    name: 'config-proto-record-keys',
    what: 'a config whose agents record has a __proto__ key (JSON.parse keeps it; a plain object would not)',
    holds: 'refused with a sentence naming the key path, never silently dropped',
    inputs: ['calls.csv'],
    options: ['--config', 'hostile.config.json'],
    exit: ALL_FAIL,
    blame: 'hostile.config.json',
    where: /agents\.__proto__/,
    make: (dir) => {
      write(dir, 'calls.csv', csv([CALLS_HEADER, ...goodCalls()]));
      write(dir, 'hostile.config.json', '{"agents":{"Anna":["A."],"__proto__":["Boris"]}}');
    },
  });
  add({
    name: 'config-constructor-keys',
    renders: true,
    what: 'config records keyed constructor/prototype/toString (agent aliases, first-response SLA, an index), and surveys named after them',
    holds:
      'each key applies like any other: Konstruktor counts for constructor, the "prototype" index is scored, "toString" is an unknown survey',
    inputs: ['calls.csv', 'tickets.csv', 'surveys.csv'],
    options: ['--config', 'proto.config.json'],
    exit: 0,
    make: (dir) => {
      write(
        dir,
        'proto.config.json',
        JSON.stringify({
          agents: { constructor: ['Konstruktor'], toString: ['ts'] },
          sla: { firstResponseMinutes: { constructor: 10 } },
          indices: { prototype: { method: 'mean', scale: [1, 5] } },
        }),
      );
      write(
        dir,
        'calls.csv',
        csv([
          CALLS_HEADER,
          call('K1', '2026-10-01 10:00:00', 'Konstruktor'),
          call('K2', '2026-10-02 10:00:00', 'constructor'),
          call('K3', '2026-10-03 10:00:00', 'ts'),
        ]),
      );
      write(
        dir,
        'tickets.csv',
        csv([
          TICKETS_HEADER,
          ticket('T1', '2026-10-02 09:00:00', 'constructor', 'Anna', '2026-10-02 09:05:00'),
          ticket('T2', '2026-10-02 09:00:00', 'constructor', 'Anna', '2026-10-02 09:30:00'),
        ]),
      );
      write(
        dir,
        'surveys.csv',
        csv([
          SURVEYS_HEADER,
          ['R1', '2026-10-02 10:00:00', 'prototype', '4', 'K1', 'K1', ''],
          ['R2', '2026-10-02 10:00:00', 'prototype', '2', 'K2', 'K1', ''],
          ['R3', '2026-10-02 10:00:00', 'constructor', '3', 'K2', 'K1', ''],
          ['R4', '2026-10-02 10:00:00', 'toString', '3', 'K3', 'K1', ''],
        ]),
      );
    },
  });
  add({
    name: 'config-fifo',
    what: '--config naming a FIFO (nobody ever writes to it)',
    holds: 'refused without opening it (an open would hang), with a sentence naming it',
    inputs: ['calls.csv'],
    options: ['--config', 'config.fifo'],
    exit: ALL_FAIL,
    blame: 'config.fifo',
    where: /not a regular file/,
    make: (dir) => {
      write(dir, 'calls.csv', csv([CALLS_HEADER, ...goodCalls()]));
      execFileSync('mkfifo', [join(dir, 'config.fifo')]);
    },
  });
  add({
    name: 'config-dev-zero',
    what: '--config /dev/zero (an endless device)',
    holds: 'refused at once as not a regular file, nothing read',
    inputs: ['calls.csv'],
    options: ['--config', '/dev/zero'],
    exit: ALL_FAIL,
    blame: '/dev/zero',
    where: /not a regular file/,
    make: (dir) => write(dir, 'calls.csv', csv([CALLS_HEADER, ...goodCalls()])),
  });
  add({
    name: 'config-over-1mib',
    what: 'a 2 MiB config file (valid JSON, padded with spaces)',
    holds: 'refused: larger than 1 MiB; check that it is the right file',
    inputs: ['calls.csv'],
    options: ['--config', 'big.config.json'],
    exit: ALL_FAIL,
    blame: 'big.config.json',
    where: /larger than 1 MiB; check that it is the right file\./,
    make: (dir) => {
      write(dir, 'calls.csv', csv([CALLS_HEADER, ...goodCalls()]));
      write(dir, 'big.config.json', `{"timezone":"UTC"${' '.repeat(2 * 1024 * 1024)}}`);
    },
  });
  add({
    name: 'exclude-fifo',
    what: 'followups --exclude naming a FIFO as the earlier call list',
    holds: 'refused without opening it, with a sentence naming it',
    inputs: ['surveys.csv'],
    options: ['--exclude', 'list.fifo'],
    commands: ['followups', 'followups-csv'],
    exit: ALL_FAIL,
    blame: 'list.fifo',
    where: /not a regular file/,
    make: (dir) => {
      write(dir, 'surveys.csv', csv([SURVEYS_HEADER, ...GOOD_SURVEYS]));
      execFileSync('mkfifo', [join(dir, 'list.fifo')]);
    },
  });
  add({
    name: 'exclude-over-64mib',
    what: 'followups --exclude naming a 65 MiB file (sparse) as the earlier call list',
    holds: 'refused: larger than 64 MiB; check that it is the right file',
    inputs: ['surveys.csv'],
    options: ['--exclude', 'list.csv'],
    commands: ['followups-csv'],
    exit: ALL_FAIL,
    blame: 'list.csv',
    where: /larger than 64 MiB/,
    make: (dir) => {
      write(dir, 'surveys.csv', csv([SURVEYS_HEADER, ...GOOD_SURVEYS]));
      write(dir, 'list.csv', 'answer_id,called_back\n');
      truncateSync(join(dir, 'list.csv'), 65 * 1024 * 1024);
    },
  });
  add({
    name: 'out-is-input',
    what: '--out naming the calls export being read, with --force',
    holds: 'a usage error (exit 2) before any work; the export is untouched',
    inputs: ['calls.csv'],
    options: ['--out', './calls.csv', '--force'],
    commands: ['inspect', 'report-table', 'report-json', 'followups-csv'],
    exit: 2,
    blame: 'calls.csv',
    where: /--out \.\/calls\.csv is one of the inputs; choose another file\./,
    make: (dir) => write(dir, 'calls.csv', csv([CALLS_HEADER, ...goodCalls()])),
  });
  add({
    name: 'out-is-exclude-list',
    what: 'followups --out naming its own --exclude call list (through a symbolic link), with --force',
    holds: 'a usage error (exit 2); the filled-in call list is untouched',
    inputs: ['surveys.csv'],
    options: ['--exclude', 'list.csv', '--out', 'link.csv', '--force'],
    commands: ['followups-csv'],
    exit: 2,
    blame: 'link.csv',
    where: /one of the inputs/,
    make: (dir) => {
      write(dir, 'surveys.csv', csv([SURVEYS_HEADER, ...GOOD_SURVEYS]));
      write(dir, 'list.csv', 'answer_id,called_back\nR1,yes\n');
      symlinkSync('list.csv', join(dir, 'link.csv'));
    },
  });

  // --- XLSX --------------------------------------------------------------------------------------
  add({
    name: 'xlsx-truncated',
    what: 'the first half of a valid workbook',
    holds: 'refused with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => {
      const whole = callsWorkbook(goodCalls(50));
      write(dir, 'calls.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
    },
  });
  add({
    name: 'xlsx-truncated-tail',
    what: 'a valid workbook without its last 10 bytes (the end of the ZIP directory)',
    holds: 'refused with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => {
      const whole = callsWorkbook();
      write(dir, 'calls.xlsx', whole.subarray(0, whole.length - 10));
    },
  });
  add({
    name: 'xlsx-corrupt-deflate',
    what: 'a workbook whose sheet data has 64 bytes overwritten in the middle of the deflate stream',
    holds: 'refused with a sentence naming the file (damaged or CRC mismatch)',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => {
      const rows = Array.from({ length: 400 }, (_, i) =>
        call(`C${i}`, '2026-10-01 10:00:00', `Agent ${i % 17}`, `Topic ${(i * 7919) % 1013}`),
      );
      const bytes = Buffer.from(callsWorkbook(rows));
      const sheetAt = bytes.indexOf('xl/worksheets/sheet1.xml');
      randomBytesSeeded(64, 5).copy(bytes, sheetAt + 24 + 600);
      write(dir, 'calls.xlsx', bytes);
    },
  });
  add({
    name: 'xlsx-crc-lie',
    what: 'a workbook whose sheet entry declares a wrong CRC-32',
    holds: 'refused with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) =>
      write(
        dir,
        'calls.xlsx',
        zip(
          workbookEntries({ sheets: [{ name: 'Calls', xml: sheetXml(callsSheetRows()) }] }).map((entry) =>
            entry.name === 'xl/worksheets/sheet1.xml' ? { ...entry, lie: { crc: 0x12345678 } } : entry,
          ),
        ),
      ),
  });
  add({
    name: 'xlsx-empty-file',
    what: 'a zero-byte calls.xlsx',
    holds: 'refused with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => write(dir, 'calls.xlsx', ''),
  });
  add({
    name: 'xlsx-text-file',
    what: 'CSV text named calls.xlsx',
    holds: 'refused with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => write(dir, 'calls.xlsx', csv([CALLS_HEADER, ...goodCalls()])),
  });
  add({
    name: 'xlsx-random-junk',
    what: 'a ZIP local-file signature followed by 64 KiB of random bytes',
    holds: 'refused with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) =>
      write(dir, 'calls.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytesSeeded(65536, 9)])),
  });
  add({
    name: 'xlsx-bomb-honest',
    what: 'a sheet that honestly declares 16 MiB of <row/> deflated ~700:1',
    holds: 'refused before inflating, with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => write(dir, 'calls.xlsx', bombWorkbook(16 * 1024 * 1024, null)),
  });
  add({
    name: 'xlsx-bomb-lying',
    what: 'a sheet that declares 10,000 bytes but inflates to 16 MiB',
    holds: 'refused once it passes the declared size, with a sentence naming the file; bounded time and memory',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => write(dir, 'calls.xlsx', bombWorkbook(16 * 1024 * 1024, { uncompressedSize: 10_000 })),
  });
  add({
    name: 'xlsx-bomb-lying-huge-declared',
    what: 'a sheet that declares 3 GiB (over the 1 GiB limit) for a few hundred bytes',
    holds: 'refused from the directory, with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) =>
      write(
        dir,
        'calls.xlsx',
        zip(
          workbookEntries({ sheets: [{ name: 'Calls', xml: sheetXml(callsSheetRows()) }] }).map((entry) =>
            entry.name === 'xl/worksheets/sheet1.xml' ? { ...entry, lie: { uncompressedSize: 3 * 1024 ** 3 } } : entry,
          ),
        ),
      ),
  });
  add({
    name: 'xlsx-bomb-in-unused-part',
    what: 'a valid calls workbook plus xl/media/image1.png that lies (declares 1 KiB, inflates to 16 MiB)',
    holds: 'the part is never inflated: the calls are read',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) => {
      const entries = workbookEntries({
        sheets: [{ name: 'Calls', xml: sheetXml(callsSheetRows()) }],
        extra: [{ name: 'xl/media/image1.png', data: Buffer.alloc(16 * 1024 * 1024), lie: { uncompressedSize: 1024 } }],
      });
      write(dir, 'calls.xlsx', zip(entries));
    },
  });
  add({
    name: 'xlsx-bomb-many-entries',
    what: 'a valid calls workbook plus 20,000 empty entries',
    holds: 'refused from the directory, with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => {
      const entries = workbookEntries({ sheets: [{ name: 'Calls', xml: sheetXml(callsSheetRows()) }] });
      for (let i = 0; i < 20_000; i++) entries.push({ name: `junk/${i}.xml`, data: '', method: 0 });
      write(dir, 'calls.xlsx', zip(entries));
    },
  });
  add({
    name: 'xlsx-shared-strings-over-limit',
    what: 'a shared-string table that declares 5,000,001 strings (over the 5,000,000 limit)',
    holds:
      'refused before the strings are read, with a sentence naming the file (an honest 4.9 M-string table is measured in the issue-11 note)',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => write(dir, 'calls.xlsx', sharedStringsWorkbook(5_000_001, 200)),
  });
  add({
    name: 'xlsx-external-link',
    what: 'a workbook linking an external workbook at http://example.invalid, formulas into it with cached values, and a hyperlink',
    holds: 'read from the cached values; nothing is fetched',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) => {
      const rows: CellSpec[][] = callsSheetRows();
      rows[1]![9] = { raw: '<f>[1]Sheet1!A1</f><v>external</v>', t: 'str' };
      rows[2]![4] = { raw: '<f>HYPERLINK("http://example.invalid/x","Anna")</f><v>Anna</v>', t: 'str' };
      write(
        dir,
        'calls.xlsx',
        workbook({
          sheets: [
            {
              name: 'Calls',
              xml: sheetXml(rows, '<hyperlinks><hyperlink ref="A2" r:id="rId1"/></hyperlinks>'),
              rels: SHEET_RELS_HYPERLINK('http://example.invalid/'),
            },
          ],
          externalLink: 'http://example.invalid/book.xlsx',
        }),
      );
    },
  });
  add({
    name: 'xlsx-formulas',
    what: 'talk times as formulas with cached values, formulas without a cached value, a string formula and an array formula',
    holds: 'cached values are read; formulas without one are data-quality issues',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) => {
      const rows: CellSpec[][] = callsSheetRows();
      rows[1]![7] = { raw: '<f>50+50</f><v>100</v>' };
      rows[2]![7] = { raw: '<f>NOW()</f>' };
      rows[3]![9] = { raw: '<f>"=1"&amp;"+1"</f><v>=1+1</v>', t: 'str' };
      rows[4]![6] = { raw: '<f t="array" ref="G5">SUM(1,2)</f><v>3</v>' };
      write(dir, 'calls.xlsx', workbook({ sheets: [{ name: 'Calls', xml: sheetXml(rows) }] }));
    },
  });
  add({
    name: 'xlsx-shared-formulas',
    what: 'a shared formula over the talk-time column, followers with and without cached values',
    holds: 'cached values are read; followers without one are data-quality issues',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) => {
      const rows: CellSpec[][] = callsSheetRows(goodCalls(6));
      rows[1]![7] = { raw: '<f t="shared" ref="H2:H7" si="0">G2*20</f><v>100</v>' };
      for (let r = 2; r <= 6; r++)
        rows[r]![7] = { raw: r % 2 ? '<f t="shared" si="0"/><v>100</v>' : '<f t="shared" si="0"/>' };
      write(dir, 'calls.xlsx', workbook({ sheets: [{ name: 'Calls', xml: sheetXml(rows) }] }));
    },
  });
  add({
    name: 'xlsx-merged-cells',
    what: 'a merged title row above the header, and agent cells merged down three rows (only the first holds a value)',
    holds: 'the title is skipped, the header found, every row read; the merge over data rows is a data-quality issue',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) => {
      const rows: CellSpec[][] = [['Calls report, October 2026'], [], ...callsSheetRows()];
      rows[4]![4] = null;
      rows[5]![4] = null;
      write(
        dir,
        'calls.xlsx',
        workbook({
          sheets: [
            {
              name: 'Calls',
              xml: sheetXml(
                rows,
                '<mergeCells count="2"><mergeCell ref="A1:J1"/><mergeCell ref="E4:E6"/></mergeCells>',
              ),
            },
          ],
        }),
      );
    },
  });
  add({
    name: 'xlsx-hidden-sheets',
    what: 'a hidden tickets sheet and a very hidden sheet before the visible calls sheet',
    holds: 'the visible calls sheet is read',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.xlsx',
        workbook({
          sheets: [
            { name: 'Hidden tickets', state: 'hidden', xml: sheetXml([TICKETS_HEADER, ...GOOD_TICKETS]) },
            {
              name: 'Secret',
              state: 'veryHidden',
              xml: sheetXml([
                ['__proto__', 'constructor'],
                ['1', '2'],
              ]),
            },
            { name: 'Calls', xml: sheetXml(callsSheetRows()) },
          ],
        }),
      ),
  });
  add({
    name: 'xlsx-dtd-entities',
    what: 'a sheet with a DOCTYPE: nested entities (billion laughs) and an external entity on /etc/passwd',
    holds: 'no entity is expanded or fetched; refused with a sentence naming the file, or read without them',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => {
      const rows: CellSpec[][] = callsSheetRows();
      rows[1]![4] = { raw: '<is><t>&d;</t></is>', t: 'inlineStr' };
      rows[2]![9] = { raw: '<is><t>&xxe;</t></is>', t: 'inlineStr' };
      write(dir, 'calls.xlsx', workbook({ sheets: [{ name: 'Calls', xml: sheetXml(rows, '', BILLION_LAUGHS) }] }));
    },
  });
  add({
    name: 'xlsx-huge-cell-references',
    what: 'cells at column XFD and at row 99,999,999,999',
    holds: 'no crash: refused with a sentence naming the file and cell, or read',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    where: /!XFD2\b/,
    make: (dir) => {
      const body = sheetXml(callsSheetRows())
        .replace('</row><row r="3">', '<c r="XFD2"><v>1</v></c></row><row r="3">')
        .replace(
          '</sheetData>',
          '<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>far</t></is></c></row></sheetData>',
        );
      write(dir, 'calls.xlsx', workbook({ sheets: [{ name: 'Calls', xml: body }] }));
    },
  });
  add({
    name: 'xlsx-sheet-target-outside-package',
    what: 'a workbook whose sheet relationship points at ../../../../etc/passwd',
    holds: 'nothing outside the ZIP is read (the archive’s own sheet part is read through the exceljs fallback)',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) => {
      const entries = workbookEntries({ sheets: [{ name: 'Calls', xml: sheetXml(callsSheetRows()) }] }).map((entry) =>
        entry.name === 'xl/_rels/workbook.xml.rels'
          ? { ...entry, data: String(entry.data).replace('worksheets/sheet1.xml', '../../../../../../etc/passwd') }
          : entry,
      );
      write(dir, 'calls.xlsx', zip(entries));
    },
  });
  add({
    name: 'xlsx-odd-cell-values',
    what: 'date-styled serials -1, 0, 60, 2958466, 2958467 and 1e308, a t="d" year 0, a boolean 2, an error cell, NaN text in <v>',
    holds: 'read; values out of range are data-quality issues',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) => {
      const serials = ['-1', '0', '60', '2958466', '2958467', '1e308', 'NaN'];
      const rows: CellSpec[][] = [
        CALLS_HEADER,
        ...serials.map((serial, i) => {
          const row: CellSpec[] = [...call(`C${i}`, '')];
          row[1] = { raw: `<v>${serial}</v>`, s: 1 };
          return row;
        }),
      ];
      const extra: CellSpec[] = [...call('D1', '')];
      extra[1] = { raw: '<v>0000-01-01T00:00:00</v>', t: 'd' };
      extra[8] = { raw: '<v>2</v>', t: 'b' };
      extra[7] = { raw: '<v>#DIV/0!</v>', t: 'e' };
      extra[6] = { raw: '<v>1e308</v>', s: 2 };
      rows.push(extra);
      write(dir, 'calls.xlsx', workbook({ sheets: [{ name: 'Calls', xml: sheetXml(rows) }] }));
    },
  });
  add({
    name: 'xlsx-utf16-xml',
    what: 'a workbook whose sheet XML is UTF-16LE with a BOM',
    holds: 'read',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) => {
      const entries = workbookEntries({ sheets: [{ name: 'Calls', xml: sheetXml(callsSheetRows()) }] }).map((entry) =>
        entry.name === 'xl/worksheets/sheet1.xml'
          ? {
              ...entry,
              data: Buffer.concat([
                Buffer.from([0xff, 0xfe]),
                Buffer.from(String(entry.data).replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le'),
              ]),
            }
          : entry,
      );
      write(dir, 'calls.xlsx', zip(entries));
    },
  });

  // --- XLSX that the lean reader declines and hands to exceljs (no workbook relationships) ------------
  const declined = (sheet: string, extra: ZipInput[] = []): Buffer =>
    zip([
      ...workbookEntries({ sheets: [{ name: 'Calls', xml: sheet }] }).filter(
        (entry) => entry.name !== 'xl/_rels/workbook.xml.rels',
      ),
      ...extra,
    ]);
  add({
    name: 'xlsx-fallback-plain',
    what: 'a calls workbook without xl/_rels/workbook.xml.rels (read through the exceljs fallback)',
    holds: 'read: the four calls',
    inputs: ['calls.xlsx'],
    exit: 0,
    make: (dir) => write(dir, 'calls.xlsx', declined(sheetXml(callsSheetRows()))),
  });
  add({
    name: 'xlsx-fallback-formulas-and-formula-text',
    what: 'the exceljs fallback on formula-looking text cells, formulas with and without cached values',
    holds: 'read; the outputs hold the text as string cells (no <f>) and neutralised in CSV',
    inputs: ['calls.xlsx'],
    exit: 0,
    renders: true,
    make: (dir) => {
      const rows: CellSpec[][] = callsSheetRows(
        FORMULA_TEXTS.map((text, i) =>
          call(`F${i}`, '2026-10-02 10:00:00', text, FORMULA_TEXTS[(i + 1) % FORMULA_TEXTS.length]),
        ),
      );
      rows[1]![7] = { raw: '<f>50+50</f><v>100</v>' };
      rows[2]![7] = { raw: '<f>NOW()</f>' };
      rows[3]![9] = { raw: '<f>"=1"&amp;"+1"</f><v>=1+1</v>', t: 'str' };
      write(dir, 'calls.xlsx', declined(sheetXml(rows)));
    },
  });
  add({
    name: 'xlsx-fallback-dtd-entities',
    what: 'the exceljs fallback on a sheet with nested entities and an external entity on /etc/passwd',
    holds: 'no entity is expanded or fetched; refused with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => {
      const rows: CellSpec[][] = callsSheetRows();
      rows[1]![4] = { raw: '<is><t>&d;</t></is>', t: 'inlineStr' };
      rows[2]![9] = { raw: '<is><t>&xxe;</t></is>', t: 'inlineStr' };
      write(dir, 'calls.xlsx', declined(sheetXml(rows, '', BILLION_LAUGHS)));
    },
  });
  add({
    name: 'xlsx-fallback-bomb-lying',
    what: 'the exceljs fallback on a sheet that declares 10,000 bytes but inflates to 16 MiB',
    holds: 'refused before exceljs sees it, with a sentence naming the file',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    make: (dir) => {
      const head = sheetXml(callsSheetRows()).replace('</sheetData></worksheet>', '');
      const data = Buffer.concat([
        Buffer.from(head),
        Buffer.alloc(16 * 1024 * 1024, '<row/>'),
        Buffer.from('</sheetData></worksheet>'),
      ]);
      const entries = workbookEntries({ sheets: [{ name: 'Calls', xml: '' }] })
        .filter((entry) => entry.name !== 'xl/_rels/workbook.xml.rels')
        .map((entry) =>
          entry.name === 'xl/worksheets/sheet1.xml' ? { ...entry, data, lie: { uncompressedSize: 10_000 } } : entry,
        );
      write(dir, 'calls.xlsx', zip(entries));
    },
  });
  add({
    name: 'xlsx-fallback-huge-cell-references',
    what: 'the exceljs fallback on cells at column XFD and at row 1,048,576,000',
    holds: 'refused with a sentence naming the file and the cell, like the lean reader',
    inputs: ['calls.xlsx'],
    exit: ALL_FAIL,
    blame: 'calls.xlsx',
    where: /!XFD2\b/,
    make: (dir) => {
      const body = sheetXml(callsSheetRows())
        .replace('</row><row r="3">', '<c r="XFD2"><v>1</v></c></row><row r="3">')
        .replace(
          '</sheetData>',
          '<row r="1048576000"><c r="A1048576000" t="inlineStr"><is><t>far</t></is></c></row></sheetData>',
        );
      write(dir, 'calls.xlsx', declined(body));
    },
  });

  // --- folders: FIFOs and symlinks ----------------------------------------------------------------
  add({
    name: 'folder-with-fifo',
    what: 'a folder holding calls.csv and a FIFO named pipe.csv that nobody writes to',
    holds: 'the FIFO is never opened (the run does not hang); calls.csv is read',
    inputs: ['exports'],
    exit: 0,
    make: (dir) => {
      write(dir, 'exports/calls.csv', csv([CALLS_HEADER, ...goodCalls()]));
      execFileSync('mkfifo', [join(dir, 'exports', 'pipe.csv')]);
    },
  });
  add({
    name: 'folder-with-symlink-loops',
    what: 'a folder holding calls.csv, a self-link loop.csv, links a.csv ↔ b.csv, a dangling link and a folder named dir.csv',
    holds: 'the loops, the dangling link and the folder are skipped; calls.csv is read',
    inputs: ['exports'],
    exit: 0,
    make: (dir) => {
      write(dir, 'exports/calls.csv', csv([CALLS_HEADER, ...goodCalls()]));
      symlinkSync('loop.csv', join(dir, 'exports', 'loop.csv'));
      symlinkSync('b.csv', join(dir, 'exports', 'a.csv'));
      symlinkSync('a.csv', join(dir, 'exports', 'b.csv'));
      symlinkSync('nowhere.csv', join(dir, 'exports', 'dangling.csv'));
      mkdirSync(join(dir, 'exports', 'dir.csv'));
      symlinkSync('.', join(dir, 'exports', 'self.xlsx'));
    },
  });
  add({
    name: 'arg-fifo',
    what: 'a FIFO given as the input file',
    holds: 'refused without opening it, with a sentence naming it',
    inputs: ['pipe.csv'],
    exit: ALL_FAIL,
    blame: 'pipe.csv',
    make: (dir) => execFileSync('mkfifo', [join(dir, 'pipe.csv')]),
  });
  add({
    name: 'arg-symlink-loop',
    what: 'a self-referencing symlink given as the input file',
    holds: 'refused with a sentence naming it',
    inputs: ['loop.csv'],
    exit: ALL_FAIL,
    blame: 'loop.csv',
    make: (dir) => symlinkSync('loop.csv', join(dir, 'loop.csv')),
  });
  add({
    name: 'folder-only-fifo',
    what: 'a folder whose only .csv is a FIFO',
    holds: 'refused (no input file) with a sentence naming the folder; never hangs',
    inputs: ['exports'],
    exit: ALL_FAIL,
    blame: 'exports',
    make: (dir) => {
      mkdirSync(join(dir, 'exports'));
      execFileSync('mkfifo', [join(dir, 'exports', 'pipe.csv')]);
    },
  });

  // --- values --------------------------------------------------------------------------------------
  add({
    name: 'dates-out-of-range',
    renders: true,
    what: 'year 0, 9999-12-31, 31.02.2026, 25:61, 24:00, 2026-02-29, month 13, offset +99:00, year 275760, 1/1/0',
    holds: 'each bad date is a data-quality issue on its row; the good rows are counted',
    inputs: ['calls.csv', 'tickets.csv', 'surveys.csv', 'customers.csv'],
    exit: 0,
    make: (dir) => {
      const bad = [
        '0000-10-01 10:00:00',
        '9999-12-31 23:59:59',
        '31.02.2026 10:00',
        '2026-10-01 25:61',
        '2026-10-01 24:00:00',
        '2026-02-29 10:00:00',
        '2026-13-01 10:00:00',
        '2026-10-01T10:00:00+99:00',
        '+275760-09-13T00:00:00Z',
        '1/1/0',
        '2026-10-01 10:00:00.9999999999999999999',
        '-000001-01-01',
      ];
      write(dir, 'calls.csv', csv([CALLS_HEADER, ...goodCalls(2), ...bad.map((at, i) => call(`B${i}`, at))]));
      write(
        dir,
        'tickets.csv',
        csv([
          TICKETS_HEADER,
          ...GOOD_TICKETS,
          ...bad.map((at, i) => [
            `TB${i}`,
            '2026-10-05 10:00:00',
            'Email',
            'Anna',
            'Normal',
            'Closed',
            'x',
            'K1',
            at,
            at,
          ]),
          [
            'TN',
            '2026-10-05 10:00:00',
            'Email',
            'Anna',
            'Normal',
            'Closed',
            'x',
            'K1',
            '2026-10-05 09:00:00',
            '2026-10-04 10:00:00',
          ],
        ]),
      );
      write(
        dir,
        'surveys.csv',
        csv([SURVEYS_HEADER, ...GOOD_SURVEYS, ...bad.map((at, i) => [`RB${i}`, at, 'NPS', '5', '', 'K1', 'bad date'])]),
      );
      write(
        dir,
        'customers.csv',
        csv([CUSTOMERS_HEADER, ...GOOD_CUSTOMERS, ...bad.map((at, i) => [`KB${i}`, 'SMB', 'Anna', at, at, '10'])]),
      );
    },
  });
  add({
    name: 'numbers-extreme',
    renders: true,
    what: '1e308, 1e309, -0, NaN, Infinity, -Infinity, 1e-400, 2^53+1, 0x1F, 1_000, Arabic digits as durations, scores and MRR',
    holds: 'every figure in the JSON is a finite number or null; bad numbers are data-quality issues',
    inputs: ['calls.csv', 'surveys.csv', 'customers.csv'],
    exit: 0,
    make: (dir) => {
      const numbers = [
        '1e308',
        '1e309',
        '-0',
        'NaN',
        'Infinity',
        '-Infinity',
        '1e-400',
        '9007199254740993',
        '0x1F',
        '1_000',
        '١٢٣',
        '--5',
        '1,5',
        '1 234,5',
      ];
      write(
        dir,
        'calls.csv',
        csv([
          CALLS_HEADER,
          ...goodCalls(2),
          ...numbers.map((n, i) => call(`N${i}`, '2026-10-05 10:00:00', 'Anna', 'x', { wait: n, talk: n })),
        ]),
      );
      write(
        dir,
        'surveys.csv',
        csv([
          SURVEYS_HEADER,
          ...GOOD_SURVEYS,
          ...[...numbers, '10.0000000001', '9.99999999999999999999', '4.5'].map((n, i) => [
            `RN${i}`,
            '2026-10-05 10:00:00',
            i % 2 ? 'CSAT' : 'NPS',
            n,
            '',
            'K1',
            '',
          ]),
        ]),
      );
      write(
        dir,
        'customers.csv',
        csv([
          CUSTOMERS_HEADER,
          ...MRR_1E308_TWICE,
          ['K3', 'SMB', 'Anna', '2025-01-01', '2026-10-10', '1.7976931348623157e308'],
          ...numbers.map((n, i) => [`KN${i}`, 'SMB', 'Boris', '2025-01-01', '', n]),
        ]),
      );
    },
  });
  add({
    name: 'mrr-overflow',
    renders: true,
    what: 'a customers file whose two MRRs are 1e308 (their sum is Infinity) and one Infinity text',
    holds: 'each is an "out of range" or "not a number" issue; revenue churn is null (empty in CSV), never NaN',
    inputs: ['customers.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'customers.csv',
        csv([
          CUSTOMERS_HEADER,
          ...MRR_1E308_TWICE,
          ['K3', 'SMB', 'Boris', '2025-01-01', '', 'Infinity'],
          ['K4', 'SMB', 'Boris', '2025-01-01', '', '-0'],
        ]),
      ),
  });
  add({
    name: 'timestamps-month-boundaries',
    what: 'calls at the last and first millisecond of September, October and November, naive and with offsets',
    holds: 'exactly the 6 calls inside [2026-10-01, 2026-11-01) Moscow time are October’s',
    inputs: ['calls.csv'],
    options: ['--config', 'cs-kpi.config.json'],
    exit: 0,
    make: (dir) => {
      write(dir, 'cs-kpi.config.json', MONTH_CONFIG);
      const at = [
        ['2026-09-30 23:59:59.999', 'out'],
        ['2026-10-01 00:00:00', 'in'],
        ['2026-10-01 00:00:00.000', 'in'],
        ['2026-10-31 23:59:59.999', 'in'],
        ['2026-11-01 00:00:00', 'out'],
        ['2026-09-30T21:00:00Z', 'in'],
        ['2026-09-30T20:59:59.999Z', 'out'],
        ['2026-10-31T20:59:59.999Z', 'in'],
        ['2026-10-31T21:00:00Z', 'out'],
        ['2026-11-01T00:00:00+03:00', 'out'],
        ['2026-10-31T23:59:59+03:00', 'in'],
      ];
      write(dir, 'calls.csv', csv([CALLS_HEADER, ...at.map(([time, tag], i) => call(`M${i}-${tag}`, time!))]));
    },
  });
  add({
    name: 'timestamps-dst-edges',
    what: 'Europe/Berlin: naive times in the 2026-03-29 gap and the 2026-10-25 fold, and on the month edges around them',
    holds: 'October holds exactly the 5 October calls; the fold takes the earlier offset (first response 60 min)',
    inputs: ['calls.csv', 'tickets.csv'],
    options: ['--config', 'cs-kpi.config.json'],
    exit: 0,
    make: (dir) => {
      write(dir, 'cs-kpi.config.json', JSON.stringify({ timezone: 'Europe/Berlin' }));
      const at = [
        '2026-03-29 02:30:00',
        '2026-10-25 01:59:59',
        '2026-10-25 02:00:00',
        '2026-10-25 02:30:00',
        '2026-10-25 03:00:00',
        '2026-10-31 23:30:00',
        '2026-11-01 00:30:00',
        '2026-09-30 23:30:00',
      ];
      write(dir, 'calls.csv', csv([CALLS_HEADER, ...at.map((time, i) => call(`D${i}`, time))]));
      write(
        dir,
        'tickets.csv',
        csv([
          TICKETS_HEADER,
          [
            'T1',
            '2026-10-25 01:30:00',
            'Email',
            'Anna',
            'Normal',
            'Closed',
            'x',
            'K1',
            '2026-10-25 02:30:00',
            '2026-10-25 03:30:00',
          ],
        ]),
      );
    },
  });
  add({
    name: 'formula-text-everywhere',
    what: `every text field of calls, tickets, surveys and customers holds one of ${FORMULA_TEXTS.length} formula-looking strings`,
    holds: "CSV outputs neutralise each ('=…); XLSX outputs hold them as string cells, never <f>",
    inputs: ['calls.csv', 'tickets.csv', 'surveys.csv', 'customers.csv'],
    exit: 0,
    commands: [...COMMANDS, ...EXTRA_COMMANDS],
    make: (dir) => writeFormulaMonth(dir, 'csv'),
  });
  add({
    name: 'formula-text-xlsx-inputs',
    what: 'the same formula-looking strings as text cells of XLSX inputs',
    holds: 'the XLSX outputs hold them as string cells; the CSV outputs neutralise them',
    inputs: ['calls.xlsx', 'tickets.xlsx', 'surveys.xlsx', 'customers.xlsx'],
    exit: 0,
    commands: [...COMMANDS, ...EXTRA_COMMANDS],
    make: (dir) => writeFormulaMonth(dir, 'xlsx'),
  });
  add({
    name: 'proto-agent-names',
    renders: true,
    what: 'agents, channels, topics, segments and managers named __proto__, constructor, prototype, toString, hasOwnProperty, valueOf',
    holds: 'each name is counted like any other: __proto__ has its row in byAgent with 3 calls and 1 ticket',
    inputs: ['calls.csv', 'tickets.csv', 'surveys.csv', 'customers.csv'],
    exit: 0,
    make: (dir) => {
      const calls = [
        call('P1', '2026-10-01 10:00:00', '__proto__', '__proto__'),
        call('P2', '2026-10-02 10:00:00', '__proto__', 'constructor'),
        call('P3', '2026-10-03 10:00:00', '__proto__', 'x'),
        ...PROTO_NAMES.slice(1).map((name, i) => call(`Q${i}`, '2026-10-04 10:00:00', name, name)),
        call('M1', '2026-10-05 10:00:00', 'Anna', 'Delivery', { status: 'Missed', talk: '0' }),
      ];
      write(dir, 'calls.csv', csv([CALLS_HEADER, ...calls]));
      write(
        dir,
        'tickets.csv',
        csv([
          TICKETS_HEADER,
          [
            'T1',
            '2026-10-02 09:00:00',
            '__proto__',
            '__proto__',
            'Normal',
            'Closed',
            '__proto__',
            '__proto__',
            '2026-10-02 09:30:00',
            '2026-10-02 12:00:00',
          ],
          [
            'T2',
            '2026-10-02 09:00:00',
            'constructor',
            'constructor',
            'Normal',
            'Closed',
            'prototype',
            'constructor',
            '2026-10-02 09:30:00',
            '',
          ],
        ]),
      );
      write(
        dir,
        'surveys.csv',
        csv([
          SURVEYS_HEADER,
          ['R1', '2026-10-02 10:00:00', 'NPS', '2', 'P1', '__proto__', '__proto__'],
          ['R2', '2026-10-02 11:00:00', 'CSAT', '1', 'T1', 'constructor', 'constructor'],
        ]),
      );
      write(
        dir,
        'customers.csv',
        csv([
          CUSTOMERS_HEADER,
          ['__proto__', '__proto__', '__proto__', '2025-01-01', '2026-10-10', '100'],
          ['constructor', 'constructor', 'constructor', '2025-01-01', '', '100'],
        ]),
      );
    },
  });
  add({
    name: 'proto-ids',
    renders: true,
    what: 'call ids __proto__ (twice), constructor, toString; a survey rating contact __proto__',
    holds: 'the repeated __proto__ is one duplicate-id issue; 3 calls are counted',
    inputs: ['calls.csv', 'surveys.csv'],
    exit: 0,
    make: (dir) => {
      write(
        dir,
        'calls.csv',
        csv([
          CALLS_HEADER,
          call('__proto__', '2026-10-01 10:00:00'),
          call('__proto__', '2026-10-01 11:00:00'),
          call('constructor', '2026-10-01 12:00:00', 'Boris'),
          call('toString', '2026-10-01 13:00:00', 'Boris'),
        ]),
      );
      write(
        dir,
        'surveys.csv',
        csv([SURVEYS_HEADER, ['__proto__', '2026-10-02 10:00:00', 'CSAT', '1', '__proto__', '__proto__', 'x']]),
      );
    },
  });
  add({
    name: 'control-characters-in-text',
    renders: true,
    what: 'agent names and topics holding ANSI escapes (colour, clear screen, OSC 8 link), BEL, backspace and a right-to-left override',
    holds: 'read and counted; (finding if the table echoes raw escape sequences to the terminal)',
    inputs: ['calls.csv'],
    exit: 0,
    make: (dir) =>
      write(
        dir,
        'calls.csv',
        csv([
          CALLS_HEADER,
          call('E1', '2026-10-01 10:00:00', '\u001b[31mRed\u001b[0m', '\u001b[2J\u001b[H'),
          call(
            'E2',
            '2026-10-01 11:00:00',
            '\u001b]8;;http://example.invalid\u0007link\u001b]8;;\u0007',
            'bell\u0007\b',
          ),
          call('E3', '2026-10-01 12:00:00', 'Anna\u202egpj.exe', 'x'),
        ]).replace(CALLS_HEADER.join(','), `${CALLS_HEADER.join(',')},Note\u001b[2J\u009b31m`),
      ),
  });
  add({
    name: 'control-characters-in-file-name',
    what: 'an input whose file name holds an escape sequence (clear screen), with a header matching no kind',
    holds: 'refused with a sentence naming the file, the escape shown as ␛, never sent to the terminal',
    inputs: ['bad\u001b[2J.csv'],
    exit: ALL_FAIL,
    blame: 'bad\u241b[2J.csv',
    make: (dir) => write(dir, 'bad\u001b[2J.csv', 'x,y\n1,2\n'),
  });
  return list;
}

/** A month whose text fields all hold formula-looking strings, as CSV or XLSX files. */
function writeFormulaMonth(dir: string, format: 'csv' | 'xlsx'): void {
  const texts = FORMULA_TEXTS;
  const pick = (i: number) => texts[i % texts.length]!;
  const calls = texts.map((_, i) =>
    call(`=C${i}`, `2026-10-${String(i + 1).padStart(2, '0')} 10:00:00`, pick(i), pick(i + 1), { phone: pick(i + 2) }),
  );
  const tickets = texts.map((_, i) => [
    `+T${i}`,
    `2026-10-${String(i + 1).padStart(2, '0')} 09:00:00`,
    pick(i + 3),
    pick(i),
    'Normal',
    'Closed',
    pick(i + 4),
    pick(i + 5),
    `2026-10-${String(i + 1).padStart(2, '0')} 09:30:00`,
    '',
  ]);
  const surveys = texts.map((_, i) => [
    `@R${i}`,
    `2026-10-${String(i + 2).padStart(2, '0')} 10:00:00`,
    i % 2 ? 'CSAT' : 'NPS',
    '1',
    `=C${i}`,
    pick(i + 6),
    pick(i + 7),
  ]);
  const customers = texts.map((_, i) => [
    pick(i),
    pick(i + 1),
    pick(i + 2),
    '2025-01-01',
    i % 2 ? '2026-10-10' : '',
    '100',
  ]);
  const files: [string, string[], string[][]][] = [
    ['calls', CALLS_HEADER, calls],
    ['tickets', TICKETS_HEADER, tickets],
    ['surveys', SURVEYS_HEADER, surveys],
    ['customers', CUSTOMERS_HEADER, customers],
  ];
  for (const [name, header, rows] of files) {
    if (format === 'csv') write(dir, `${name}.csv`, csv([header, ...rows]));
    else {
      // Shared strings for the header, inline strings for the data: both are text cells.
      const sheet = sheetXml([header.map((_, i) => ({ raw: `<v>${i}</v>`, t: 's' })), ...rows]);
      write(dir, `${name}.xlsx`, workbook({ sheets: [{ name, xml: sheet }], sharedStrings: header }));
    }
  }
}

/** A calls workbook whose sheet holds `bytes` of `<row/>` after the header; `lie` replaces the declared sizes. */
function bombWorkbook(bytes: number, lie: { uncompressedSize: number } | null): Buffer {
  const head = sheetXml(callsSheetRows()).replace('</sheetData></worksheet>', '');
  const data = Buffer.concat([
    Buffer.from(head),
    Buffer.alloc(bytes, '<row/>'),
    Buffer.from('</sheetData></worksheet>'),
  ]);
  const entries = workbookEntries({ sheets: [{ name: 'Calls', xml: '' }] }).map((entry) =>
    entry.name === 'xl/worksheets/sheet1.xml' ? { ...entry, data, ...(lie === null ? {} : { lie }) } : entry,
  );
  return zip(entries);
}

/**
 * A calls workbook whose shared-string table declares `declared` strings and holds `count` distinct
 * ones (deflated well under 200:1); the header cells refer to the first ones.
 */
export function sharedStringsWorkbook(declared: number, count: number): Buffer {
  const parts: Buffer[] = [
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${declared}" uniqueCount="${declared}">`,
    ),
  ];
  parts.push(Buffer.from(CALLS_HEADER.map((header) => `<si><t>${xmlText(header)}</t></si>`).join('')));
  const chunk: string[] = [];
  for (let i = CALLS_HEADER.length; i < count; i++) {
    chunk.push(`<si><t>s${((i * 2654435761) >>> 0).toString(36)}</t></si>`);
    if (chunk.length === 100_000) {
      parts.push(Buffer.from(chunk.join('')));
      chunk.length = 0;
    }
  }
  parts.push(Buffer.from(chunk.join('') + '</sst>'));
  const sheet = sheetXml([CALLS_HEADER.map((_, i) => ({ raw: `<v>${i}</v>`, t: 's' })), ...goodCalls()]);
  const entries = workbookEntries({ sheets: [{ name: 'Calls', xml: sheet }], sharedStringsXml: '' }).map((entry) =>
    entry.name === 'xl/sharedStrings.xml' ? { ...entry, data: Buffer.concat(parts) } : entry,
  );
  return zip(entries);
}

/**
 * Every case, to be written into `root/<case name>/` by its `make()`. A case without `commands`
 * gets every command when hostile text reaches the renderers (`renders`); when it is read, the
 * JSON report and one more command in turn; when it is refused, one command in turn (every
 * command shares the discover-and-ingest step that refuses it). That keeps the corpus test about
 * a minute on 2 cores while every command and format still meets every kind of case.
 */
export function hostileCases(root: string): HostileCase[] {
  const readTurns: CommandName[] = ['inspect', 'report-xlsx', 'report-table', 'report-csv', 'sample', 'followups'];
  const refusedTurns: CommandName[] = [
    'report-xlsx',
    'followups',
    'report-json',
    'sample',
    'report-table',
    'report-csv',
  ];
  let read = 0;
  let refused = 0;
  return drafts().map(({ make, ...draft }) => {
    const dir = join(root, draft.name);
    const hostile: HostileCase = {
      ...draft,
      dir,
      make: () => {
        mkdirSync(dir, { recursive: true });
        make(dir);
      },
    };
    if (hostile.commands === undefined && hostile.renders !== true) {
      hostile.commands =
        expectedExit(hostile, 'inspect') === 0
          ? ['report-json', readTurns[read++ % readTurns.length]!]
          : [refusedTurns[refused++ % refusedTurns.length]!];
    }
    return hostile;
  });
}

/** Writes every case (or those `only` accepts) and returns them. */
export function makeCorpus(root: string, only?: (name: string) => boolean): HostileCase[] {
  const cases = hostileCases(root).filter((hostile) => only === undefined || only(hostile.name));
  for (const hostile of cases) hostile.make();
  return cases;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2];
  if (out === undefined) {
    process.stderr.write('usage: npx tsx test/hostile/make-corpus.ts OUT_DIR\n');
    process.exit(2);
  }
  for (const hostile of makeCorpus(out)) {
    process.stdout.write(`${hostile.name}\n  ${hostile.what}\n  must hold: ${hostile.holds}\n`);
  }
}
