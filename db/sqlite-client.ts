import type { Knex } from "knex";
import Client_SQLite3 from "knex/lib/dialects/sqlite3/index.js";
import { WalCheckpointer } from "./wal-checkpointer";

/**
 * knex's SQLite client with statements prepared once per connection where a hot path repeats the same text
 * (decision 0052). node-sqlite3 runs `connection.all(sql, …)` as three trips to its thread pool (prepare, run,
 * finalize), two of them before the answer; a statement prepared once makes one. On a busy machine every trip waits
 * for a core, and a submission batch made seven. Prepared here: the transaction's BEGIN, COMMIT and ROLLBACK (the
 * same three texts for every transaction), and what `preparedAll` is given (the submission batch's multi-row
 * inserts). Everything else runs as before. SQLite refuses to close a connection with statements still open, so they
 * are finalized before the pool closes one.
 */

interface SqliteStatement {
  all(params: unknown[], callback: (this: unknown, err: Error | null, rows: unknown[]) => void): void;
  finalize(callback: (err: Error | null) => void): void;
}
interface SqliteConnection {
  prepare(sql: string, callback: (err: Error | null) => void): SqliteStatement;
  exec(sql: string, callback: (err: Error | null) => void): void;
}

const prepared = new WeakMap<object, Map<string, Promise<SqliteStatement>>>();

function statementFor(connection: SqliteConnection, sql: string): Promise<SqliteStatement> {
  let statements = prepared.get(connection);
  if (!statements) prepared.set(connection, (statements = new Map()));
  const cache = statements;
  let statement = cache.get(sql);
  if (!statement) {
    statement = new Promise<SqliteStatement>((resolve, reject) => {
      const s = connection.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
    });
    // A text that does not prepare is not kept: its error reaches this caller, and the next one tries again.
    statement.catch(() => cache.delete(sql));
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * Runs `sql` with `params` on a raw SQLite connection as a statement prepared once for that connection; returns the
 * rows (none for a statement without RETURNING). `sql` must be a fixed text, never built from input or values: each
 * distinct text stays prepared as long as the connection lives.
 */
export async function preparedAll<R>(connection: unknown, sql: string, params: readonly unknown[]): Promise<R[]> {
  const statement = await statementFor(connection as SqliteConnection, sql);
  return new Promise<R[]>((resolve, reject) =>
    statement.all([...params], (err, rows) => (err ? reject(err) : resolve(rows as R[]))),
  );
}

/**
 * Runs a fixed script of several statements (no parameters, no results) on a raw SQLite connection in ONE trip to
 * node-sqlite3's pool (`sqlite3_exec`). `sql` must be a fixed text: the data it works on comes from tables.
 */
export function execScript(connection: unknown, sql: string): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    (connection as SqliteConnection).exec(sql, (err) => (err ? reject(err) : resolve())),
  );
}

/** Finalizes the statements prepared on `connection`, so that it can close. */
async function finalizeStatements(connection: object): Promise<void> {
  const statements = prepared.get(connection);
  if (!statements) return;
  prepared.delete(connection);
  await Promise.all(
    [...statements.values()].map((p) =>
      p.then(
        (s) => new Promise<void>((resolve) => s.finalize(() => resolve())),
        () => undefined,
      ),
    ),
  );
}

const checkpointers = new WeakMap<object, WalCheckpointer>();

/**
 * The checkpointer that copies this connection's WAL on a connection of its own (decision 0056), made on first use;
 * closed with the connection. `filename` is the database file the connection has open.
 */
export function walCheckpointer(connection: unknown, filename: string): WalCheckpointer {
  let checkpointer = checkpointers.get(connection as object);
  if (!checkpointer) checkpointers.set(connection as object, (checkpointer = new WalCheckpointer(filename)));
  return checkpointer;
}

/** The texts knex's transactions send (knex/lib/execution/transaction.js): the same for every transaction. */
const TRANSACTION_CONTROL = new Set(["BEGIN;", "COMMIT;", "ROLLBACK"]);

interface QueryObject {
  sql: string;
  response?: unknown;
}

export class PreparedSqliteClient extends Client_SQLite3 {
  /** Where a page or a bench prints `config.client`, the name, as for the stock client. */
  static override toString(): string {
    return "sqlite3";
  }

  override _query(connection: unknown, obj: QueryObject): Promise<QueryObject> {
    if (!TRANSACTION_CONTROL.has(obj.sql)) return super._query(connection, obj);
    return preparedAll(connection, obj.sql, []).then((rows) => {
      obj.response = rows;
      return obj;
    });
  }

  override async destroyRawConnection(connection: object): Promise<void> {
    await checkpointers.get(connection)?.close();
    checkpointers.delete(connection);
    await finalizeStatements(connection);
    return super.destroyRawConnection(connection);
  }
}

/** The raw connection a transaction holds, for `preparedAll`. */
export async function transactionConnection(trx: Knex.Transaction): Promise<unknown> {
  return trx.client.acquireConnection();
}
