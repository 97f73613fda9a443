import { describe, expect, it } from 'vitest';
import { createTerminal, resolveColorLevel, showsSpinner } from './terminal.js';

describe('resolveColorLevel', () => {
  it.each([
    ['a TTY', undefined, {}, true, 1],
    ['not a TTY', undefined, {}, false, 0],
    ['--no-color on a TTY', false, {}, true, 0],
    ['--no-color beats FORCE_COLOR', false, { FORCE_COLOR: '3' }, true, 0],
    ['NO_COLOR on a TTY', undefined, { NO_COLOR: '1' }, true, 0],
    ['an empty NO_COLOR is ignored', undefined, { NO_COLOR: '' }, true, 1],
    ['NO_COLOR beats FORCE_COLOR', undefined, { NO_COLOR: '1', FORCE_COLOR: '1' }, true, 0],
    ['FORCE_COLOR=0 on a TTY', undefined, { FORCE_COLOR: '0' }, true, 0],
    ['FORCE_COLOR=2 into a pipe', undefined, { FORCE_COLOR: '2' }, false, 2],
    ['FORCE_COLOR empty into a pipe', undefined, { FORCE_COLOR: '' }, false, 1],
    ['TERM=dumb', undefined, { TERM: 'dumb' }, true, 0],
    ['truecolor', undefined, { COLORTERM: 'truecolor' }, true, 3],
  ])('%s', (_name, flag, env, isTTY, level) => {
    expect(resolveColorLevel(flag, env, isTTY)).toBe(level);
  });
});

describe('showsSpinner', () => {
  it.each([
    ['a terminal 80 wide', { isTTY: true, columns: 80 }, {}, true],
    ['a pipe', { isTTY: false, columns: 80 }, {}, false],
    ['CI', { isTTY: true, columns: 80 }, { CI: 'true' }, false],
    ['a terminal of width 0 (script without a size)', { isTTY: true, columns: 0 }, {}, false],
    ['a terminal of unknown width', { isTTY: true }, {}, false],
  ])('%s', (_name, stderr, env, expected) => {
    expect(showsSpinner(stderr, env)).toBe(expected);
  });

  it('writes nothing on a terminal of width 0 while reading', async () => {
    const writes: string[] = [];
    const stderr = { isTTY: true, columns: 0, write: (text: string) => writes.push(text) };
    const proc = { stderr, stdout: { isTTY: false }, env: {} } as unknown as NodeJS.Process;
    const progress = createTerminal(proc).progress('Reading exports');
    await new Promise((resolve) => setTimeout(resolve, 50)); // time for a spinner to start
    progress.update(1000);
    progress.stop();
    expect(writes).toEqual([]);
  });
});
