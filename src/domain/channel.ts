import { detachString } from './detach-string.js';

/** Channels as SPEC §3 normalises them; unknown values are kept lower-cased. */
export type Channel = 'phone' | 'email' | 'chat' | 'messenger' | 'social' | 'web' | (string & {});

const CHANNEL_WORDS: ReadonlyArray<readonly [Channel, readonly string[]]> = [
  ['email', ['email', 'e-mail', 'mail', 'почта', 'эл. почта', 'эл.почта', 'электронная почта', 'емейл', 'имейл']],
  ['chat', ['chat', 'live chat', 'livechat', 'web chat', 'webchat', 'чат', 'онлайн-чат', 'онлайн чат']],
  [
    'messenger',
    ['messenger', 'whatsapp', 'telegram', 'viber', 'мессенджер', 'мессенджеры', 'ватсап', 'телеграм', 'вайбер'],
  ],
  [
    'social',
    [
      'social',
      'social media',
      'social network',
      'vk',
      'vkontakte',
      'facebook',
      'instagram',
      'twitter',
      'соцсети',
      'соц. сети',
      'социальные сети',
      'вконтакте',
      'вк',
    ],
  ],
  [
    'web',
    [
      'web',
      'web form',
      'webform',
      'form',
      'portal',
      'site',
      'website',
      'форма на сайте',
      'сайт',
      'веб-форма',
      'портал',
    ],
  ],
  ['phone', ['phone', 'call', 'calls', 'telephone', 'voice', 'телефон', 'звонок', 'звонки', 'телефония']],
];

const CHANNEL_BY_WORD = new Map<string, Channel>();
for (const [channel, words] of CHANNEL_WORDS) for (const word of words) CHANNEL_BY_WORD.set(word, channel);

/** Each raw spelling's channel: a ticket export repeats a few on every row (bounded, for hostile files). */
const channelOfRaw = new Map<string, Channel>();

/** `E-mail` → `email`, `WhatsApp` → `messenger`, `Форма на сайте` → `web`; unknown words lower-cased. */
export function normaliseChannel(raw: string): Channel {
  const known = channelOfRaw.get(raw);
  if (known !== undefined) return known;
  const word = raw.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  const channel = CHANNEL_BY_WORD.get(word) ?? word;
  if (channelOfRaw.size < 1024) channelOfRaw.set(detachString(raw), channel);
  return channel;
}
