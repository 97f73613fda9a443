import { join } from 'node:path';
import type { CommandName, HostileCase } from './make-corpus.js';

/** The output file a command writes with --out, if any. */
export const OUT_FILES: Partial<Record<CommandName, string>> = {
  'report-csv': 'report.csv',
  'report-xlsx': 'report.xlsx',
  sample: 'sample.csv',
  'sample-xlsx': 'sample.xlsx',
  followups: 'followups.xlsx',
};

/** The arguments after `cs-kpi` for one run of a case; `outDir` receives --out files. */
export function commandArgs(hostile: HostileCase, command: CommandName, outDir: string): string[] {
  const common = [...hostile.inputs, ...(hostile.options ?? [])];
  const month = hostile.month === null ? [] : ['--month', hostile.month ?? '2026-10'];
  const out = OUT_FILES[command] === undefined ? [] : ['--out', join(outDir, OUT_FILES[command])];
  switch (command) {
    case 'inspect':
      return ['inspect', ...common];
    case 'report-table':
      return ['report', ...common, ...month, '--by', 'agent'];
    case 'report-json':
      return ['report', ...common, ...month, '--json'];
    case 'report-csv':
      return ['report', ...common, ...month, '--format', 'csv', ...out];
    case 'report-xlsx':
      return ['report', ...common, ...month, '--format', 'xlsx', ...out];
    case 'sample':
      return ['sample', ...common, ...month, '--format', 'csv', ...out];
    case 'sample-xlsx':
      return ['sample', ...common, ...month, '--format', 'xlsx', ...out];
    case 'followups':
      return ['followups', ...common, ...month, '--format', 'xlsx', ...out];
    case 'followups-csv':
      return ['followups', ...common, ...month, '--format', 'csv'];
  }
}
