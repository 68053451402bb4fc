import fs from "node:fs";
import path from "node:path";
import type { Knex } from "knex";
import { databaseTarget, type DatabaseTarget } from "../app/env.server";
import { migrationSource } from "./migrations/index";
import { PreparedSqliteClient } from "./sqlite-client";

/** Knex settings for the configured database; used by the app, the tests and the CLI alike. */
export function knexConfig(target: DatabaseTarget = databaseTarget()): Knex.Config {
  const migrations: Knex.MigratorConfig = { migrationSource, tableName: "knex_migrations" };
  if (target.client === "pg") {
    return {
      client: "pg",
      connection: target.connectionString,
      pool: { min: 0, max: 10 },
      migrations,
    };
  }
  fs.mkdirSync(path.dirname(target.filename), { recursive: true });
  return {
    // knex's sqlite3 client, with the transactions' BEGIN and COMMIT prepared once per connection (decision 0052).
    client: PreparedSqliteClient,
    connection: { filename: target.filename },
    useNullAsDefault: true,
    // One connection: SQLite has one writer, and a single connection never meets SQLITE_BUSY on lock upgrade.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
        conn.serialize(() => {
          conn.run("PRAGMA journal_mode = WAL");
          conn.run("PRAGMA busy_timeout = 5000");
          conn.run("PRAGMA foreign_keys = ON");
          // A multi-row INSERT … SELECT keeps a statement journal; in memory it costs no temporary file per batch.
          conn.run("PRAGMA temp_store = MEMORY");
          conn.run("PRAGMA synchronous = NORMAL", (err) => done(err, conn));
        });
      },
    },
    migrations,
  };
}

interface SqliteConnection {
  serialize(fn: () => void): void;
  run(sql: string, cb?: (err: Error | null) => void): void;
}

export default knexConfig;
