import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sqlite3 from "sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WalCheckpointer } from "../../db/wal-checkpointer";

/**
 * The submission write path's checkpoints on a connection of their own (decision 0056), on a SQLite file of the test's
 * own: a writer whose automatic checkpoint is off, so that only the checkpointer copies its WAL into the file.
 */

let dir: string;
let file: string;
let writer: sqlite3.Database;

const run = (database: sqlite3.Database, sql: string) =>
  new Promise<void>((resolve, reject) => database.exec(sql, (err) => (err ? reject(err) : resolve())));
const get = <T>(database: sqlite3.Database, sql: string) =>
  new Promise<T>((resolve, reject) =>
    database.get(sql, (err: Error | null, row: T) => (err ? reject(err) : resolve(row))),
  );
const close = (database: sqlite3.Database) =>
  new Promise<void>((resolve, reject) => database.close((err) => (err ? reject(err) : resolve())));

/** The WAL header's first salt: SQLite adds one to it each time a writer starts the WAL again from its beginning. */
const walSalt = () => fs.readFileSync(`${file}-wal`).readUInt32BE(16);

/** One transaction of `rows` rows of 3 000 bytes each: about one frame per row. */
const writeBatch = (rows: number) =>
  run(
    writer,
    `begin; with recursive n(i) as (select 1 union all select i + 1 from n where i < ${rows})
     insert into t (b) select randomblob(3000) from n; commit;`,
  );

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wal-checkpointer-"));
  file = path.join(dir, "t.sqlite");
  writer = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  await run(
    writer,
    "pragma journal_mode = wal; pragma synchronous = normal; pragma wal_autocheckpoint = 0; " +
      "create table t (id integer primary key, b blob not null);",
  );
});

afterEach(async () => {
  await close(writer).catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the WAL checkpointer", () => {
  it("copies the WAL into the file on its own connection, and a write after a long WAL waits for a pass that covers it", async () => {
    const checkpointer = new WalCheckpointer(file, { passEveryMs: 0, catchUpFrames: 40 });
    const salt = walSalt();
    await writeBatch(50);
    checkpointer.afterCommit();
    await checkpointer.idle();
    // The pass copied all 50 rows' frames: the next write starts the WAL again from its beginning.
    await writeBatch(10);
    expect(walSalt()).toBe(salt + 1);
    // The last pass saw over 40 frames, so before the next write the checkpointer copies what is new (the 10 rows)
    // although nobody asked after that commit: the write after it starts the WAL afresh once more.
    await checkpointer.beforeWrite();
    await writeBatch(5);
    expect(walSalt()).toBe(salt + 2);
    // Then the count is forgotten: no wait before the next write, and no pass copies what no commit asked for.
    await checkpointer.beforeWrite();
    await writeBatch(5);
    expect(walSalt()).toBe(salt + 2);
    expect((await get<{ n: number }>(writer, "select count(*) as n from t")).n).toBe(70);
    await checkpointer.close();
  });

  it("stores every batch whole while passes run beside the writes, and the WAL starts again", async () => {
    const checkpointer = new WalCheckpointer(file, { passEveryMs: 0, catchUpFrames: 60 });
    const salt = walSalt();
    for (let i = 0; i < 40; i++) {
      await checkpointer.beforeWrite();
      await writeBatch(20);
      checkpointer.afterCommit();
    }
    // A pass that ends between two writes lets the next one restart the WAL, and one that saw 60 frames makes the
    // next write wait until it can. A pass sees the WAL as it was when it began (one may have lasted the whole loop),
    // so one more after the writes: it sees under 60 frames only if the WAL restarted, else the write waits for it.
    await checkpointer.idle();
    checkpointer.afterCommit();
    await checkpointer.idle();
    await checkpointer.beforeWrite();
    await writeBatch(1);
    await checkpointer.close();
    expect(walSalt()).toBeGreaterThan(salt);
    expect((await get<{ n: number }>(writer, "select count(*) as n from t")).n).toBe(801);
    await close(writer);
    const reopened = await new Promise<sqlite3.Database>((resolve, reject) => {
      const d = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
    });
    expect(await get<{ integrity_check: string }>(reopened, "pragma integrity_check")).toEqual({
      integrity_check: "ok",
    });
    expect((await get<{ n: number }>(reopened, "select count(*) as n from t")).n).toBe(801);
    await close(reopened);
  });

  it("never fails a write when it cannot checkpoint, and does nothing once closed", async () => {
    const lost = new WalCheckpointer(path.join(dir, "no-such-file.sqlite"), { passEveryMs: 0, catchUpFrames: 1 });
    lost.afterCommit();
    await expect(lost.beforeWrite()).resolves.toBeUndefined();
    await lost.close();
    expect(fs.existsSync(path.join(dir, "no-such-file.sqlite"))).toBe(false);

    const checkpointer = new WalCheckpointer(file, { passEveryMs: 0, catchUpFrames: 1 });
    await checkpointer.close();
    const fileBytes = fs.statSync(file).size;
    await writeBatch(10);
    checkpointer.afterCommit();
    await checkpointer.beforeWrite();
    // Nothing copied the 10 rows' pages into the file: they are still only in the WAL.
    expect(fs.statSync(file).size).toBe(fileBytes);
    expect((await get<{ n: number }>(writer, "select count(*) as n from t")).n).toBe(10);
  });
});
