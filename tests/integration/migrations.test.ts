import { beforeAll, describe, expect, it } from "vitest";
import { db, isPostgres } from "~/db.server";
import { migrationSource } from "../../db/migrations/index";
import { resetDatabase } from "../support/fixtures";

// The worker's database holds what the files before this one in the same worker left behind. Rows that refer to
// each other stop the rollback half-way (SQLite: "DROP TABLE staff_users - FOREIGN KEY constraint failed"), and the
// worker's later files then meet a half-migrated database. Start from empty tables, as every other file does.
beforeAll(resetDatabase);

describe("migrations", () => {
  it("run against the database DATABASE_URL names", () => {
    expect(isPostgres()).toBe(process.env.DATABASE_URL!.startsWith("postgres"));
  });

  it("are all applied to the worker database", async () => {
    const names = await migrationSource.getMigrations([]);
    const applied: { name: string }[] = await db("knex_migrations").select("name");
    expect(applied.map((r) => r.name).sort()).toEqual([...names].sort());
  });

  it("roll back and forward again cleanly", async () => {
    await db.migrate.rollback(undefined, true);
    await db.migrate.latest();
    const [{ n }] = await db("programs").count<{ n: number | string }[]>("* as n");
    expect(Number(n)).toBe(0);
  });

  it("sets the SQLite pragmas on the connection", async () => {
    if (isPostgres()) return;
    const [fk] = await db.raw("PRAGMA foreign_keys");
    const [journal] = await db.raw("PRAGMA journal_mode");
    const [busy] = await db.raw("PRAGMA busy_timeout");
    const [sync] = await db.raw("PRAGMA synchronous");
    expect(fk.foreign_keys).toBe(1);
    expect(journal.journal_mode).toBe("wal");
    expect(Object.values(busy)[0]).toBe(5000);
    expect(sync.synchronous).toBe(1);
  });
});
