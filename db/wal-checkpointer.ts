import sqlite3 from "sqlite3";

/**
 * WAL checkpoints for the submission write path, run on a connection of their own (decision 0056).
 *
 * SQLite's automatic checkpoint runs inside the commit that finds the WAL over 1 000 pages: that batch copies the
 * WAL's pages into the database file and waits for two fsyncs before it can answer, and every submission queued
 * behind it waits too. Here the copying happens on a second connection, in another of node-sqlite3's pool threads,
 * while the next batch is written: a PASSIVE checkpoint never takes the write lock, so neither side waits for the
 * other.
 *
 * SQLite starts the WAL again from its beginning only when a write begins with every page of it already copied.
 * Under a steady stream of batches a pass rarely ends between two of them, so when the WAL has grown past
 * `catchUpFrames` the next batch first waits for one pass that covers every commit so far (what came since the last
 * pass, already mostly copied), and then starts the WAL afresh.
 */

export interface CheckpointTiming {
  /**
   * At most one pass starts per this many milliseconds: a page written by many batches in between (a table's last
   * page, the end of an index's run) is copied once. 250 ms beat 50 ms and 500 ms in the bench (decision 0056).
   */
  passEveryMs: number;
  /** Frames in the WAL (4 KiB each) at which the next write waits for a pass that covers it, so that the WAL restarts. */
  catchUpFrames: number;
}

const TIMING: CheckpointTiming = { passEveryMs: 250, catchUpFrames: 4000 };
/**
 * What the write path leaves to SQLite's own automatic checkpoint on its connection: a net for when this one cannot
 * keep up, and for writes that are not submissions (staff pages, imports) on a connection that has sent some. Well
 * above the WAL's peak under a stream of submissions (~9 500 frames at a catch-up of 5 000, load 5).
 */
export const BACKSTOP_AUTOCHECKPOINT = 20_000;

export class WalCheckpointer {
  private database: sqlite3.Database | null = null;
  private running: Promise<void> | null = null;
  private lastStarted = -Infinity;
  /** The WAL's length in frames as the last pass found it when it began (0 after a catch-up). */
  private walFrames = 0;
  private closed = false;

  /** A database in memory has no WAL and cannot be opened twice. */
  private readonly inMemory: boolean;

  constructor(
    private readonly filename: string,
    private readonly timing: CheckpointTiming = TIMING,
  ) {
    this.inMemory = filename === "" || filename === ":memory:" || filename.startsWith("file::memory:");
  }

  /** After a commit: starts a pass unless one is running or one started less than `passEveryMs` ago. */
  afterCommit(): void {
    if (this.inMemory || this.closed || this.running || performance.now() - this.lastStarted < this.timing.passEveryMs)
      return;
    this.start();
  }

  /**
   * Before a write: once the WAL is long, waits for a pass that covers every commit before this moment, so that the
   * write that follows finds the whole WAL copied and starts it again from its beginning.
   */
  async beforeWrite(): Promise<void> {
    if (this.inMemory || this.closed || this.walFrames < this.timing.catchUpFrames) return;
    if (this.running) await this.running;
    await this.start();
    this.walFrames = 0;
  }

  /** Resolves when no pass is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Waits for a running pass and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    const database = this.database;
    this.database = null;
    if (database) await new Promise<void>((resolve) => database.close(() => resolve()));
  }

  private start(): Promise<void> {
    this.lastStarted = performance.now();
    const pass = this.pass().finally(() => {
      if (this.running === pass) this.running = null;
    });
    this.running = pass;
    return pass;
  }

  /**
   * One PASSIVE checkpoint: copies what it can without waiting for any lock. A pass that fails (the file went away
   * under a test, say) is not the submission's failure: SQLite's own checkpoint (`BACKSTOP_AUTOCHECKPOINT`) is the net.
   */
  private async pass(): Promise<void> {
    try {
      this.database ??= await open(this.filename);
      const database = this.database;
      const row = await new Promise<{ log: number } | undefined>((resolve, reject) =>
        database.get("pragma wal_checkpoint(PASSIVE)", (err: Error | null, r: { log: number } | undefined) =>
          err ? reject(err) : resolve(r),
        ),
      );
      if (row && row.log >= 0) this.walFrames = row.log;
    } catch {
      // Left to the backstop; the next pass tries again.
    }
  }
}

function open(filename: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const database = new sqlite3.Database(filename, sqlite3.OPEN_READWRITE, (err) =>
      err ? reject(err) : resolve(database),
    );
  });
}
