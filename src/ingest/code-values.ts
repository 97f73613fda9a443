import { detachString } from '../domain/detach-string.js';
import type { CallStatus, Direction, Priority, TicketStatus } from '../domain/records.js';

/** A remembered spelling that is no code value. */
const NOT_LISTED = Symbol('not listed');

/**
 * Code values in English and Russian, compared lower-cased with ё read as е (SPEC §3 "Code values
 * in Russian"). A word not listed here is returned as `undefined` for the caller to report.
 */
function table<T>(entries: ReadonlyArray<readonly [T, readonly string[]]>): (raw: string) => T | undefined {
  const map = new Map<string, T>();
  for (const [value, words] of entries) for (const word of words) map.set(word, value);
  // Code values repeat on every row: remember each raw spelling's answer (bounded, for hostile
  // files), an unknown word as NOT_LISTED, so that a row costs one lookup.
  const seen = new Map<string, T | typeof NOT_LISTED>();
  return (raw) => {
    const known = seen.get(raw);
    if (known !== undefined) return known === NOT_LISTED ? undefined : known;
    const value = map.get(
      raw
        .trim()
        .toLowerCase()
        .replace(/ё/g, 'е')
        .replace(/[\s_]+/g, ' '),
    );
    if (seen.size < 1024) seen.set(detachString(raw), value ?? NOT_LISTED);
    return value;
  };
}

export const readDirection = table<Direction>([
  ['inbound', ['inbound', 'incoming', 'in', 'inbound call', 'входящий', 'входящая', 'входящие', 'вход', 'вх']],
  ['outbound', ['outbound', 'outgoing', 'out', 'outbound call', 'исходящий', 'исходящая', 'исходящие', 'исх']],
]);

export const readCallStatus = table<CallStatus>([
  [
    'answered',
    [
      'answered',
      'answer',
      'connected',
      'completed',
      'success',
      'отвечен',
      'отвеченный',
      'принят',
      'принятый',
      'успешный',
      'состоялся',
    ],
  ],
  [
    'missed',
    [
      'missed',
      'no answer',
      'noanswer',
      'unanswered',
      'abandoned',
      'busy',
      'failed',
      'пропущен',
      'пропущенный',
      'не отвечен',
      'неотвечен',
      'сброшен',
      'брошен',
      'занято',
      'не принят',
    ],
  ],
]);

export const readTicketStatus = table<TicketStatus>([
  ['open', ['open', 'new', 'in progress', 'assigned', 'reopened', 'открыт', 'открыта', 'новый', 'новая', 'в работе']],
  [
    'pending',
    [
      'pending',
      'waiting',
      'on hold',
      'pending customer response',
      'awaiting customer',
      'ожидает',
      'ожидание',
      'на паузе',
    ],
  ],
  ['resolved', ['resolved', 'solved', 'done', 'решен', 'решена', 'выполнен', 'выполнена']],
  ['closed', ['closed', 'закрыт', 'закрыта']],
]);

export const readPriority = table<Priority>([
  ['low', ['low', 'низкий', 'низкая']],
  ['normal', ['normal', 'medium', 'обычный', 'обычная', 'средний', 'средняя']],
  ['high', ['high', 'высокий', 'высокая']],
  ['urgent', ['urgent', 'critical', 'срочный', 'срочная', 'критический', 'критичный']],
]);

/** `nps`, `csat`, or undefined for another word (the caller checks config's index names). */
export const readSurveyKind = table<'nps' | 'csat'>([
  ['nps', ['nps', 'нпс', 'net promoter score', 'net promoter', 'индекс лояльности']],
  [
    'csat',
    ['csat', 'satisfaction', 'customer satisfaction', 'оценка', 'удовлетворенность', 'удовлетворенность клиента'],
  ],
]);

export const readContactKind = table<'call' | 'ticket'>([
  ['call', ['call', 'calls', 'звонок', 'звонки']],
  ['ticket', ['ticket', 'tickets', 'заявка', 'заявки', 'обращение', 'тикет']],
]);
