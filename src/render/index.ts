import type { ChalkInstance } from 'chalk';
import type { InspectV1 } from '../contracts/inspect-v1.js';
import { renderInspectTable } from './inspect-table.js';

/**
 * Renderers by result and format (STYLE §4.4 rule 9): all with one signature, none touches the
 * file system; `cli/write-output.ts` decides where the text goes.
 */
export type Renderer<T> = (result: T, style: ChalkInstance) => string;

const json = <T>(result: T): string => `${JSON.stringify(result, null, 2)}\n`;

export const renderers = {
  inspect: {
    table: renderInspectTable,
    json: json<InspectV1>,
  },
} satisfies Record<string, Record<string, Renderer<never>>>;
