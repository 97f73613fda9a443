import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { loadConfig, MAX_CONFIG_BYTES, parseConfig } from './load-config.js';

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

  it('refuses a FIFO without opening it (an open would wait for a writer forever), and a device', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-config-'));
    const fifo = join(dir, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(loadConfig(fifo)).rejects.toThrow(
      `the config file ${fifo} is not a regular file (a pipe or a device); save it to a file first.`,
    );
    await expect(loadConfig('/dev/zero')).rejects.toThrow('/dev/zero is not a regular file');
  });

  it('refuses a file over 1 MiB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-kpi-config-'));
    const path = join(dir, 'big.json');
    writeFileSync(path, `{${' '.repeat(MAX_CONFIG_BYTES)}}`);
    await expect(loadConfig(path)).rejects.toThrow(
      `the config file ${path} is larger than 1 MiB; check that it is the right file.`,
    );
  });
});

describe('prototype keys', () => {
  it.each([
    ['{"agents": {"Anna": [], "__proto__": ["Boris"]}}', 'agents.__proto__'],
    ['{"sla": {"firstResponseMinutes": {"__proto__": 5}}}', 'sla.firstResponseMinutes.__proto__'],
    ['{"indices": {"__proto__": {"method": "nps", "scale": [0, 10]}}}', 'indices.__proto__'],
    ['{"__proto__": {}}', '__proto__'],
  ])('%s is refused naming %s', (text, path) => {
    expect(() => parseConfig(text, 'c.json')).toThrow(
      `c.json: ${path}: "__proto__" cannot be a key (JavaScript gives it a special meaning); rename or remove it.`,
    );
  });

  it('constructor, prototype and toString are keys like any other; absent ones find nothing', () => {
    const config = parseConfig(
      JSON.stringify({
        agents: { constructor: ['K'] },
        sla: { firstResponseMinutes: { prototype: 5 } },
        indices: { toString: { method: 'mean', scale: [1, 5] } },
      }),
      'c.json',
    );
    expect(Object.entries(config.agents!)).toEqual([['constructor', ['K']]]);
    expect(config.sla!.firstResponseMinutes!['prototype']).toBe(5);
    expect(config.indices!['toString']).toEqual({ method: 'mean', scale: [1, 5] });
    expect(config.indices!['constructor']).toBeUndefined();
    expect(config.agents!['toString']).toBeUndefined();
  });
});
