import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";

/** App settings a coordinator or admin changes on a page (not the environment): one text value per key. */
export type SettingKey = "kiosk.pinHash" | "visitors.retentionYears";

export async function getSetting({ key }: { key: SettingKey }): Promise<string | null> {
  const row: { value: string } | undefined = await db("app_settings").where({ key }).first("value");
  return row?.value ?? null;
}

export async function setSetting(
  { key, value }: { key: SettingKey; value: string },
  trx: Knex | Knex.Transaction = db,
): Promise<void> {
  await trx("app_settings")
    .insert({ key, value, updated_at: nowIso() })
    .onConflict("key")
    .merge({ value, updated_at: nowIso() });
}
