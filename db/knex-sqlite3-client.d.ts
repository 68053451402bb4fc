// knex ships no types for its dialect classes; the one subclassed in db/sqlite-client.ts, as far as it is used.
declare module "knex/lib/dialects/sqlite3/index.js" {
  import type { Knex } from "knex";
  export default class Client_SQLite3 extends Knex.Client {
    _query(connection: unknown, obj: { sql: string; response?: unknown }): Promise<{ sql: string; response?: unknown }>;
    destroyRawConnection(connection: unknown): Promise<void>;
  }
}
