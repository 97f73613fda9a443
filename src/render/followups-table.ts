import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { FollowupItemV1, FollowupsV1 } from '../contracts/followups-v1.js';
import { NO_BORDERS } from './borderless.js';
import { cellText, visibleText } from './terminal-text.js';

const COMMENT_WIDTH = 48;

/**
 * The follow-ups for people (SPEC §10): a title with the period and the rule, one line per answer
 * to call back, worst first (rating, time, customer, agent, channel, topic, contact, answer id,
 * comment cut to one short line); the full comments are in the JSON, CSV and XLSX outputs.
 */
export function renderFollowupsTable(followups: FollowupsV1, style: ChalkInstance): string {
  const parts = [
    style.bold(`cs-kpi followups — ${periodWords(followups)}`) +
      style.dim(
        ` (${count(followups.count)} ${plural(followups.count, 'answer')} to call back: ${ruleWords(followups.below)}; worst first, then oldest)`,
      ),
    '',
  ];
  if (followups.items.length === 0) {
    parts.push(
      `  Nobody to call back ${followups.since === null ? 'in' : 'for'} ${periodWords(followups)}: no CSAT answer below ${followups.below} of 5 and no NPS detractor.`,
    );
  } else {
    const table = new Table({
      head: ['Rating', 'Answered', 'Customer', 'Agent', 'Channel', 'Topic', 'Contact', 'Answer', 'Comment'],
      chars: NO_BORDERS,
      style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    });
    for (const item of followups.items) {
      table.push([
        rating(item, style),
        item.answeredAt === null ? '—' : item.answeredAt.slice(0, 16).replace('T', ' '),
        cellText(item.customer ?? '', 20),
        cellText(item.agent ?? '', 22),
        visibleText(item.channel ?? ''),
        cellText(item.topic ?? '', 20),
        cellText(item.contactId ?? '', 14),
        item.answerId === null ? '—' : cellText(item.answerId, 14),
        cellText(oneLine(item.comment ?? ''), COMMENT_WIDTH),
      ]);
    }
    parts.push(indent(table.toString()));
  }
  const notes: string[] = [];
  if (followups.excluded > 0) {
    notes.push(
      `${count(followups.excluded)} more ${plural(followups.excluded, 'answer')} left out: called back already in ${visibleText(followups.excludeFiles.join(', '))}.`,
    );
  }
  if (followups.items.some((item) => item.answerId === null)) {
    notes.push('Answers without an id (—) cannot be left out by --exclude next time.');
  }
  if (followups.dataQuality.issues > 0) {
    notes.push(
      `${count(followups.dataQuality.issues)} data-quality ${plural(followups.dataQuality.issues, 'issue')} (see stderr, or --format json).`,
    );
  }
  if (notes.length > 0) parts.push('', ...notes.map((note) => style.dim(note)));
  return `${parts.join('\n')}\n`;
}

function periodWords(followups: FollowupsV1): string {
  if (followups.since !== null) return `since ${followups.since}`;
  return followups.month ?? followups.period.from.slice(0, 7);
}

/** `CSAT below 4 of 5 and NPS detractors (0–6)` (the threshold scales on other CSAT scales). */
function ruleWords(below: number): string {
  return `CSAT below ${below} of 5 and NPS detractors (0–6)`;
}

/** `CSAT 2/5`, `NPS 3/10`, red for the bottom of the scale. */
function rating(item: FollowupItemV1, style: ChalkInstance): string {
  const [min, max] = item.scale;
  const text = `${item.survey.toUpperCase()} ${item.score}/${max}`;
  const share = max === min ? 0 : (item.score - min) / (max - min);
  return share <= 0.25 ? style.red(text) : style.yellow(text);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
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
