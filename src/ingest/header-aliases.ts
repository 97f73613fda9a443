import type { FieldOf } from '../domain/fields.js';
import type { Kind } from '../domain/records.js';

/**
 * English and Russian header aliases per kind (SPEC §2), including the headers of the exports in
 * shared/datasets. Matching is on `normaliseHeader`: case, spaces and punctuation do not count.
 * An alias belongs to a kind, so "Оценка" is a survey's score but a call's satisfaction.
 */
type AliasTable = { [K in Kind]: Partial<Record<FieldOf<K>, readonly string[]>> };

const AGENT = [
  'agent',
  'agent name',
  'operator',
  'operator id',
  'operator name',
  'assignee',
  'assigned to',
  'employee',
  'оператор',
  'сотрудник',
  'ответственный',
  'исполнитель',
  'агент',
  'имя оператора',
];
const CUSTOMER = ['customer', 'client', 'клиент', 'customer email', 'customer phone', 'customer id', 'client id'];
const CHANNEL = ['channel', 'source', 'via', 'канал', 'источник', 'канал обращения', 'ticket channel'];
const TOPIC = [
  'topic',
  'subject',
  'category',
  'reason',
  'тема',
  'категория',
  'причина обращения',
  'тематика',
  'ticket subject',
];

export const HEADER_ALIASES: AliasTable = {
  calls: {
    call_id: [
      'call id',
      'callid',
      'id',
      'uniqueid',
      'unique id',
      'uuid',
      'call uuid',
      'id звонка',
      'идентификатор звонка',
      'номер звонка',
    ],
    started_at: [
      'started at',
      'start time',
      'start',
      'call start',
      'call date',
      'call time',
      'date/time',
      'datetime',
      'date time',
      'calldate',
      'start stamp',
      'timestamp',
      'дата и время',
      'дата звонка',
      'время звонка',
      'начало',
      'начало звонка',
      'дата время',
    ],
    date: ['date', 'дата', 'day', 'день'],
    time: ['time', 'время'],
    answered_at: ['answered at', 'answer time', 'answer', 'answer stamp', 'время ответа'],
    ended_at: ['ended at', 'end time', 'end', 'end stamp', 'время окончания', 'окончание'],
    agent: AGENT,
    direction: ['direction', 'call direction', 'call type', 'направление', 'тип звонка', 'тип'],
    status: [
      'status',
      'call status',
      'disposition',
      'result',
      'answered',
      'answered y n',
      'статус',
      'статус звонка',
      'результат',
      'отвечен',
    ],
    missed: ['is missed call', 'missed', 'is missed', 'пропущен', 'пропущенный'],
    wait_seconds: [
      'wait',
      'wait time',
      'wait seconds',
      'waiting time',
      'queue time',
      'ring time',
      'speed of answer',
      'speed of answer in seconds',
      'answer speed',
      'hold time before answer',
      'ожидание',
      'время ожидания',
      'ожидание сек',
      'время ожидания сек',
    ],
    talk_seconds: [
      'talk',
      'talk time',
      'talk seconds',
      'talk duration',
      'avgtalkduration',
      'avg talk duration',
      'billsec',
      'call duration',
      'conversation duration',
      'handle time',
      'разговор',
      'разговор сек',
      'длительность разговора',
      'время разговора',
    ],
    total_seconds: ['total call duration', 'duration', 'total duration', 'длительность', 'общая длительность'],
    resolved: [
      'resolved',
      'fcr',
      'first call resolution',
      'first contact resolution',
      'решен',
      'решен с первого обращения',
    ],
    topic: TOPIC,
    customer: [
      ...CUSTOMER,
      'caller',
      'caller id',
      'caller number',
      'phone',
      'number',
      'from',
      'src',
      'user id',
      'номер',
      'номер клиента',
      'телефон',
      'телефон клиента',
    ],
    satisfaction: ['satisfaction', 'satisfaction rating', 'csat', 'rating', 'оценка', 'оценка клиента'],
    recording_url: [
      'recording',
      'recording url',
      'record',
      'recording link',
      'запись',
      'ссылка на запись',
      'запись разговора',
    ],
    calls_count: ['calls count', 'call count', 'количество звонков', 'число звонков'],
  },
  tickets: {
    ticket_id: [
      'ticket id',
      'ticket',
      'ticket number',
      'ticket no',
      'case id',
      'case number',
      'conversation id',
      'issue key',
      'request id',
      'id',
      'номер заявки',
      'номер обращения',
      'id заявки',
      'id обращения',
      'заявка',
      'обращение',
    ],
    created_at: [
      'created at',
      'created',
      'created time',
      'created date',
      'creation date',
      'creation time',
      'date created',
      'opened at',
      'opened',
      'submitted at',
      'дата создания',
      'создана',
      'создано',
      'время создания',
      'дата обращения',
    ],
    agent: AGENT,
    channel: CHANNEL,
    first_response_at: [
      'first response at',
      'first reply at',
      'first responded at',
      'время первого ответа',
      'первый ответ',
      'дата первого ответа',
    ],
    first_response: [
      'first response',
      'first response time',
      'first reply time',
      'frt',
      'time to first response',
      'first response minutes',
      'время реакции',
      'время до первого ответа',
    ],
    resolved_at: [
      'resolved at',
      'solved at',
      'resolution date',
      'closed at',
      'дата решения',
      'время решения заявки',
      'решена',
      'дата закрытия',
    ],
    resolution: [
      'resolution time',
      'time to resolution',
      'time to resolve',
      'resolution hours',
      'resolution minutes',
      'время решения',
    ],
    status: ['status', 'ticket status', 'state', 'статус', 'состояние'],
    priority: ['priority', 'ticket priority', 'urgency', 'приоритет', 'срочность'],
    topic: TOPIC,
    customer: CUSTOMER,
    reopens: ['reopens', 'reopened', 'reopen count', 'number of reopens', 'переоткрытия', 'число переоткрытий'],
    satisfaction: [
      'satisfaction',
      'satisfaction rating',
      'customer satisfaction rating',
      'csat',
      'rating',
      'survey results',
      'survey score',
      'оценка',
      'оценка клиента',
    ],
    fcr: ['fcr', 'first contact resolution', 'resolved on first contact', 'решен с первого обращения'],
  },
  surveys: {
    response_id: ['response id', 'answer id', 'respondent id', 'survey id', 'id', 'id ответа', 'номер ответа'],
    answered_at: [
      'answered at',
      'timestamp',
      'submitted at',
      'response date',
      'completed at',
      'date',
      'created at',
      'дата ответа',
      'дата',
      'время ответа',
      'дата и время',
    ],
    survey: ['survey', 'survey type', 'survey name', 'metric', 'опрос', 'тип опроса', 'метрика'],
    score: ['score', 'rating', 'answer', 'value', 'оценка', 'балл', 'ответ'],
    nps: [
      'nps',
      'nps score',
      'likelihood to recommend',
      'how likely are you to recommend us',
      'recommend',
      'нпс',
      'готовность рекомендовать',
    ],
    csat: ['csat', 'satisfaction', 'satisfaction score', 'csat score', 'удовлетворенность'],
    contact_id: [
      'contact id',
      'contact',
      'ticket id',
      'call id',
      'conversation id',
      'id обращения',
      'обращение',
      'id звонка',
    ],
    agent: AGENT,
    channel: CHANNEL,
    customer: CUSTOMER,
    comment: ['comment', 'comments', 'feedback', 'why', 'explication', 'verbatim', 'комментарий', 'отзыв', 'почему'],
  },
  customers: {
    customer_id: [
      'customer id',
      'customerid',
      'client id',
      'account id',
      'user id',
      'id',
      'customer',
      'client',
      'account',
      'id клиента',
      'клиент',
      'лицевой счет',
    ],
    churned_at: [
      'churned at',
      'churn date',
      'cancelled at',
      'canceled at',
      'cancellation date',
      'date of churn',
      'дата ухода',
      'дата отключения',
      'дата расторжения',
    ],
    churned: ['churn', 'churned', 'is churned', 'exited', 'attrition', 'отток', 'ушел'],
    manager: ['manager', 'account manager', 'csm', 'owner', 'менеджер', 'ответственный', 'аккаунт менеджер'],
    segment: ['segment', 'tier', 'plan', 'tariff', 'tariff plan', 'contract', 'сегмент', 'тариф'],
    active_since: [
      'active since',
      'date start',
      'start date',
      'signup date',
      'sign up date',
      'registration date',
      'customer since',
      'клиент с',
      'дата подключения',
      'дата начала',
    ],
    mrr: [
      'mrr',
      'monthly charges',
      'monthly revenue',
      'monthly fee',
      'arpu',
      'ежемесячный платеж',
      'абонентская плата',
    ],
  },
  qa: {
    contact_id: ['contact id', 'contactid', 'contact', 'id обращения'],
    agent: AGENT,
    kind: ['kind', 'contact kind', 'тип'],
    channel: ['channel', 'канал'],
    reviewer: ['reviewer', 'reviewed by', 'qa', 'проверяющий', 'оценщик'],
    reviewed_at: ['reviewed at', 'review date', 'дата проверки'],
    comment: ['comment', 'comments', 'комментарий'],
  },
};

/** Lower-case, ё → е, letters and digits only: `Speed of answer (sec.)` → `speedofanswersec`. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const lookup = new Map<Kind, Map<string, string>>();
for (const [kind, fields] of Object.entries(HEADER_ALIASES) as [Kind, Record<string, readonly string[]>][]) {
  const byAlias = new Map<string, string>();
  for (const [field, aliases] of Object.entries(fields)) {
    for (const alias of [field, ...aliases]) {
      const key = normaliseHeader(alias);
      if (!byAlias.has(key)) byAlias.set(key, field);
    }
  }
  lookup.set(kind, byAlias);
}

/** Unit words that may trail a header ("Wait, sec.", "FRT (hours)"); the unit itself is read by `durationUnitFromHeader`. */
const UNIT_WORDS = new Set(
  'ms msec millis milliseconds s sec secs second seconds min mins minute minutes h hr hrs hour hours d day days с сек секунд секунды секундах мин минут минуты ч час часы часов д дн дней сут сутки in в'.split(
    ' ',
  ),
);

/** The field a header stands for in a kind, if any; a trailing unit ("Wait, sec") does not count. */
export function fieldForHeader(kind: Kind, header: string): string | undefined {
  const byAlias = lookup.get(kind)!;
  const field = byAlias.get(normaliseHeader(header));
  if (field !== undefined) return field;
  const words = header
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const before = words.length;
  while (words.length > 1 && UNIT_WORDS.has(words[words.length - 1]!)) words.pop();
  return words.length < before ? byAlias.get(normaliseHeader(words.join(' '))) : undefined;
}

/**
 * A form question on a 0–10 scale ("On a scale of 0-10, how would you rate Sudzilla?") is the
 * NPS question when the form has no column named like NPS; the first such column is taken.
 */
export function isZeroToTenQuestion(header: string): boolean {
  return /\b0\s*(-|–|to|до)\s*10\b/i.test(header);
}
