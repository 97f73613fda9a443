#!/usr/bin/env node
/**
 * generate-month.mjs — a deterministic, synthetic month of customer-service exports for cs-kpi.
 *
 * Writes four CSV files into `--out DIR` (created if missing):
 *
 *   calls.csv      one row per call (telephony log): inbound calls answered by agents on shift, missed
 *                  and abandoned calls, outbound callbacks to missed numbers, other outbound calls
 *   tickets.csv    one row per ticket / chat / messenger conversation (helpdesk export)
 *   surveys.csv    one row per NPS (0–10) or CSAT (1–5) answer, most of them rating a call or ticket
 *   customers.csv  one row per customer account (CRM export) with join / churn dates and MRR
 *
 * Usage:
 *
 *   node bench/generate-month.mjs --out DIR [--month 2026-10] [--dialect en|ru] [--calls N]
 *        [--tickets N] [--surveys N] [--customers N] [--agents N] [--seed S] [--dirty]
 *
 * Defaults: month 2026-10, dialect en, 1,000,000 calls, 500,000 tickets, 200,000 survey answers,
 * 50,000 customers, 24 agents, seed 1, clean data.
 *
 * Guarantees:
 *  - Deterministic: the same arguments give byte-identical files. Randomness comes from an sfc32
 *    generator seeded from `--seed` (one independent stream per file); no Math.random, no clock.
 *  - The two dialects describe exactly the same records; only the presentation differs:
 *      en  UTF-8 without BOM, `,`, LF, `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD`, Y/N, decimal point,
 *          English code values (Inbound, Answered, Email, Normal, Solved, NPS …)
 *      ru  Windows-1251, `;`, CRLF, `DD.MM.YYYY HH:MM:SS`, `DD.MM.YYYY`, Да/Нет, decimal comma,
 *          MRR with a space as thousands separator, Russian headers and code values
 *    Free text (agent names, topics, customer ids and phone numbers, comments) is identical in both.
 *  - `--calls N` etc. give exactly N data rows (with `--dirty`, the calls file also has a few extra
 *    rows that repeat an earlier call id).
 *  - Streaming: rows are written in ~1 MB chunks; memory holds only what later rows need (pending
 *    callbacks, and compact typed arrays of the contacts that surveys may rate).
 *  - `--dirty` adds a handful (≈0.05 % of the rows of each file) of deliberate data-quality problems
 *    — impossible dates, a negative wait, out-of-scale scores, a repeated call id, unparseable
 *    flags, a first response before the ticket was created — on rows chosen by a separate random
 *    stream, so every other cell is the same as in the clean month. See bench/README.md.
 *
 * Timestamps are naive local times of the team (no offset), as telephony and helpdesk exports write
 * them. Only the Node 20 standard library is used.
 */

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// ───────────────────────────── arguments ─────────────────────────────

const USAGE = `Usage: node bench/generate-month.mjs --out DIR [--month 2026-10] [--dialect en|ru]
       [--calls 1000000] [--tickets 500000] [--surveys 200000] [--customers 50000]
       [--agents 24] [--seed 1] [--dirty]`;

function fail(message) {
  process.stderr.write(`generate-month: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        out: { type: 'string' },
        month: { type: 'string', default: '2026-10' },
        dialect: { type: 'string', default: 'en' },
        calls: { type: 'string', default: '1000000' },
        tickets: { type: 'string', default: '500000' },
        surveys: { type: 'string', default: '200000' },
        customers: { type: 'string', default: '50000' },
        agents: { type: 'string', default: '24' },
        seed: { type: 'string', default: '1' },
        dirty: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail(error.message);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!v.out) fail('--out DIR is required');
  const count = (name, min, max) => {
    const text = v[name].replace(/[_,]/g, '');
    if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number, got "${v[name]}"`);
    const n = Number(text);
    if (n < min || n > max) fail(`--${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
  const m = /^(\d{4})-(\d{2})$/.exec(v.month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) fail(`--month must look like 2026-10, got "${v.month}"`);
  if (v.dialect !== 'en' && v.dialect !== 'ru') fail(`--dialect must be en or ru, got "${v.dialect}"`);
  return {
    out: v.out,
    year: Number(m[1]),
    month: Number(m[2]),
    dialect: v.dialect,
    calls: count('calls', 0, 50_000_000),
    tickets: count('tickets', 0, 50_000_000),
    surveys: count('surveys', 0, 50_000_000),
    customers: count('customers', 1, 9_999_999),
    agents: count('agents', 1, 250),
    seed: v.seed,
    dirty: v.dirty,
  };
}

// ───────────────────────────── random numbers ─────────────────────────────

/** cyrb128: four 32-bit words from a string, to seed sfc32. */
function hashSeed(text) {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), one stream per purpose. */
class Rng {
  constructor(seedText) {
    [this.a, this.b, this.c, this.d] = hashSeed(seedText);
    for (let i = 0; i < 16; i++) this.next();
  }
  /** Uniform in [0, 1). */
  next() {
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  /** Whole number in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(array) {
    return array[Math.floor(this.next() * array.length)];
  }
  /** Standard normal (Box–Muller). */
  normal() {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  lognormal(median, sigma) {
    return median * Math.exp(sigma * this.normal());
  }
  exponential(mean) {
    return -mean * Math.log(1 - this.next());
  }
  /** Index drawn from a cumulative-weight array (last element = total). */
  weighted(cumulative) {
    const x = this.next() * cumulative[cumulative.length - 1];
    let i = 0;
    while (cumulative[i] <= x) i++;
    return i;
  }
}

function cumulative(weights) {
  const out = [];
  let sum = 0;
  for (const w of weights) out.push((sum += w));
  return out;
}

// ───────────────────────────── calendar and formatting ─────────────────────────────

const DAY = 86400;
const HOUR = 3600;
const MINUTE = 60;
const P2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

function makeCalendar(year, month) {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const firstDow = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  /** Day of week (0 = Sunday) of day `d` counted from the 1st (d = 0). */
  const dow = (d) => (((firstDow + d) % 7) + 7) % 7;
  const weekend = (d) => dow(d) === 0 || dow(d) === 6;
  const enDays = new Map();
  const ruDays = new Map();
  const dayParts = (d) => {
    const date = new Date(Date.UTC(year, month - 1, 1 + d));
    return [String(date.getUTCFullYear()).padStart(4, '0'), P2[date.getUTCMonth() + 1], P2[date.getUTCDate()]];
  };
  const enDay = (d) => {
    let s = enDays.get(d);
    if (s === undefined) {
      const [y, m, dd] = dayParts(d);
      enDays.set(d, (s = `${y}-${m}-${dd}`));
    }
    return s;
  };
  const ruDay = (d) => {
    let s = ruDays.get(d);
    if (s === undefined) {
      const [y, m, dd] = dayParts(d);
      ruDays.set(d, (s = `${dd}.${m}.${y}`));
    }
    return s;
  };
  const clock = (t) => {
    const s = t - Math.floor(t / DAY) * DAY;
    return `${P2[(s / HOUR) | 0]}:${P2[((s % HOUR) / MINUTE) | 0]}:${P2[s % MINUTE]}`;
  };
  return { year, month, daysInMonth, monthSeconds: daysInMonth * DAY, dow, weekend, enDay, ruDay, clock };
}

/** Everything that differs between the dialects. Records are the same; only these functions differ. */
function makeDialect(name, cal) {
  const en = name === 'en';
  const mm = P2[cal.month];
  const yyyy = String(cal.year);
  const sep = en ? ',' : ';';
  const quoteIfNeeded = (s) =>
    s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
  const groupThousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return {
    name,
    sep,
    eol: en ? '\n' : '\r\n',
    quote: quoteIfNeeded,
    /** Seconds from the start of the month → local timestamp text. */
    ts: en
      ? (t) => `${cal.enDay(Math.floor(t / DAY))} ${cal.clock(t)}`
      : (t) => `${cal.ruDay(Math.floor(t / DAY))} ${cal.clock(t)}`,
    /** Days from the 1st of the month → date text. */
    date: en ? (d) => cal.enDay(d) : (d) => cal.ruDay(d),
    /** A timestamp with an impossible clock (25:61:00) on the row's own day. */
    badClock: en
      ? (t) => `${cal.enDay(Math.floor(t / DAY))} 25:61:00`
      : (t) => `${cal.ruDay(Math.floor(t / DAY))} 25:61:00`,
    /** A timestamp on the day after the month's last day, written into the month (2026-10-32). */
    badDay: en
      ? (t) => `${yyyy}-${mm}-${cal.daysInMonth + 1} ${cal.clock(t)}`
      : (t) => `${cal.daysInMonth + 1}.${mm}.${yyyy} ${cal.clock(t)}`,
    badDate: en ? () => `${yyyy}-${mm}-${cal.daysInMonth + 1}` : () => `${cal.daysInMonth + 1}.${mm}.${yyyy}`,
    /** Tenths of a second (or of a score point) → number text; whole values without a fraction. */
    tenths: en
      ? (v) => (v % 10 === 0 ? String(v / 10) : `${Math.floor(v / 10)}.${v % 10}`)
      : (v) => (v % 10 === 0 ? String(v / 10) : `${Math.floor(v / 10)},${v % 10}`),
    /** Cents → money text: 1234.50 / 1 234,50. */
    money: en
      ? (c) => `${Math.floor(c / 100)}.${P2[c % 100]}`
      : (c) => `${groupThousands(Math.floor(c / 100))},${P2[c % 100]}`,
    yes: en ? 'Y' : 'Да',
    no: en ? 'N' : 'Нет',
    direction: en ? ['Inbound', 'Outbound'] : ['Входящий', 'Исходящий'],
    callStatus: en ? ['Answered', 'Missed', 'Abandoned'] : ['Отвечен', 'Пропущен', 'Сброшен'],
    channel: en
      ? ['Email', 'Chat', 'WhatsApp', 'Telegram', 'VK', 'Web form']
      : ['Почта', 'Чат', 'WhatsApp', 'Telegram', 'ВКонтакте', 'Форма на сайте'],
    priority: en ? ['Low', 'Normal', 'High', 'Urgent'] : ['Низкий', 'Обычный', 'Высокий', 'Срочный'],
    ticketStatus: en
      ? ['Open', 'In progress', 'Pending', 'Solved', 'Closed']
      : ['Открыт', 'В работе', 'Ожидает', 'Решён', 'Закрыт'],
    survey: en ? ['NPS', 'CSAT'] : ['НПС', 'Удовлетворённость'],
    headers: en
      ? {
          calls:
            'Call ID,Started At,Direction,Status,Agent,Customer Phone,Wait Seconds,Talk Seconds,Resolved,Topic,Satisfaction,Recording URL',
          tickets:
            'Ticket ID,Created At,Channel,Agent,Priority,Status,Topic,Customer,First Response At,Resolved At,Reopens,Satisfaction,FCR',
          surveys: 'Response ID,Answered At,Survey,Score,Contact ID,Customer,Comment',
          customers: 'Customer ID,Segment,Manager,Active Since,Churned At,MRR',
        }
      : {
          calls:
            'ID звонка;Дата и время;Направление;Статус;Оператор;Номер клиента;Ожидание (сек);Разговор (сек);Решён;Тема;Оценка;Ссылка на запись',
          tickets:
            'Номер заявки;Дата создания;Канал;Ответственный;Приоритет;Статус;Тема;Клиент;Первый ответ;Дата решения;Переоткрытия;Оценка;Решён с первого обращения',
          surveys: 'ID ответа;Дата ответа;Опрос;Балл;ID обращения;Клиент;Комментарий',
          customers: 'ID клиента;Сегмент;Менеджер;Клиент с;Дата ухода;Ежемесячный платёж',
        },
  };
}

// ───────────────────────────── output ─────────────────────────────

/** Windows-1251 encoder built from the platform decoder (bytes 0–255). */
function makeCp1251Encoder() {
  const table = new Int16Array(65536).fill(-1);
  const decoder = new TextDecoder('windows-1251');
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch.length === 1 && ch !== '\uFFFD') table[ch.charCodeAt(0)] = b;
  }
  return (text) => {
    const out = Buffer.allocUnsafe(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const b = c < 128 ? c : table[c];
      if (b < 0) throw new Error(`character U+${c.toString(16).padStart(4, '0')} has no Windows-1251 byte`);
      out[i] = b;
    }
    return out;
  };
}

/** Buffered CSV file: rows are joined and written in ~1 MB chunks. */
class CsvFile {
  constructor(path, dialect, header, encode) {
    this.path = path;
    this.eol = dialect.eol;
    this.encode = encode;
    this.fd = openSync(path, 'w');
    this.parts = [];
    this.chars = 0;
    this.bytes = 0;
    this.rows = 0;
    this.parts.push(header + this.eol);
  }
  row(line) {
    this.parts.push(line + this.eol);
    this.rows++;
    this.chars += line.length;
    if (this.chars > 1 << 20) this.flush();
  }
  flush() {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    const bytes = this.encode ? this.encode(text) : Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.bytes += bytes.length;
    this.parts = [];
    this.chars = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/** Growable typed array (compact per-contact memory for survey references). */
class Column {
  constructor(Type) {
    this.Type = Type;
    this.data = new Type(1024);
    this.length = 0;
  }
  push(v) {
    if (this.length === this.data.length) {
      const bigger = new this.Type(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/** Min-heap of pending calls (callbacks, follow-up calls) ordered by time, then creation order. */
class Heap {
  constructor() {
    this.items = [];
  }
  get size() {
    return this.items.length;
  }
  peek() {
    return this.items[0];
  }
  static less(x, y) {
    return x.t < y.t || (x.t === y.t && x.seq < y.seq);
  }
  push(item) {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!Heap.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && Heap.less(a[l], a[m])) m = l;
        if (r < a.length && Heap.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

const fmtInt = (n) => n.toLocaleString('en-US');
const fmtMB = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const pct = (a, b) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);
const idText = (prefix, width) => (n) => prefix + String(n).padStart(width, '0');

// ───────────────────────────── vocabulary ─────────────────────────────

const FEMALE_SURNAMES = [
  'Иванова',
  'Смирнова',
  'Соколова',
  'Лебедева',
  'Новикова',
  'Волкова',
  'Васильева',
  'Павлова',
  'Голубева',
  'Богданова',
  'Фёдорова',
  'Беляева',
];
const FEMALE_NAMES = [
  'Анна',
  'Екатерина',
  'Мария',
  'Ольга',
  'Татьяна',
  'Наталья',
  'Елена',
  'Юлия',
  'Ирина',
  'Светлана',
  'Дарья',
  'Ксения',
];
const MALE_SURNAMES = [
  'Петров',
  'Кузнецов',
  'Попов',
  'Козлов',
  'Морозов',
  'Соловьёв',
  'Зайцев',
  'Семёнов',
  'Виноградов',
  'Воробьёв',
  'Михайлов',
  'Тарасов',
];
const MALE_NAMES = [
  'Дмитрий',
  'Алексей',
  'Сергей',
  'Андрей',
  'Игорь',
  'Павел',
  'Михаил',
  'Артём',
  'Николай',
  'Максим',
  'Евгений',
  'Роман',
];

/** Distinct "Фамилия Имя" names; the first 24 pair surname i with name i, alternating women and men. */
function agentNames(count) {
  const names = [];
  const seen = new Set();
  for (let round = 0; names.length < count && round < 12; round++) {
    for (let i = 0; i < 12 && names.length < count; i++) {
      for (const [surnames, firsts] of [
        [FEMALE_SURNAMES, FEMALE_NAMES],
        [MALE_SURNAMES, MALE_NAMES],
      ]) {
        const name = `${surnames[i]} ${firsts[(i + round * 5) % 12]}`;
        if (names.length < count && !seen.has(name)) {
          seen.add(name);
          names.push(name);
        }
      }
    }
  }
  return names;
}

// prettier-ignore
const TOPICS = ['Оплата', 'Доставка', 'Возврат', 'Техническая проблема', 'Тариф', 'Подключение', 'Счета, акты и документы', 'Личный кабинет', 'Жалоба'];
const TOPIC_WEIGHTS = cumulative([18, 20, 11, 17, 10, 9, 6, 6, 3]);
const SPAM_TOPIC = 'Спам';

const COMMENTS_BAD = [
  'Долго ждал ответа, минут 20 на линии',
  'Оператор не смог помочь; пришлось звонить ещё раз',
  'Обещали "перезвонить через час", никто не перезвонил',
  'Проблема не решена.\nПрошу связаться со мной повторно',
  'Деньги за возврат так и не пришли, уже вторая неделя',
  'Отвечают шаблонами — вопрос так и не поняли',
  'Курьер опоздал на 3 часа; оператор только извинялся',
  'Переключали между отделами 4 раза',
  'Тариф поменяли без предупреждения, верните как было',
  'В чате ответили через 2 часа, это слишком долго',
];
const COMMENTS_MIDDLE = [
  'Нормально, но хотелось бы быстрее',
  'В целом решили, хотя пришлось объяснять дважды',
  'Ответ получил; подробностей маловато',
  'Оператор вежливый, но ответ "уточним позже" не устраивает',
  'Всё в порядке',
  'Средне.\nНа сайте ничего не найти, пришлось писать в поддержку',
];
const COMMENTS_GOOD = [
  'Спасибо, всё быстро и понятно!',
  'Оператор решила вопрос за 5 минут — спасибо',
  'Очень вежливо; рекомендую',
  'Быстро подключили, спасибо!\nБуду советовать знакомым',
  'Всё отлично',
  'Помогли с возвратом, деньги пришли на следующий день',
  'Отличная поддержка в «Телеграме», отвечают сразу',
  'Спасибо за терпение, объяснили "на пальцах"',
];

const PHONE_CODES = [
  '916',
  '915',
  '925',
  '926',
  '903',
  '905',
  '909',
  '977',
  '985',
  '999',
  '921',
  '911',
  '952',
  '960',
  '495',
  '499',
  '812',
  '343',
];

const MOBILE_CODES = PHONE_CODES.slice(0, 14);

/** The 10-digit national number of customer k (unique for k < 10^7) or of a random caller. */
function customerNumber(k) {
  return PHONE_CODES[k % PHONE_CODES.length] + String((k * 7919 + 1000003) % 10_000_000).padStart(7, '0');
}

/** One number written in one of the ways telephony exports write it; last 10 digits never change. */
function formatPhone(digits10, style) {
  const code = digits10.slice(0, 3);
  const rest = digits10.slice(3);
  const grouped = `${rest.slice(0, 3)}-${rest.slice(3, 5)}-${rest.slice(5)}`;
  switch (style) {
    case 0:
      return `+7 ${code} ${grouped}`;
    case 1:
      return `8${digits10}`;
    case 2:
      return `+7${digits10}`;
    case 3:
      return `8 (${code}) ${grouped}`;
    default:
      return `7${digits10}`;
  }
}

// score distributions (weights for 0…10 and 1…5)
const NPS_GOOD = cumulative([2, 1, 1, 1.5, 1.5, 3, 4, 7, 13, 21, 45]);
const NPS_BAD = cumulative([9, 5, 6, 7, 7, 10, 10, 12, 11, 9, 14]);
const CSAT_GOOD = cumulative([4, 3, 7, 24, 62]);
const CSAT_BAD = cumulative([17, 12, 20, 24, 27]);

function npsScore(rng, good, quality) {
  let s = rng.weighted(good ? NPS_GOOD : NPS_BAD);
  if (rng.chance(Math.abs(quality) * 0.35)) s += quality > 0 ? 1 : -2;
  return Math.max(0, Math.min(10, s));
}

function csatScore(rng, good, quality) {
  let s = 1 + rng.weighted(good ? CSAT_GOOD : CSAT_BAD);
  if (rng.chance(Math.abs(quality) * 0.3)) s += quality > 0 ? 1 : -1;
  return Math.max(1, Math.min(5, s));
}

// ───────────────────────────── team and shifts ─────────────────────────────

const GROUP_DAY = 0;
const GROUP_EVENING = 1;
const GROUP_WEEKEND = 2;
const GROUP_NIGHT = 3;

/**
 * Agents with a shift group and personal traits, and per hour of the horizon the agents on shift.
 * Weekdays: day shift 08–16, evening shift 14–22; weekends: weekend crew 09–21; every night a duty
 * agent (rotating) 22–08 (21–09 on weekends). With fewer than 4 agents everybody works every shift.
 */
function makeTeam(opts, cal, horizonDays) {
  const rng = new Rng(`${opts.seed}:team`);
  const names = agentNames(opts.agents);
  const A = opts.agents;
  const nNight = A >= 8 ? 2 : A >= 4 ? 1 : 0;
  const nWeekend = A >= 8 ? Math.max(2, Math.round(A * 0.25)) : A >= 4 ? 1 : 0;
  const rest = A - nNight - nWeekend;
  const nDay = Math.ceil(rest / 2);
  const agents = names.map((name, i) => ({
    name,
    group:
      A < 4 ? -1 : i < nDay ? GROUP_DAY : i < rest ? GROUP_EVENING : i < rest + nWeekend ? GROUP_WEEKEND : GROUP_NIGHT,
    talk: 0.75 + rng.next() * 0.6, // talk-time multiplier
    fcr: 0.62 + rng.next() * 0.26, // chance a contact is resolved at first contact
    quality: rng.next() * 1.2 - 0.5, // nudges survey scores (−0.5 … +0.7)
    speed: 0.6 + rng.next() * 1.0, // first-response multiplier
  }));
  const groups = [[], [], [], []];
  agents.forEach((a, i) => {
    if (a.group >= 0) groups[a.group].push(i);
    else for (const g of groups) g.push(i);
  });
  const hours = horizonDays * 24;
  const all = new Array(hours);
  const business = new Array(hours);
  const nightStart = (d) => (cal.weekend(d) ? 21 : 22);
  const nightEnd = (d) => (cal.weekend(d) ? 9 : 8);
  const nightAgent = (d) => {
    const g = groups[GROUP_NIGHT];
    return g.length === 0 ? [] : A < 4 ? g : [g[(((d + cal.month * 31) % g.length) + g.length) % g.length]];
  };
  for (let h = 0; h < hours; h++) {
    const d = Math.floor(h / 24);
    const hh = h % 24;
    const biz = [];
    if (!cal.weekend(d)) {
      if (hh >= 8 && hh < 16) biz.push(...groups[GROUP_DAY]);
      if (hh >= 14 && hh < 22) for (const i of groups[GROUP_EVENING]) if (!biz.includes(i)) biz.push(i);
    } else if (hh >= 9 && hh < 21) biz.push(...groups[GROUP_WEEKEND]);
    let night = [];
    if (hh >= nightStart(d)) night = nightAgent(d);
    else if (hh < nightEnd(d)) night = nightAgent(d - 1);
    const everyone = biz.slice();
    for (const i of night) if (!everyone.includes(i)) everyone.push(i);
    all[h] = everyone;
    business[h] = biz;
  }
  // first hour ≥ h with business staff (after-hours e-mail waits for it)
  const nextBusiness = new Int32Array(hours);
  let next = hours;
  for (let h = hours - 1; h >= 0; h--) {
    if (business[h].length > 0) next = h;
    nextBusiness[h] = next;
  }
  return { agents, names, all, business, nextBusiness, hours };
}

// ───────────────────────────── arrival curves ─────────────────────────────

// prettier-ignore
const CALL_WEEKDAY = [0.35, 0.2, 0.12, 0.1, 0.1, 0.18, 0.45, 1.3, 3.8, 6.2, 7.2, 7.0, 6.3, 5.8, 6.2, 5.9, 5.4, 4.9, 4.0, 3.1, 2.4, 1.7, 1.0, 0.6];
// prettier-ignore
const CALL_WEEKEND = [0.35, 0.2, 0.12, 0.1, 0.1, 0.15, 0.3, 0.6, 1.4, 2.4, 3.1, 3.4, 3.4, 3.2, 3.1, 2.9, 2.7, 2.4, 2.1, 1.7, 1.3, 1.0, 0.6, 0.45];
// prettier-ignore
const TICKET_WEEKDAY = [0.9, 0.6, 0.45, 0.35, 0.35, 0.5, 0.9, 1.6, 3.2, 4.6, 5.0, 5.0, 4.7, 4.5, 4.7, 4.5, 4.2, 3.9, 3.5, 3.2, 2.9, 2.5, 1.9, 1.3];
// prettier-ignore
const TICKET_WEEKEND = [0.9, 0.6, 0.45, 0.35, 0.35, 0.45, 0.7, 1.1, 1.8, 2.5, 2.9, 3.0, 3.0, 2.9, 2.8, 2.7, 2.6, 2.5, 2.4, 2.2, 2.0, 1.8, 1.4, 1.1];
const DAY_FACTOR = [0.45, 1.25, 1.1, 1.0, 1.0, 0.95, 0.55]; // Sunday … Saturday

/** Weight of every hour of the month (busier Monday mornings, quiet nights and weekends), with noise. */
function hourWeights(cal, rng, weekday, weekendProfile) {
  const w = new Float64Array(cal.daysInMonth * 24);
  for (let h = 0; h < w.length; h++) {
    const d = Math.floor(h / 24);
    const hh = h % 24;
    const dow = cal.dow(d);
    let x = (cal.weekend(d) ? weekendProfile : weekday)[hh] * DAY_FACTOR[dow];
    if (dow === 1 && hh >= 8 && hh < 13) x *= 1.35;
    w[h] = x * Math.exp(0.15 * rng.normal());
  }
  return w;
}

/** Splits `total` events over the hours in proportion to `weights` (systematic sampling: exact total). */
function allocate(total, weights, rng) {
  const counts = new Int32Array(weights.length);
  let sum = 0;
  for (const x of weights) sum += x;
  let acc = rng.next();
  let prev = Math.floor(acc);
  for (let h = 0; h < weights.length; h++) {
    acc += (total * weights[h]) / sum;
    const now = Math.floor(acc + 1e-9);
    counts[h] = now - prev;
    prev = now;
  }
  // floating-point guard: make the total exact
  let diff = total - counts.reduce((a, b) => a + b, 0);
  for (let h = weights.length - 1; diff !== 0 && h >= 0; h--) {
    if (diff > 0) {
      counts[h]++;
      diff--;
    } else if (counts[h] > 0) {
      counts[h]--;
      diff++;
    }
  }
  return counts;
}

/** Sorted random second offsets within one hour. */
function secondsInHour(rng, n, buffer) {
  const out = buffer.length >= n ? buffer.subarray(0, n) : new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rng.next() * HOUR);
  out.sort();
  return out;
}

// ───────────────────────────── dirty rows ─────────────────────────────

/**
 * Schedules `types` kinds of defect over `rows` rows: each kind gets max(1, round(rows × 0.05 % /
 * types)) positions. A defect is applied to the first suitable row at or after its position.
 */
class DefectPlan {
  constructor(rng, rows, types) {
    this.names = types;
    this.applied = types.map(() => 0);
    this.queues = types.map(() => []);
    if (rows === 0) return;
    const per = Math.max(1, Math.round((rows * 0.0005) / types.length));
    this.queues = types.map(() => {
      const q = [];
      for (let i = 0; i < per; i++) q.push(Math.floor(rng.next() * rows));
      return q.sort((a, b) => b - a); // popped from the end, smallest first
    });
  }
  /** True (and consumes the defect) when defect `k` is due at row `row` and the row suits it. */
  take(k, row, suitable) {
    const q = this.queues[k];
    if (q.length === 0 || q[q.length - 1] > row || !suitable) return false;
    q.pop();
    this.applied[k]++;
    return true;
  }
  summary() {
    return this.names.map((n, k) => `${this.applied[k]} ${n}`).join(', ');
  }
}

// ───────────────────────────── customers ─────────────────────────────

const SEGMENTS = ['SMB', 'Mid-market', 'Enterprise'];
const SEGMENT_WEIGHTS = cumulative([70, 22, 8]);
const CHURN_IN_MONTH = [0.035, 0.02, 0.008]; // per segment, of those active at the month's start

function writeCustomers(opts, cal, dialect, team, encode) {
  const started = performance.now();
  const rng = new Rng(`${opts.seed}:customers`);
  const dirtyRng = new Rng(`${opts.seed}:customers:dirty`);
  const n = opts.customers;
  const id = idText('K', Math.max(5, String(n).length));
  const managers = team.names.slice(0, Math.min(6, team.names.length));
  // customers signed up from 2023-01-01 (or two years before the month, if that is earlier) to its last day
  const firstDay = Math.min(
    -730,
    Math.round((Date.UTC(2023, 0, 1) - Date.UTC(cal.year, cal.month - 1, 1)) / (DAY * 1000)),
  );
  const lastDay = cal.daysInMonth - 1;
  const span = lastDay - firstDay + 1;
  const file = new CsvFile(join(opts.out, 'customers.csv'), dialect, dialect.headers.customers, encode);
  const defects = opts.dirty ? new DefectPlan(dirtyRng, n, ['impossible churn dates']) : null;
  const s = { activeAtStart: 0, churned: 0, churnedBefore: 0, joinedInMonth: 0, joinedAndLeft: 0, noMrr: 0 };
  const sep = dialect.sep;
  for (let i = 0; i < n; i++) {
    // ids follow sign-up order; more sign-ups lately (growing business)
    const f = Math.min(0.999999, (i + rng.next()) / n);
    const since = firstDay + Math.min(span - 1, Math.floor(span * Math.pow(f, 0.8)));
    const seg = rng.weighted(SEGMENT_WEIGHTS);
    const manager = rng.chance(0.02) ? '' : managers[rng.int(0, managers.length - 1)];
    let churned = null;
    if (since <= 0) {
      if (since < -45 && rng.chance(0.015)) {
        churned = rng.int(since + 30, -1);
        s.churnedBefore++;
      } else {
        s.activeAtStart++;
        if (rng.chance(CHURN_IN_MONTH[seg])) {
          churned = rng.int(0, lastDay);
          s.churned++;
        }
      }
    } else {
      s.joinedInMonth++;
      if (rng.chance(0.06)) {
        churned = rng.int(since, lastDay);
        s.joinedAndLeft++;
      }
    }
    let cents = -1;
    if (rng.chance(0.02)) s.noMrr++;
    else {
      const [median, lo, hi] =
        seg === 0 ? [4000, 500, 20000] : seg === 1 ? [30000, 12000, 80000] : [110000, 60000, 250000];
      const rub = Math.min(hi, Math.max(lo, rng.lognormal(median, 0.6)));
      // half of the plans are round prices, half carry kopecks (discounts, pro-rating)
      cents = rng.chance(0.5) ? Math.round(rub / 10) * 1000 : Math.round(rub * 100);
    }
    let churnText = churned === null ? '' : dialect.date(churned);
    if (defects?.take(0, i, churned !== null)) churnText = dialect.badDate();
    file.row(
      `${id(i + 1)}${sep}${SEGMENTS[seg]}${sep}${manager}${sep}${dialect.date(since)}${sep}${churnText}${sep}${cents < 0 ? '' : dialect.money(cents)}`,
    );
  }
  file.close();
  const ms = performance.now() - started;
  process.stderr.write(
    `customers.csv  ${fmtInt(file.rows)} rows, ${fmtMB(file.bytes)}, ${(ms / 1000).toFixed(1)} s — ` +
      `active at start ${fmtInt(s.activeAtStart)}, churned in month ${fmtInt(s.churned)} (${pct(s.churned, s.activeAtStart)}), ` +
      `churned before ${s.churnedBefore}, joined in month ${s.joinedInMonth} (${s.joinedAndLeft} also left), no MRR ${s.noMrr}` +
      (defects ? `; dirty: ${defects.summary()}` : '') +
      '\n',
  );
  return { stats: s, bytes: file.bytes, ms };
}

// ───────────────────────────── calls ─────────────────────────────

const IN = 0;
const OUT = 1;
const ANSWERED = 0;
const MISSED = 1;
const ABANDONED = 2;

function writeCalls(opts, cal, dialect, team, encode) {
  const started = performance.now();
  const rng = new Rng(`${opts.seed}:calls`);
  const planRng = new Rng(`${opts.seed}:calls:plan`);
  const dirtyRng = new Rng(`${opts.seed}:calls:dirty`);
  const N = opts.calls;
  const id = idText('C', Math.max(7, String(N).length));
  const file = new CsvFile(join(opts.out, 'calls.csv'), dialect, dialect.headers.calls, encode);
  const defects = opts.dirty
    ? new DefectPlan(dirtyRng, N, [
        'impossible times (25:61)',
        'impossible days',
        'negative waits',
        'repeated call ids',
        'unparseable flags',
      ])
    : null;
  const pool = newContactPool();
  const stats = {
    rows: 0,
    inbound: 0,
    answered: 0,
    missed: 0,
    abandoned: 0,
    missedWithNumber: 0,
    callbacks: 0,
    cbWithin30: 0,
    nextMonth: 0,
    outbound: 0,
    extra: 0,
  };
  if (N === 0) {
    file.close();
    process.stderr.write(`calls.csv      0 rows\n`);
    return { pool, stats, bytes: file.bytes, ms: 0 };
  }

  // — plan: hourly weights, staff, load-dependent answer rates —
  const hoursInMonth = cal.daysInMonth * 24;
  const weights = hourWeights(cal, planRng, CALL_WEEKDAY, CALL_WEEKEND);
  let wSum = 0;
  let wBusiness = 0;
  for (let h = 0; h < hoursInMonth; h++) {
    wSum += weights[h];
    if (team.business[h].length > 0) wBusiness += weights[h];
  }
  const P_MISS = 0.12; // of inbound, on average
  const P_CALLBACK = 0.6;
  const P_NUMBER = 0.985; // callers with a visible number
  const cbShare = 0.75 * P_MISS * P_NUMBER * P_CALLBACK; // callbacks, of all rows
  const otherOfBase = (0.25 - cbShare) / (1 - cbShare);
  const pOutBusiness = Math.min(0.6, (otherOfBase * wSum - 0.02 * (wSum - wBusiness)) / Math.max(wBusiness, 1e-9));
  const pOut = new Float64Array(hoursInMonth);
  const load = new Float64Array(hoursInMonth);
  for (let h = 0; h < hoursInMonth; h++) {
    pOut[h] = team.business[h].length > 0 ? pOutBusiness : team.all[h].length > 0 ? 0.02 : 0;
    load[h] = weights[h] * (1 - pOut[h]);
  }
  // pressure = inbound load per agent on shift, relative to the month's load-weighted mean
  const pressure = new Float64Array(hoursInMonth);
  let lw = 0;
  let lwr = 0;
  for (let h = 0; h < hoursInMonth; h++) {
    const staff = team.all[h].length;
    pressure[h] = staff > 0 ? load[h] / staff : Infinity;
    if (staff > 0) {
      lw += load[h];
      lwr += load[h] * pressure[h];
    }
  }
  const meanPressure = lwr / Math.max(lw, 1e-9) || 1;
  const pMiss = new Float64Array(hoursInMonth);
  const meanWait = new Float64Array(hoursInMonth);
  let num = 0;
  let den = 0;
  for (let h = 0; h < hoursInMonth; h++) {
    const r = Number.isFinite(pressure[h]) ? pressure[h] / meanPressure : 3;
    pMiss[h] = 0.25 + Math.pow(r, 1.5); // relative; scaled below
    meanWait[h] = Math.min(90, 4 + 11 * Math.pow(r, 1.5));
    num += load[h] * pMiss[h];
    den += load[h];
  }
  const scale = (P_MISS * den) / num;
  for (let h = 0; h < hoursInMonth; h++)
    pMiss[h] = team.all[h].length === 0 ? 1 : Math.min(0.45, Math.max(0.02, pMiss[h] * scale));

  // — exact row count: base events (inbound + other outbound) + callbacks + follow-ups = N —
  const expectedCbPerEvent = new Float64Array(hoursInMonth);
  let ebar = 0;
  for (let h = 0; h < hoursInMonth; h++) {
    expectedCbPerEvent[h] = (1 - pOut[h]) * pMiss[h] * P_NUMBER * P_CALLBACK;
    ebar += (weights[h] / wSum) * expectedCbPerEvent[h];
  }
  const planted = N >= 200 ? 2 : 0; // missed just before midnight of the last day, called back next month
  const freeBase = Math.max(0, Math.round((N - 2 * planted) / (1 + ebar)));
  const counts = allocate(freeBase, weights, planRng);
  let expRemaining = 0;
  for (let h = 0; h < hoursInMonth; h++) expRemaining += counts[h] * expectedCbPerEvent[h];
  let remainingBase = freeBase + planted;
  let plantedCallbacksPending = planted;

  const heap = new Heap();
  let seq = 0;
  let nextId = 1;
  const sep = dialect.sep;
  const agentNamesList = team.names;
  const P_FRACTION = 0.01;

  const pickAgent = (t) => {
    const list = team.all[Math.min(team.hours - 1, Math.floor(t / HOUR))];
    return list.length > 0 ? list[Math.floor(rng.next() * list.length)] : Math.floor(rng.next() * team.agents.length);
  };
  const talkTenths = (agent) => {
    let seconds;
    do seconds = rng.lognormal(200, 0.75) * team.agents[agent].talk;
    while (seconds < 30 || seconds > 1200); // 30 s – 20 min, redrawn rather than piled up at the bounds
    return rng.chance(P_FRACTION) ? Math.round(seconds * 10) : Math.round(seconds) * 10;
  };
  const callerOf = () => {
    // 85 % known customers (bigger, older accounts call more), 15 % unknown numbers
    if (rng.chance(0.85)) {
      const k = Math.floor(opts.customers * Math.pow(rng.next(), 1.4));
      return { customer: k, digits: customerNumber(k) };
    }
    return {
      customer: -1,
      digits: rng.pick(MOBILE_CODES) + String(rng.int(0, 9_999_999)).padStart(7, '0'),
    };
  };

  /** Writes one call. `c` = { t, dir, status, agent, digits, style, wait, talk, resolved, topic, sat }. */
  const emit = (c) => {
    const row = stats.rows;
    const n = nextId++;
    stats.rows++;
    if (c.t >= cal.monthSeconds) stats.nextMonth++;
    const answered = c.status === ANSWERED;
    let ts = dialect.ts(c.t);
    let wait = c.wait === null ? '' : dialect.tenths(c.wait);
    let resolved = c.resolved < 0 ? '' : c.resolved ? dialect.yes : dialect.no;
    if (defects) {
      if (defects.take(0, row, true)) ts = dialect.badClock(c.t);
      else if (defects.take(1, row, c.t < cal.monthSeconds)) ts = dialect.badDay(c.t);
      if (defects.take(2, row, c.dir === IN && answered)) wait = `-${dirtyRng.int(1, 30)}`;
      if (defects.take(4, row, c.resolved >= 0)) resolved = '?';
    }
    const line =
      `${id(n)}${sep}${ts}${sep}${dialect.direction[c.dir]}${sep}${dialect.callStatus[c.status]}${sep}` +
      `${c.agent < 0 ? '' : agentNamesList[c.agent]}${sep}${c.digits === null ? '' : formatPhone(c.digits, c.style)}${sep}` +
      `${wait}${sep}${dialect.tenths(c.talk)}${sep}${resolved}${sep}${c.topic < 0 ? '' : dialect.quote(TOPICS[c.topic])}${sep}` +
      `${c.sat > 0 ? c.sat : ''}${sep}${answered ? `https://pbx.example.com/rec/${id(n)}.mp3` : ''}`;
    file.row(line);
    if (defects && defects.take(3, row, true)) file.row(line); // the export repeated the row
    if (answered && c.customer >= 0)
      pushContact(pool, n, c.t + Math.ceil(c.talk / 10), c.customer, c.agent, c.resolved === 1);
  };

  /** An outbound call by an agent on shift (a callback or another outbound call). */
  const outboundCall = (t, customer, digits, isCallback) => {
    const agent = pickAgent(t);
    const answered = rng.chance(isCallback ? 0.85 : 0.78);
    const ring = rng.int(3, answered ? 25 : 40) * 10;
    const talk = answered ? talkTenths(agent) : 0;
    emit({
      t,
      dir: OUT,
      status: answered ? ANSWERED : MISSED,
      agent,
      customer,
      digits,
      style: rng.chance(0.7) ? 1 : 2, // the PBX dials 8XXXXXXXXXX or +7XXXXXXXXXX
      wait: ring,
      talk,
      resolved: answered ? (rng.chance(team.agents[agent].fcr) ? 1 : 0) : -1,
      topic: answered ? rng.weighted(TOPIC_WEIGHTS) : -1,
      sat: answered && rng.chance(0.15) ? csatScore(rng, true, team.agents[agent].quality) : 0,
    });
    stats.outbound++;
  };

  const flushUntil = (t) => {
    while (heap.size > 0 && heap.peek().t <= t) {
      const p = heap.pop();
      outboundCall(p.t, p.customer, p.digits, p.callback);
    }
  };

  const callbackDelay = () => {
    const u = rng.next();
    if (u < 0.02) return 30 * MINUTE; // exactly on the 30-minute target (counts)
    if (u < 0.03) return 30 * MINUTE + 1; // one second late (does not)
    if (u < 0.72) return Math.round(60 + 1740 * Math.pow(rng.next(), 1.3)); // 1–30 min, mostly quick
    return 30 * MINUTE + 1 + Math.floor(rng.next() * 3600); // 30–90 min
  };

  const processBase = (t, h, forcedMissed) => {
    remainingBase--;
    if (!forcedMissed) expRemaining -= expectedCbPerEvent[h];
    const outbound = !forcedMissed && rng.chance(pOut[h]);
    if (outbound) {
      const caller = callerOf();
      const projected =
        stats.rows + heap.size + 1 + remainingBase + Math.max(0, expRemaining) + plantedCallbacksPending;
      if (projected <= N + 0.5) outboundCall(t, caller.customer, caller.digits, false);
    } else {
      stats.inbound++;
      const caller = forcedMissed ? { customer: rng.int(0, opts.customers - 1), digits: null } : callerOf();
      if (forcedMissed) caller.digits = customerNumber(caller.customer);
      const anonymous = !forcedMissed && rng.chance(1 - P_NUMBER);
      const digits = anonymous ? null : caller.digits;
      const style = rng.chance(0.45) ? 0 : rng.chance(0.5) ? 2 : rng.chance(0.7) ? 1 : rng.chance(0.8) ? 3 : 4;
      if (!forcedMissed && !rng.chance(pMiss[h])) {
        const agent = pickAgent(t);
        const waitSeconds = Math.min(120, 2 + rng.exponential(meanWait[h]));
        const wait = rng.chance(P_FRACTION) ? Math.round(waitSeconds * 10) : Math.round(waitSeconds) * 10;
        const a = team.agents[agent];
        const resolved = rng.chance(a.fcr) ? 1 : 0;
        stats.answered++;
        emit({
          t,
          dir: IN,
          status: ANSWERED,
          agent,
          customer: caller.customer,
          digits,
          style,
          wait,
          talk: talkTenths(agent),
          resolved,
          topic: rng.weighted(TOPIC_WEIGHTS),
          sat: rng.chance(0.15) ? csatScore(rng, resolved === 1, a.quality) : 0,
        });
      } else {
        const abandoned = rng.chance(0.55);
        const wait = abandoned ? Math.round(Math.min(600, 15 + rng.exponential(70))) : rng.int(3, 30);
        if (abandoned) stats.abandoned++;
        else stats.missed++;
        emit({
          t,
          dir: IN,
          status: abandoned ? ABANDONED : MISSED,
          agent: -1,
          customer: caller.customer,
          digits,
          style,
          wait: wait * 10,
          talk: 0,
          resolved: -1,
          topic: -1,
          sat: 0,
        });
        if (digits !== null) {
          stats.missedWithNumber++;
          let delay = -1;
          if (forcedMissed) {
            delay = forcedMissed === 1 ? 25 * MINUTE + rng.int(0, 120) : 45 * MINUTE + rng.int(0, 600);
            plantedCallbacksPending--;
          } else if (
            rng.chance(P_CALLBACK) &&
            stats.rows + heap.size + remainingBase + plantedCallbacksPending + 1 <= N
          ) {
            delay = callbackDelay();
          }
          if (delay >= 0) {
            heap.push({ t: t + delay, seq: seq++, customer: caller.customer, digits, callback: true });
            stats.callbacks++;
            if (delay <= 30 * MINUTE) stats.cbWithin30++;
          }
        }
      }
    }
    // keep the total on course: add a follow-up outbound call when behind
    const deficit = N - (stats.rows + heap.size + remainingBase + Math.max(0, expRemaining) + plantedCallbacksPending);
    let add = remainingBase === 0 ? Math.round(deficit) : deficit >= 2 ? 1 : 0;
    while (add-- > 0) {
      const room = Math.max(0, Math.min(900, cal.monthSeconds - 1 - t));
      const caller = callerOf();
      heap.push({
        t: t + Math.floor(rng.next() * (room + 1)),
        seq: seq++,
        customer: caller.customer,
        digits: caller.digits,
        callback: false,
      });
      stats.extra++;
    }
  };

  const buffer = new Int32Array(65536);
  for (let h = 0; h < hoursInMonth; h++) {
    const offsets = secondsInHour(rng, counts[h], buffer);
    const isLast = h === hoursInMonth - 1;
    const plantedTimes =
      isLast && planted > 0 ? [h * HOUR + 41 * MINUTE + rng.int(0, 59), h * HOUR + 52 * MINUTE + rng.int(0, 59)] : [];
    let p = 0;
    for (let j = 0; j < offsets.length || p < plantedTimes.length;) {
      const tFree = j < offsets.length ? h * HOUR + offsets[j] : Infinity;
      const tPlanted = p < plantedTimes.length ? plantedTimes[p] : Infinity;
      if (tPlanted < tFree) {
        flushUntil(tPlanted);
        processBase(tPlanted, h, p + 1);
        p++;
      } else {
        flushUntil(tFree);
        processBase(tFree, h, 0);
        j++;
      }
    }
  }
  flushUntil(Infinity);
  file.close();
  const ms = performance.now() - started;
  process.stderr.write(
    `calls.csv      ${fmtInt(stats.rows)} rows${file.rows > stats.rows ? ` (+${file.rows - stats.rows} repeated)` : ''}, ${fmtMB(file.bytes)}, ${(ms / 1000).toFixed(1)} s — ` +
      `inbound ${pct(stats.inbound, stats.rows)} of calls, answered ${pct(stats.answered, stats.inbound)} of inbound, ` +
      `missed ${fmtInt(stats.missed)} + abandoned ${fmtInt(stats.abandoned)}, called back within 30 min ${pct(stats.cbWithin30, stats.missedWithNumber)} ` +
      `(any callback ${pct(stats.callbacks, stats.missedWithNumber)}) of missed with a number, next-month rows ${stats.nextMonth}` +
      (defects ? `; dirty: ${defects.summary()}` : '') +
      '\n',
  );
  return { pool, stats, bytes: file.bytes, ms };
}

// ───────────────────────────── tickets ─────────────────────────────

const EMAIL = 0;
const WEBFORM = 5;
const CHANNEL_WEIGHTS = cumulative([30, 25, 15, 12, 6, 12]); // Email, Chat, WhatsApp, Telegram, VK, Web form
const PRIORITY_WEIGHTS = cumulative([20, 60, 15, 5]); // Low, Normal, High, Urgent
const PRIORITY_SPEED = [1.6, 1, 0.7, 0.4];
const T_OPEN = 0;
const T_PROGRESS = 1;
const T_PENDING = 2;
const T_SOLVED = 3;
const T_CLOSED = 4;

function newContactPool() {
  return {
    num: new Column(Int32Array), // call / ticket number (the id without its prefix)
    time: new Column(Int32Array), // when the survey invitation went out (call end, ticket resolution)
    customer: new Column(Int32Array),
    agent: new Column(Uint8Array),
    good: new Column(Uint8Array), // resolved at first contact
  };
}

function pushContact(pool, num, time, customer, agent, good) {
  pool.num.push(num);
  pool.time.push(time);
  pool.customer.push(customer);
  pool.agent.push(agent);
  pool.good.push(good ? 1 : 0);
}

function writeTickets(opts, cal, dialect, team, encode) {
  const started = performance.now();
  const rng = new Rng(`${opts.seed}:tickets`);
  const planRng = new Rng(`${opts.seed}:tickets:plan`);
  const dirtyRng = new Rng(`${opts.seed}:tickets:dirty`);
  const N = opts.tickets;
  const id = idText('T', Math.max(6, String(N).length));
  const customerId = idText('K', Math.max(5, String(opts.customers).length));
  const file = new CsvFile(join(opts.out, 'tickets.csv'), dialect, dialect.headers.tickets, encode);
  const defects = opts.dirty
    ? new DefectPlan(dirtyRng, N, [
        'first responses before creation',
        'impossible resolution times (25:61)',
        'unparseable FCR flags',
      ])
    : null;
  const surveyPool = newContactPool();
  const stats = {
    rows: 0,
    unanswered: 0,
    spam: 0,
    unresolved: 0,
    resolvedAfterMonth: 0,
    afterHours: 0,
    slow: 0,
    text: 0,
    textOver2: 0,
    email: 0,
    emailOver60: 0,
  };
  const exportTime = (cal.daysInMonth + 2) * DAY + 9 * HOUR; // the export was taken on the 3rd at 09:00
  const hoursInMonth = cal.daysInMonth * 24;
  const weights = hourWeights(cal, planRng, TICKET_WEEKDAY, TICKET_WEEKEND);
  const counts = allocate(N, weights, planRng);
  const sep = dialect.sep;
  const buffer = new Int32Array(65536);
  const hourOf = (t) => Math.min(team.hours - 1, Math.floor(t / HOUR));
  const pickFrom = (list) => (list.length === 0 ? -1 : list[Math.floor(rng.next() * list.length)]);
  let n = 0;

  for (let h = 0; h < hoursInMonth; h++) {
    const offsets = secondsInHour(rng, counts[h], buffer);
    for (let j = 0; j < offsets.length; j++) {
      const t = h * HOUR + offsets[j];
      const row = n++;
      const channel = rng.weighted(CHANNEL_WEIGHTS);
      const priority = rng.weighted(PRIORITY_WEIGHTS);
      let topic = rng.weighted(TOPIC_WEIGHTS);
      const textChannel = channel !== EMAIL && channel !== WEBFORM;
      const customer = textChannel && rng.chance(0.04) ? -1 : Math.floor(opts.customers * Math.pow(rng.next(), 1.3));
      const afterHours = team.business[h].length === 0;
      if (afterHours) stats.afterHours++;
      const fate = rng.next();
      let agent = -1;
      let firstResponse = -1;
      let resolvedAt = -1;
      let reopens = 0;
      let status = T_OPEN;
      let sat = 0;
      let fcr = -1;
      if (fate < 0.01) {
        // spam: closed without any response
        stats.spam++;
        topic = -1;
        resolvedAt = Math.min(exportTime - 60, t + 60 + Math.round(rng.lognormal(40 * MINUTE, 1.2)));
        status = T_CLOSED;
        if (rng.chance(0.4)) agent = pickFrom(team.all[hourOf(resolvedAt)]);
      } else if (fate < 0.06) {
        // forgotten: still without any response
        if (rng.chance(0.3)) agent = pickFrom(team.all[h]);
      } else {
        // answered: by an agent on shift (after-hours e-mail and web forms wait for the morning)
        let respondFrom = t;
        let onShift = team.all[h];
        if ((!textChannel && afterHours) || onShift.length === 0) {
          const nb = team.nextBusiness[h];
          respondFrom = Math.max(t, nb * HOUR);
          onShift = nb < team.hours ? team.business[nb] : team.all[h];
        }
        agent = pickFrom(onShift.length > 0 ? onShift : [0]);
        const a = team.agents[agent];
        let frt;
        if (textChannel) {
          frt = rng.chance(0.08)
            ? rng.int(5 * MINUTE, 90 * MINUTE) // a busy moment
            : Math.min(5 * MINUTE, Math.max(30, rng.lognormal(70, 0.6) * a.speed));
          if (afterHours) frt *= 2; // one duty agent at night
        } else if (afterHours) {
          frt = Math.min(4 * HOUR, Math.max(2 * MINUTE, rng.lognormal(35 * MINUTE, 0.9)));
        } else {
          frt = Math.min(6 * HOUR, Math.max(5 * MINUTE, rng.lognormal(30 * MINUTE, 0.9) * a.speed));
        }
        firstResponse = respondFrom + Math.round(frt);
        if (firstResponse > exportTime) {
          firstResponse = -1; // not answered yet when the export was taken
          if (rng.chance(0.7)) agent = -1;
        } else {
          if (textChannel) {
            stats.text++;
            if (firstResponse - t > 2 * MINUTE) stats.textOver2++;
          } else {
            stats.email++;
            if (firstResponse - t > 60 * MINUTE) stats.emailOver60++;
          }
          reopens = rng.chance(0.82) ? 0 : rng.chance(0.65) ? 1 : rng.chance(0.75) ? 2 : 3;
          const stuck = rng.chance(0.1);
          let dur = textChannel ? rng.lognormal(45 * MINUTE, 1.3) : rng.lognormal(5 * HOUR, 1.4);
          dur *= PRIORITY_SPEED[priority];
          for (let r = 0; r < reopens; r++) dur += rng.lognormal(DAY, 0.8);
          resolvedAt = firstResponse + Math.round(Math.min(25 * DAY, Math.max(30, dur)));
          if (stuck || resolvedAt > exportTime) {
            resolvedAt = -1;
            status = rng.chance(0.5) ? T_PROGRESS : rng.chance(0.7) ? T_PENDING : T_OPEN;
          } else {
            status = exportTime - resolvedAt >= 4 * DAY ? T_CLOSED : T_SOLVED; // solved tickets close after 4 days
            fcr = reopens === 0 && rng.chance(Math.min(0.97, a.fcr + 0.08)) ? 1 : 0;
            if (rng.chance(0.2)) sat = csatScore(rng, fcr === 1 && resolvedAt - t < 2 * DAY, a.quality);
            if (customer >= 0) pushContact(surveyPool, n, resolvedAt, customer, agent, fcr === 1);
          }
        }
      }
      if (firstResponse < 0 && resolvedAt < 0) {
        stats.unanswered++;
        reopens = 0;
      }
      if (resolvedAt < 0) stats.unresolved++;
      else if (resolvedAt >= cal.monthSeconds) stats.resolvedAfterMonth++;

      let first = firstResponse < 0 ? '' : dialect.ts(firstResponse);
      let resolved = resolvedAt < 0 ? '' : dialect.ts(resolvedAt);
      let fcrText = fcr < 0 ? '' : fcr ? dialect.yes : dialect.no;
      if (defects) {
        if (defects.take(0, row, firstResponse >= 0)) first = dialect.ts(Math.max(0, t - dirtyRng.int(60, 1800)));
        if (defects.take(1, row, resolvedAt >= 0)) resolved = dialect.badClock(resolvedAt);
        if (defects.take(2, row, fcr >= 0)) fcrText = '?';
      }
      file.row(
        `${id(n)}${sep}${dialect.ts(t)}${sep}${dialect.channel[channel]}${sep}${agent < 0 ? '' : team.names[agent]}${sep}` +
          `${dialect.priority[priority]}${sep}${dialect.ticketStatus[status]}${sep}` +
          `${topic < 0 ? SPAM_TOPIC : dialect.quote(TOPICS[topic])}${sep}${customer < 0 ? '' : customerId(customer + 1)}${sep}` +
          `${first}${sep}${resolved}${sep}${reopens}${sep}${sat > 0 ? sat : ''}${sep}${fcrText}`,
      );
      stats.rows++;
    }
  }
  file.close();
  const ms = performance.now() - started;
  process.stderr.write(
    `tickets.csv    ${fmtInt(file.rows)} rows, ${fmtMB(file.bytes)}, ${(ms / 1000).toFixed(1)} s — ` +
      `no response ${pct(stats.unanswered, stats.rows)}, spam ${pct(stats.spam, stats.rows)}, unresolved ${pct(stats.unresolved, stats.rows)}, ` +
      `resolved after the month ${fmtInt(stats.resolvedAfterMonth)}, created after hours ${pct(stats.afterHours, stats.rows)}, ` +
      `first response over target: chat/messenger/social ${pct(stats.textOver2, stats.text)}, e-mail/web ${pct(stats.emailOver60, stats.email)}` +
      (defects ? `; dirty: ${defects.summary()}` : '') +
      '\n',
  );
  return { pool: surveyPool, stats, bytes: file.bytes, ms };
}

// ───────────────────────────── surveys ─────────────────────────────

function writeSurveys(opts, cal, dialect, team, callPool, ticketPool, encode) {
  const started = performance.now();
  const rng = new Rng(`${opts.seed}:surveys`);
  const dirtyRng = new Rng(`${opts.seed}:surveys:dirty`);
  const S = opts.surveys;
  const callId = idText('C', Math.max(7, String(opts.calls).length));
  const ticketId = idText('T', Math.max(6, String(opts.tickets).length));
  const customerId = idText('K', Math.max(5, String(opts.customers).length));
  const id = idText('R', Math.max(7, String(S).length));
  const Pc = callPool.num.length;
  const P = Pc + ticketPool.num.length;

  // which answers rate a contact (~90 %), and which contacts (without replacement)
  const ref = new Int32Array(S).fill(-1);
  let referencing = 0;
  for (let i = 0; i < S; i++) if (rng.chance(0.9) && referencing < P) ref[i] = referencing++;
  const perm = new Int32Array(P);
  for (let i = 0; i < P; i++) perm[i] = i;
  for (let i = 0; i < referencing; i++) {
    const j = i + Math.floor(rng.next() * (P - i));
    const x = perm[i];
    perm[i] = perm[j];
    perm[j] = x;
  }

  const time = new Int32Array(S);
  const kind = new Uint8Array(S); // 0 NPS, 1 CSAT
  const score = new Int8Array(S);
  const customer = new Int32Array(S);
  const comment = new Int16Array(S).fill(-1);
  const contact = new Int32Array(S).fill(-1); // pool index
  const allComments = [...COMMENTS_BAD, ...COMMENTS_MIDDLE, ...COMMENTS_GOOD];
  const stats = {
    rows: 0,
    nps: 0,
    csat: 0,
    promoters: 0,
    detractors: 0,
    satisfied: 0,
    referencing,
    comments: 0,
    nextMonth: 0,
  };
  for (let i = 0; i < S; i++) {
    let good;
    let quality = 0;
    if (ref[i] >= 0) {
      const p = perm[ref[i]];
      contact[i] = p;
      const src = p < Pc ? callPool : ticketPool;
      const k = p < Pc ? p : p - Pc;
      good = src.good.data[k] === 1 || rng.chance(0.35);
      quality = team.agents[src.agent.data[k]].quality;
      customer[i] = src.customer.data[k];
      const u = rng.next();
      const delay =
        u < 0.55 ? rng.int(2 * MINUTE, 2 * HOUR) : u < 0.85 ? rng.int(2 * HOUR, DAY) : rng.int(DAY, 3 * DAY);
      time[i] = src.time.data[k] + delay;
    } else {
      good = rng.chance(0.75);
      customer[i] = Math.floor(opts.customers * Math.pow(rng.next(), 1.2));
      time[i] = Math.floor(rng.next() * cal.monthSeconds);
    }
    const nps = rng.chance(0.55);
    kind[i] = nps ? 0 : 1;
    const s = nps ? npsScore(rng, good, quality) : csatScore(rng, good, quality);
    score[i] = s;
    const bad = nps ? s <= 6 : s <= 2;
    const middle = nps ? s <= 8 : s === 3;
    if (rng.chance(bad ? 0.6 : middle ? 0.3 : 0.2)) {
      comment[i] = bad
        ? rng.int(0, COMMENTS_BAD.length - 1)
        : middle
          ? COMMENTS_BAD.length + rng.int(0, COMMENTS_MIDDLE.length - 1)
          : COMMENTS_BAD.length + COMMENTS_MIDDLE.length + rng.int(0, COMMENTS_GOOD.length - 1);
    }
  }

  // answers are exported in the order they were given
  const order = new Float64Array(S);
  for (let i = 0; i < S; i++) order[i] = time[i] * 2 ** 30 + i;
  order.sort();

  const file = new CsvFile(join(opts.out, 'surveys.csv'), dialect, dialect.headers.surveys, encode);
  const defects = opts.dirty
    ? new DefectPlan(dirtyRng, S, ['NPS scores of 11', 'CSAT scores of 7', 'CSAT scores of 4.5'])
    : null;
  const sep = dialect.sep;
  for (let r = 0; r < S; r++) {
    const i = order[r] % 2 ** 30;
    const p = contact[i];
    const contactText = p < 0 ? '' : p < Pc ? callId(callPool.num.data[p]) : ticketId(ticketPool.num.data[p - Pc]);
    let scoreText = String(score[i]);
    if (defects) {
      if (defects.take(0, r, kind[i] === 0)) scoreText = '11';
      if (defects.take(1, r, kind[i] === 1)) scoreText = '7';
      if (defects.take(2, r, kind[i] === 1 && score[i] === 4)) scoreText = dialect.tenths(45);
    }
    if (kind[i] === 0) {
      stats.nps++;
      if (score[i] >= 9) stats.promoters++;
      else if (score[i] <= 6) stats.detractors++;
    } else {
      stats.csat++;
      if (score[i] >= 4) stats.satisfied++;
    }
    if (comment[i] >= 0) stats.comments++;
    if (time[i] >= cal.monthSeconds) stats.nextMonth++;
    file.row(
      `${id(r + 1)}${sep}${dialect.ts(time[i])}${sep}${dialect.survey[kind[i]]}${sep}${scoreText}${sep}${contactText}${sep}` +
        `${customerId(customer[i] + 1)}${sep}${comment[i] < 0 ? '' : dialect.quote(allComments[comment[i]])}`,
    );
    stats.rows++;
  }
  file.close();
  const ms = performance.now() - started;
  const npsValue = stats.nps === 0 ? '–' : ((100 * (stats.promoters - stats.detractors)) / stats.nps).toFixed(1);
  process.stderr.write(
    `surveys.csv    ${fmtInt(file.rows)} rows, ${fmtMB(file.bytes)}, ${(ms / 1000).toFixed(1)} s — ` +
      `NPS answers ${pct(stats.nps, stats.rows)} (NPS ${npsValue}), CSAT answers ${pct(stats.csat, stats.rows)} ` +
      `(${pct(stats.satisfied, stats.csat)} satisfied), rating a contact ${pct(stats.referencing, stats.rows)}, ` +
      `with a comment ${pct(stats.comments, stats.rows)}, answered after the month ${stats.nextMonth}` +
      (defects ? `; dirty: ${defects.summary()}` : '') +
      '\n',
  );
  return { stats, bytes: file.bytes, ms };
}

// ───────────────────────────── main ─────────────────────────────

function main() {
  const opts = readOptions();
  const started = performance.now();
  mkdirSync(opts.out, { recursive: true });
  const cal = makeCalendar(opts.year, opts.month);
  const dialect = makeDialect(opts.dialect, cal);
  const encode = opts.dialect === 'ru' ? makeCp1251Encoder() : null;
  const team = makeTeam(opts, cal, cal.daysInMonth + 6);
  const customers = writeCustomers(opts, cal, dialect, team, encode);
  const calls = writeCalls(opts, cal, dialect, team, encode);
  const tickets = writeTickets(opts, cal, dialect, team, encode);
  const surveys = writeSurveys(opts, cal, dialect, team, calls.pool, tickets.pool, encode);
  const bytes = customers.bytes + calls.bytes + tickets.bytes + surveys.bytes;
  process.stderr.write(
    `total          ${fmtMB(bytes)} in ${((performance.now() - started) / 1000).toFixed(1)} s → ${opts.out} ` +
      `(${opts.dialect}, ${String(opts.year)}-${P2[opts.month]}, seed ${opts.seed}${opts.dirty ? ', dirty' : ''})\n`,
  );
}

main();
