import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { SampleV1 } from '../contracts/sample-v1.js';
import { localTime } from './review-form-columns.js';
import { NO_BORDERS } from './borderless.js';
import { cellText, visibleText } from './terminal-text.js';

/**
 * The sample for people (SPEC §5): a title with the seed, one line per sampled contact (agent,
 * channel, kind, id, time, talk time or first response, topic, customer), then the pool of each
 * stratum and how many were drawn from it. Recording links are in the CSV, JSON and XLSX outputs.
 */
export function renderSampleTable(sample: SampleV1, style: ChalkInstance): string {
  const wanted = sample.size !== null ? `${sample.size} overall` : `${sample.perStratum} per ${strataWord(sample)}`;
  const parts = [
    style.bold(`cs-kpi sample — ${sample.month}, seed "${visibleText(sample.seed)}"`) +
      style.dim(
        ` (${count(sample.items.length)} of ${count(sample.pool.contacts)} ${plural(sample.pool.contacts, 'contact')}, ${wanted})`,
      ),
    '',
  ];
  if (sample.items.length === 0) {
    parts.push('  No contact in the pool: no answered call and no ticket with an agent and a first response matches.');
  } else {
    const table = new Table({
      head: ['Agent', 'Channel', 'Kind', 'Contact', 'Started', 'Talk', '1st reply', 'Topic', 'Customer'],
      chars: NO_BORDERS,
      style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
      colAligns: ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'left', 'left'],
    });
    for (const item of sample.items) {
      table.push([
        cellText(item.agent, 24),
        cellText(item.channel ?? '—', 12),
        item.kind,
        cellText(item.contactId, 20),
        localTime(item.startedAt).slice(0, 16),
        item.talkSeconds === null ? '' : clock(item.talkSeconds),
        item.firstResponseSeconds === null ? '' : minutes(item.firstResponseSeconds),
        cellText(item.topic ?? '', 24),
        cellText(item.customer ?? '', 20),
      ]);
    }
    parts.push(indent(table.toString()));
  }
  parts.push('', style.bold(`Pool by ${strataWord(sample)}`));
  const pool = new Table({
    head: [sample.by === 'agent' ? 'Agent' : 'Agent · channel', 'Pool', 'Drawn', ''],
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: ['left', 'right', 'right', 'left'],
  });
  for (const stratum of sample.pool.strata) {
    const name = stratum.channel === null ? stratum.agent : `${stratum.agent} · ${stratum.channel}`;
    pool.push([
      cellText(name, 40),
      count(stratum.pool),
      count(stratum.sampled),
      stratum.short ? style.yellow('short: all of its contacts') : '',
    ]);
  }
  parts.push(indent(pool.toString()));
  parts.push(
    '',
    style.dim(
      'The pool: the month’s answered calls and its tickets with an agent and a first response, after the filters. Same seed, same sample.',
    ),
  );
  if (sample.dataQuality.issues > 0) {
    parts.push(
      style.dim(
        `${count(sample.dataQuality.issues)} data-quality ${plural(sample.dataQuality.issues, 'issue')} (see stderr, or --format json).`,
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}

function strataWord(sample: SampleV1): string {
  return sample.by === 'agent' ? 'agent' : 'agent × channel';
}

/** `6:31`, `1:02:05` */
function clock(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `12m`, `3h 05m`, `2d 4h` */
function minutes(seconds: number): string {
  const total = Math.round(seconds / 60);
  if (total < 60) return `${total}m`;
  const h = Math.floor(total / 60);
  if (h < 48) return `${h}h ${String(total % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line.trimEnd()}`)
    .join('\n');
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
