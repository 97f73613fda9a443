import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, UserError } from '../errors.js';
import type { Terminal } from './terminal.js';
import { assertWritable, writeOutput } from './write-output.js';

function fakeTerminal(): Terminal & { written: string } {
  const terminal = {
    written: '',
    stdout: { write: (text: string) => ((terminal.written += text), true) } as unknown as NodeJS.WritableStream,
  };
  return terminal as unknown as Terminal & { written: string };
}

const folder = () => mkdtempSync(join(tmpdir(), 'cs-kpi-out-'));

describe('writeOutput', () => {
  it('writes to stdout without --out', async () => {
    const terminal = fakeTerminal();
    await writeOutput('hello\n', {}, terminal);
    expect(terminal.written).toBe('hello\n');
  });

  it('writes a new file and leaves no temporary file behind', async () => {
    const dir = folder();
    await writeOutput('a,b\n', { out: join(dir, 'r.csv') }, fakeTerminal());
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toBe('a,b\n');
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });

  it('refuses to replace an existing file without --force, which keeps it intact', async () => {
    const dir = folder();
    const file = join(dir, 'form.xlsx');
    writeFileSync(file, 'the QA team’s work');
    await expect(assertWritable({ out: file })).rejects.toThrow(UserError);
    await expect(writeOutput('new', { out: file }, fakeTerminal())).rejects.toThrow(
      `${file} already exists; give --force to replace it, or choose another --out file.`,
    );
    expect(readFileSync(file, 'utf8')).toBe('the QA team’s work');
    expect(readdirSync(dir)).toEqual(['form.xlsx']);
  });

  it('replaces an existing file with --force', async () => {
    const dir = folder();
    const file = join(dir, 'r.json');
    writeFileSync(file, 'old');
    await assertWritable({ out: file, force: true });
    await writeOutput('new', { out: file, force: true }, fakeTerminal());
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('removes the temporary file when rendering fails, and writes nothing', async () => {
    const dir = folder();
    const failing = async () => {
      throw new Error('renderer failed');
    };
    await expect(writeOutput(failing, { out: join(dir, 'r.xlsx') }, fakeTerminal())).rejects.toThrow('renderer failed');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('streams a byte renderer into the file', async () => {
    const dir = folder();
    await writeOutput(
      async (out) => {
        out.write('part 1, ');
        out.write('part 2');
      },
      { out: join(dir, 'r.bin') },
      fakeTerminal(),
    );
    expect(readFileSync(join(dir, 'r.bin'), 'utf8')).toBe('part 1, part 2');
  });

  it('a folder that does not exist is a UserError', async () => {
    await expect(writeOutput('x', { out: '/nonexistent-dir/r.csv' }, fakeTerminal())).rejects.toThrow(
      'cannot write /nonexistent-dir/r.csv: no such file.',
    );
  });
});

describe('assertWritable', () => {
  it('refuses --out naming an input, even with --force: same path, another spelling, or a link to it', async () => {
    const dir = folder();
    const input = join(dir, 'calls.csv');
    writeFileSync(input, 'the export');
    symlinkSync(input, join(dir, 'link.csv'));
    mkdirSync(join(dir, 'sub'));
    for (const out of [input, join(dir, 'sub', '..', 'calls.csv'), join(dir, 'link.csv')]) {
      await expect(assertWritable({ out, force: true }, ['/elsewhere/x.csv', input])).rejects.toThrow(UsageError);
      await expect(assertWritable({ out, force: false }, [input])).rejects.toThrow(
        `--out ${out} is one of the inputs; choose another file.`,
      );
    }
    expect(readFileSync(input, 'utf8')).toBe('the export');
  });

  it('allows an --out that is no input: a new file, or another existing one with --force', async () => {
    const dir = folder();
    const input = join(dir, 'calls.csv');
    const other = join(dir, 'report.csv');
    writeFileSync(input, 'the export');
    writeFileSync(other, 'last month');
    await expect(assertWritable({ out: join(dir, 'new.csv') }, [input])).resolves.toBeUndefined();
    await expect(
      assertWritable({ out: other, force: true }, [input, join(dir, 'missing.csv')]),
    ).resolves.toBeUndefined();
  });
});
