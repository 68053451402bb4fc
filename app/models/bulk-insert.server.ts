import type { Knex } from "knex";
import { isPostgres } from "~/db.server";
import { preparedAll, transactionConnection } from "../../db/sqlite-client";

export type BulkValue = string | number | boolean | null;

/** PostgreSQL takes at most 65 535 bound values in one statement. */
const POSTGRES_MAX_BINDINGS = 60_000;
/** Keeps one statement's JSON text to a few megabytes when an import stores a whole wave at once. */
const SQLITE_ROWS_PER_STATEMENT = 20_000;

/** A lone UTF-16 surrogate as JSON text ("\ud800") would reach SQLite as invalid UTF-8; bound, it becomes U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (v: BulkValue): BulkValue => (typeof v === "string" ? v.replace(LONE_SURROGATE, "\uFFFD") : v);

/** Rows as the one JSON array SQLite reads with `jsonb_each(?)` and `value ->> i`, lone surrogates made U+FFFD. */
export const sqliteRowsJson = (rows: readonly BulkValue[][]): string =>
  JSON.stringify(rows.map((row) => row.map(wellFormed)));

/** `value ->> 0, value ->> 1, …`: the columns of a row read from `jsonb_each`. */
export const sqliteRowPicks = (count: number): string =>
  Array.from({ length: count }, (_, i) => `value ->> ${i}`).join(", ");

/**
 * Many rows in one statement, the same on SQLite and PostgreSQL, inside the caller's transaction. `suffix` is what
 * follows the rows (`on conflict (id) do nothing returning id`); what the statement returns is handed back.
 *
 * SQLite gets the rows as ONE bound JSON array read by `jsonb_each`: binding thousands of values one by one cost the
 * server's main thread ~1.4 ms per 340 answer rows (node-sqlite3 converts each value there), the JSON text a tenth
 * of that, and SQLite parses it in C (decision 0022, amended). knex's own multi-row insert for SQLite (`select … union all`)
 * is slower still. PostgreSQL gets a plain multi-row VALUES list, cut below its limit on bound values.
 *
 * `jsonb_each` rather than `json_each`: its rows come as SQLite's binary JSON, which `->>` reads without parsing the
 * row's text again once per column (a quarter less SQLite time per batch of answer rows). Inside a transaction the
 * statement is prepared once per connection (`preparedAll`, decision 0052): its text depends only on the table, the
 * columns and the suffix.
 */
export async function insertRows<R = unknown>(
  trx: Knex | Knex.Transaction,
  table: string,
  columns: readonly string[],
  rows: readonly BulkValue[][],
  suffix = "",
): Promise<R[]> {
  if (rows.length === 0) return [];
  const into = `insert into ${table} (${columns.join(", ")})`;
  const returned: R[] = [];
  if (!isPostgres(trx as Knex)) {
    const picks = sqliteRowPicks(columns.length);
    for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
      const json = sqliteRowsJson(rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT));
      // "where true": SQLite needs it to tell an upsert's ON CONFLICT from a join's ON after a SELECT.
      const sql = `${into} select ${picks} from jsonb_each(?) where true ${suffix}`;
      if ("isTransaction" in trx && trx.isTransaction) {
        returned.push(...(await preparedAll<R>(await transactionConnection(trx as Knex.Transaction), sql, [json])));
        continue;
      }
      const result = await trx.raw(sql, [json]);
      if (Array.isArray(result)) returned.push(...(result as R[]));
    }
    return returned;
  }
  const perStatement = Math.max(1, Math.floor(POSTGRES_MAX_BINDINGS / columns.length));
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const result = await trx.raw(`${into} values ${chunk.map(() => tuple).join(", ")} ${suffix}`, chunk.flat());
    returned.push(...(result.rows as R[]));
  }
  return returned;
}
