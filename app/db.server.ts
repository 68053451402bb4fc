import knexFactory, { type Knex } from "knex";
import { knexConfig } from "../db/knexfile";

declare global {
  // Kept across dev rebuilds so a reload does not leak pools.
  var __deltagarrostDb: Knex | undefined;
}

function create(): Knex {
  return knexFactory(knexConfig());
}

export const db: Knex = globalThis.__deltagarrostDb ?? (globalThis.__deltagarrostDb = create());

export function isPostgres(knex: Knex = db): boolean {
  return knex.client.config.client === "pg";
}

/** The time as stored everywhere: ISO-8601 in UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Ends the pool; the server calls this on SIGTERM/SIGINT, or the open connection keeps the process alive. */
export async function closeDatabase(): Promise<void> {
  const instance = globalThis.__deltagarrostDb;
  globalThis.__deltagarrostDb = undefined;
  await instance?.destroy();
}
