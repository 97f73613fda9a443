import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { MAX_CALL_LIST_BYTES, readCallList } from './read-call-list.js';

const temp = mkdtempSync(join(tmpdir(), 'cs-kpi-call-list-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(temp, name);
  writeFileSync(path, text);
  return path;
}

describe('readCallList', () => {
  it('gives the answer ids whose called_back is filled (any value but blank or a missing marker)', async () => {
    const path = file(
      'list.csv',
      [
        'answer_id,score,called_back,outcome',
        'R1,1,yes,resolved',
        'R2,2,no answer,',
        'R3,1,,',
        'R4,3,-,',
        'R5,3,n/a,',
        ' R6 ,3,wrong number,',
        `'=7,1,yes,`,
        ',1,yes,',
      ].join('\n'),
    );
    expect([...(await readCallList(path))].sort()).toEqual(['=7', 'R1', 'R2', 'R6']);
  });

  it('matches the headers case-insensitively, with spaces for underscores', async () => {
    const path = file('spaced.csv', 'Called Back;Answer ID\nyes;R9\n');
    expect([...(await readCallList(path))]).toEqual(['R9']);
  });

  it('refuses a file without answer_id or called_back, naming it', async () => {
    const noId = file('no-id.csv', 'contact_id,called_back\nT1,yes\n');
    await expect(readCallList(noId)).rejects.toThrow(UserError);
    await expect(readCallList(noId)).rejects.toThrow(`${noId}: no answer_id column`);
    const noCalled = file('no-called.csv', 'answer_id,outcome\nR1,resolved\n');
    await expect(readCallList(noCalled)).rejects.toThrow(`${noCalled}: no called_back column`);
  });

  it('refuses a FIFO without opening it, and a list larger than 64 MiB', async () => {
    const fifo = join(temp, 'list.fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readCallList(fifo)).rejects.toThrow(`${fifo} is not a regular file (a pipe or a device)`);
    const huge = file('huge.csv', 'answer_id,called_back\n');
    truncateSync(huge, MAX_CALL_LIST_BYTES + 1); // sparse: no 64 MiB written
    await expect(readCallList(huge)).rejects.toThrow(`${huge} is larger than 64 MiB; check that it is the right file.`);
  });
});
