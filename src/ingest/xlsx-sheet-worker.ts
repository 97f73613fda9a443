/**
 * The sheet worker (xlsx-sheet-thread.ts): inflates a sheet part from the workbook file the main
 * thread has open, under the same limits (zip-archive.ts), scans it (xml-scanner.ts) and replies
 * with its cell operations (xlsx-sheet-cells.ts) batch by batch, at most a few batches ahead of
 * the main thread, then with its merged ranges and the bytes it inflated.
 */
import { read } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { SheetCellsHandler } from './xlsx-sheet-cells.js';
import {
  type SheetReply,
  type SheetRequest,
  type SheetWorkerData,
  WORKER_BATCH_BYTES,
  WORKER_BATCHES_AHEAD,
} from './xlsx-sheet-thread.js';
import { utf8Chunks, XmlScanner } from './xml-scanner.js';
import { type PositionalFile, ZipArchive } from './zip-archive.js';

const port = parentPort!;
const data = workerData as SheetWorkerData;
let credit = WORKER_BATCHES_AHEAD;
let wake: (() => void) | null = null;

const handler = new SheetCellsHandler(data.formatKinds);

port.on('message', (request: SheetRequest) => {
  if (request.type === 'consumed') {
    credit++;
    handler.ops.recycle(request.ints, request.numbers);
  }
  wake?.();
  wake = null;
});

const reply = (message: SheetReply, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

/** The descriptor the main thread opened: threads share the process's descriptors. */
const file: PositionalFile = {
  read: (buffer, offset, length, position) =>
    new Promise((resolve, reject) => {
      read(data.fd, buffer, offset, length, position, (error, bytesRead) => {
        if (error === null) resolve({ bytesRead });
        else reject(error);
      });
    }),
};

async function run(): Promise<void> {
  const { entry } = data;
  const entries = new Map([[entry.name.toLowerCase(), entry]]);
  const zip = new ZipArchive(file, data.file, entries, data.size, data.budget, data.limit);
  const scanner = new XmlScanner(handler);
  let scanned = 0;
  for await (const chunk of utf8Chunks(zip.read(entry))) {
    try {
      if (chunk === null) scanner.end();
      else scanner.write(chunk);
    } catch (error) {
      // Malformed XML: the main thread names the file and the part, as for a sheet read there.
      reply({ type: 'refused', message: error instanceof Error ? error.message : String(error), isUserError: false });
      return;
    }
    scanned += chunk?.length ?? 0;
    if (chunk !== null && scanned < WORKER_BATCH_BYTES) continue;
    scanned = 0;
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    const ops = handler.ops.take();
    reply({ type: 'ops', ops }, [ops.ints.buffer as ArrayBuffer, ops.numbers.buffer as ArrayBuffer]);
  }
  reply({ type: 'end', merges: handler.merges, inflated: entry.uncompressedSize });
}

run().catch((error: unknown) => {
  if (error instanceof UserError) reply({ type: 'refused', message: error.message, isUserError: true });
  else {
    const crash = error instanceof Error ? error : new Error(String(error));
    reply({ type: 'crashed', message: crash.message, stack: crash.stack });
  }
});
