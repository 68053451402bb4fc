import { db } from "~/db.server";

export async function migrateToLatest(): Promise<string[]> {
  const [, applied] = (await db.migrate.latest()) as [number, string[]];
  return applied;
}
