/**
 * The main thread's side of the sheet worker (xlsx-sheet-worker.ts): a big sheet part is inflated
 * and scanned there while this thread turns the cells it already has into records, and reads the
 * shared strings meanwhile (xlsx-sheet-cells.ts says why). On a smaller sheet the thread's
 * start-up and the wait for the shared strings are not worth it (`WORKER_MIN_BYTES`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CellOps } from './xlsx-sheet-cells.js';
import type { ZipEntry } from './zip-archive.js';

/** What the worker is given: the open file (its descriptor is shared between threads), the part, the limits. */
export interface SheetWorkerData {
  fd: number;
  /** The file's name in messages. */
  file: string;
  size: number;
  entry: ZipEntry;
  /** Bytes the part may inflate to within the archive's total … */
  budget: number;
  /** … and that total, which a refusal names. */
  limit: number;
  formatKinds: Uint8Array;
}

/**
 * Requests to the worker: a batch of operations was used (the worker keeps a few ahead), its
 * arrays handed back to be written into again.
 */
export type SheetRequest = { type: 'consumed'; ints: Int32Array; numbers: Float64Array };

/**
 * Replies, in order: cell operations batch by batch, then the merged ranges and the bytes
 * inflated; or a refusal (a limit, damage, malformed XML), or a crash of the worker itself.
 */
export type SheetReply =
  | { type: 'ops'; ops: CellOps }
  | { type: 'end'; merges: string[]; inflated: number }
  | { type: 'refused'; message: string; isUserError: boolean }
  | { type: 'crashed'; message: string; stack: string | undefined };

/** Inflated bytes scanned per batch of operations, and batches the worker may have waiting. */
export const WORKER_BATCH_BYTES = 256 * 1024;
export const WORKER_BATCHES_AHEAD = 8;

const WORKER_URL = new URL('./xlsx-sheet-worker.js', import.meta.url);
/**
 * A sheet part smaller than this is scanned in the main thread. Measured (`report`, 2 cores,
 * medians of 5): 20k rows (8 MB of sheet XML) 0.86 s with the worker, 0.76 s without; 60k rows
 * (25 MB) 1.23 s and 1.29 s; 200k rows (85 MB) 2.17 s and 2.65 s. The worker also costs 20–30 MB.
 */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;

let isWorkerBuilt: boolean | undefined;

/**
 * Whether a sheet part of `size` bytes is scanned in a worker. `CS_KPI_XLSX_WORKER=always` or
 * `never` overrides the size rule (for tests and measurements). The worker runs from the compiled
 * `dist/`; tests running the TypeScript sources scan in this thread.
 */
export function isWorkerWanted(size: number): boolean {
  isWorkerBuilt ??= existsSync(fileURLToPath(WORKER_URL));
  if (!isWorkerBuilt) return false;
  const setting = process.env.CS_KPI_XLSX_WORKER;
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  return size >= WORKER_MIN_BYTES;
}

export class SheetWorker {
  private readonly worker: Worker;
  private readonly inbox: SheetReply[] = [];
  private wake: ((reply: SheetReply) => void) | null = null;
  private isStopped = false;

  constructor(data: SheetWorkerData) {
    // A small young generation: the worker makes little garbage, but what it makes holds
    // inflated chunks outside its heap, freed only when it collects (measured: −20 MB of RSS).
    this.worker = new Worker(WORKER_URL, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 1 } });
    this.worker.on('message', (reply: SheetReply) => this.deliver(reply));
    this.worker.on('error', (error) => this.deliver({ type: 'crashed', message: error.message, stack: error.stack }));
    this.worker.on('exit', (code) => {
      if (!this.isStopped) {
        this.deliver({
          type: 'crashed',
          message: `the sheet reader thread stopped (exit code ${code})`,
          stack: undefined,
        });
      }
    });
    // The thread keeps the process alive only while a reply is awaited: a reader dropped without
    // being closed can never hold the process open at its end.
    this.worker.unref();
  }

  /** The next reply, in order. */
  receive(): Promise<SheetReply> {
    const reply = this.inbox.shift();
    if (reply !== undefined) return Promise.resolve(reply);
    this.worker.ref();
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** A batch of operations was used: the worker may scan one more ahead, into its arrays. */
  consumed(ops: CellOps): void {
    const request: SheetRequest = { type: 'consumed', ints: ops.ints, numbers: ops.numbers };
    this.worker.postMessage(request, [ops.ints.buffer as ArrayBuffer, ops.numbers.buffer as ArrayBuffer]);
  }

  async stop(): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    await this.worker.terminate();
  }

  private deliver(reply: SheetReply): void {
    const wake = this.wake;
    if (wake === null) this.inbox.push(reply);
    else {
      this.wake = null;
      this.worker.unref();
      wake(reply);
    }
  }
}
