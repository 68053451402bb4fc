import knexFactory, { type Knex } from "knex";
import { inject } from "vitest";

let instance: Knex | undefined;

/** Read access to the running e2e server's SQLite file, to check what a flow stored. */
export function e2eDb(): Knex {
  instance ??= knexFactory({
    client: "sqlite3",
    connection: { filename: inject("e2eDatabase") },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  return instance;
}

export async function closeE2eDb(): Promise<void> {
  await instance?.destroy();
  instance = undefined;
}
