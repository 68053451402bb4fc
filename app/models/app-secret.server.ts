import { db, nowIso } from "~/db.server";

/** A named secret kept in this database, or null. */
export async function findAppSecret({ name }: { name: string }): Promise<string | null> {
  const row: { value: string } | undefined = await db("app_secrets").where({ name }).first("value");
  return row?.value ?? null;
}

/** Stores a secret unless one is already there, and returns the one that is stored (another process may win). */
export async function keepAppSecret({ name, value }: { name: string; value: string }): Promise<string> {
  await db("app_secrets").insert({ name, value, created_at: nowIso() }).onConflict("name").ignore();
  return (await findAppSecret({ name }))!;
}
