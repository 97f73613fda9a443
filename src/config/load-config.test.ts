import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { loadConfig, parseConfig } from './load-config.js';

describe('parseConfig', () => {
  it('accepts an empty object and the full SPEC §11 example', () => {
    expect(parseConfig('{}', 'c.json')).toEqual({});
    const full = {
      timezone: 'Europe/Moscow',
      dateFormat: 'DMY',
      businessHours: { mon: ['09:00', '18:00'], sat: null, sun: null },
      holidays: ['2026-11-04'],
      workdays: ['2026-11-01'],
      minSample: 30,
      serviceLevelSeconds: 20,
      sla: { firstResponseMinutes: { email: 60, chat: 2 }, callbackMinutes: 30 },
      targets: { nps: { min: 50 }, churn: { max: 3 } },
      agents: { Ivanova: ['Иванова И.', '101'] },
      columns: { calls: { started_at: 'Начало разговора', agent: 'Внутренний номер' } },
      indices: { csi: { method: 'ratio', scale: [1, 10], top: [8, 10], bottom: [1, 3] } },
      scorecard: { loyalty: 'nps' },
      qa: { criteria: [{ id: 'rudeness', label: 'No rudeness', weight: 1, critical: true }] },
    };
    expect(parseConfig(JSON.stringify(full), 'c.json')).toEqual(full);
  });

  it.each([
    [
      '{"timezon": "UTC"}',
      'c.json: unknown key "timezon"; remove it or check the spelling against schemas/config.json.',
    ],
    ['{"targets": {"csatt": {"min": 1}}}', 'c.json: unknown key "targets.csatt"'],
    ['{"columns": {"calls": {"startd_at": "x"}}}', 'c.json: unknown key "columns.calls.startd_at"'],
    ['{"targets": {"csat": {"min": "90"}}}', 'c.json: targets.csat.min: expected number, received string.'],
    ['{"timezone": "Mars/Olympus"}', 'c.json: timezone: expected an IANA time zone such as "Europe/Moscow".'],
    ['{"dateFormat": "YMD"}', 'c.json: dateFormat:'],
    ['{"holidays": ["04.11.2026"]}', 'c.json: holidays.0: expected a date YYYY-MM-DD.'],
    ['{"timezone": "UTC",}', 'c.json is not valid JSON'],
  ])('%s is refused naming the key', (text, message) => {
    expect(() => parseConfig(text, 'c.json')).toThrow(UserError);
    expect(() => parseConfig(text, 'c.json')).toThrow(message);
  });
});

describe('loadConfig', () => {
  it('returns {} when no file is given and none is in the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-config-'));
    expect(await loadConfig(undefined, dir)).toEqual({});
  });

  it('reads ./cs-kpi.config.json by default, with a BOM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-config-'));
    writeFileSync(join(dir, 'cs-kpi.config.json'), '\uFEFF{"timezone":"UTC"}');
    expect(await loadConfig(undefined, dir)).toEqual({ timezone: 'UTC' });
  });

  it('a missing --config file is a UserError naming it', async () => {
    await expect(loadConfig('/nonexistent/x.json')).rejects.toThrow(
      'cannot read the config file /nonexistent/x.json: no such file.',
    );
  });
});
