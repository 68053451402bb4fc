import { Worker } from "node:worker_threads";
import type { ByteSink } from "./record-pair";
import type { DeflatedData } from "./zip-writer";

/**
 * The research export's data files, compressed while they are produced (decision 0033). The coding thread
 * encodes records into 256 KiB chunks and hands each chunk over (moved, not copied) to one worker thread,
 * which takes its SHA-256 and CRC-32 (`zlib.crc32`) and feeds it to a raw deflate stream that writes a scratch file. So
 * reading and coding (this thread and SQLite's) overlap with hashing and compressing (the worker and zlib's
 * threads), and the ZIP is later assembled by copying the compressed bytes (`zip-writer.ts`).
 *
 * Memory is bounded: at most `IN_FLIGHT` chunks per file are on their way (`flush()` waits when more are),
 * and the worker hands each chunk's memory back once deflate has taken it in, so the same blocks are reused.
 * The worker is plain JavaScript given as text, so it runs the same under the built server, tsx and vitest.
 */

const CHUNK_BYTES = 1 << 18;
const IN_FLIGHT = 4;

const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const zlib = require("node:zlib");
const files = new Map();
const fail = (id, error) => parentPort.postMessage({ type: "error", id, message: String(error && error.message || error) });
parentPort.on("message", (m) => {
  if (m.type === "open") {
    const out = fs.createWriteStream(m.path);
    const deflate = zlib.createDeflateRaw({ level: m.level });
    const file = { hash: createHash("sha256"), crc: 0, size: 0, deflate, out, failed: false };
    const onError = (error) => { if (!file.failed) { file.failed = true; fail(m.id, error); } };
    out.on("error", onError);
    deflate.on("error", onError);
    deflate.pipe(out);
    files.set(m.id, file);
  } else if (m.type === "data") {
    const file = files.get(m.id);
    const chunk = Buffer.from(m.chunk, 0, m.length);
    file.hash.update(chunk);
    file.crc = zlib.crc32(chunk, file.crc);
    file.size += chunk.length;
    // Once deflate has taken the chunk in, its memory goes back to be filled again.
    file.deflate.write(chunk, () => parentPort.postMessage({ type: "ack", id: m.id, chunk: m.chunk }, [m.chunk]));
  } else if (m.type === "end") {
    const file = files.get(m.id);
    file.out.on("finish", () => {
      try {
        const compressedSize = fs.statSync(file.out.path).size;
        parentPort.postMessage({ type: "done", id: m.id, crc32: file.crc, size: file.size, compressedSize,
          sha256: file.hash.digest("hex") });
      } catch (error) { fail(m.id, error); }
      files.delete(m.id);
    });
    file.deflate.end();
  }
});
`;

interface Done {
  crc32: number;
  size: number;
  compressedSize: number;
  sha256: string;
}

export interface CompressedFile extends DeflatedData {
  sha256: string;
}

type Message =
  | { type: "ack"; id: number; chunk: ArrayBuffer }
  | ({ type: "done"; id: number } & Done)
  | { type: "error"; id: number; message: string };

/** One worker thread compressing any number of files; `close()` ends it. */
export class Compressor {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private readonly files = new Map<number, CompressedEntry>();
  private error: Error | null = null;
  private nextId = 1;

  constructor() {
    this.worker.on("message", (m: Message) => {
      const file = this.files.get(m.id);
      if (m.type === "error") this.fail(new Error(m.message));
      else if (file) file.receive(m);
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => {
      if (this.files.size > 0) this.fail(new Error(`the compressing thread stopped (${code})`));
    });
  }

  private fail(error: Error) {
    this.error ??= error;
    for (const file of this.files.values()) file.receive({ type: "error", id: 0, message: error.message });
  }

  /** A new compressed file at `path`, raw deflate at `level`. */
  open(path: string, level: number): CompressedEntry {
    if (this.error) throw this.error;
    const id = this.nextId++;
    const entry = new CompressedEntry(path, (message, transfer) =>
      this.worker.postMessage({ ...message, id }, transfer),
    );
    this.files.set(id, entry);
    entry.finished.then(
      () => this.files.delete(id),
      () => this.files.delete(id),
    );
    this.worker.postMessage({ type: "open", id, path, level });
    return entry;
  }

  async close() {
    this.files.clear();
    await this.worker.terminate();
  }
}

export class CompressedEntry implements ByteSink {
  /** The chunk being filled, and how much of it is; `ByteSink` writers fill it directly after `reserve`. */
  buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  used = 0;
  private inFlight = 0;
  /** Chunks the worker has given back, to be filled again: the same few blocks of memory go round. */
  private readonly spare: ArrayBuffer[] = [];
  private waiting: (() => void) | null = null;
  private error: Error | null = null;
  private resolveDone!: (done: CompressedFile) => void;
  private rejectDone!: (error: Error) => void;
  readonly finished: Promise<CompressedFile>;

  constructor(
    readonly path: string,
    private readonly post: (message: object, transfer?: ArrayBuffer[]) => void,
  ) {
    this.finished = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // A failure is reported by flush() or end(); this keeps it from counting as unhandled meanwhile.
    this.finished.catch(() => undefined);
  }

  /** Called by the Compressor with the worker's messages for this file. */
  receive(m: Message) {
    if (m.type === "ack") {
      this.inFlight--;
      if (m.chunk.byteLength === CHUNK_BYTES && this.spare.length < IN_FLIGHT) this.spare.push(m.chunk);
    } else if (m.type === "done") {
      this.resolveDone({
        path: this.path,
        crc32: m.crc32,
        size: m.size,
        compressedSize: m.compressedSize,
        sha256: m.sha256,
      });
    } else {
      this.error ??= new Error(m.message);
      this.rejectDone(this.error);
    }
    const wake = this.waiting;
    this.waiting = null;
    wake?.();
  }

  /** Text (records with their line ends), encoded straight into the chunk. */
  add(text: string) {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    this.reserve(text.length * 3);
    this.used += this.buffer.write(text, this.used);
  }

  /** Bytes as they are. */
  addBytes(bytes: Uint8Array) {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Room for at least `bytes` more: when the chunk is too full, it is handed over and a new one begun. */
  reserve(bytes: number) {
    if (this.used + bytes > this.buffer.length) this.send(Math.max(CHUNK_BYTES, bytes));
  }

  /** Hands the chunk to the worker and starts a new one of at least `nextSize` bytes. */
  private send(nextSize = CHUNK_BYTES) {
    if (this.error) throw this.error;
    if (this.used > 0) {
      const chunk = this.buffer.buffer as ArrayBuffer;
      this.post({ type: "data", chunk, length: this.used }, [chunk]);
      this.inFlight++;
      const spare = nextSize <= CHUNK_BYTES ? this.spare.pop() : undefined;
      this.buffer = spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(nextSize);
      this.used = 0;
    } else if (this.buffer.length < nextSize) {
      this.buffer = Buffer.allocUnsafeSlow(nextSize);
    }
  }

  /** Waits while too many chunks are on their way (call between batches of rows). */
  async flush() {
    while (this.inFlight > IN_FLIGHT && !this.error) await new Promise<void>((resolve) => (this.waiting = resolve));
    if (this.error) throw this.error;
  }

  /** Sends the rest, closes the deflate stream and gives the file's checksums and sizes. */
  async end(): Promise<CompressedFile> {
    this.send();
    this.post({ type: "end" });
    return this.finished;
  }
}
