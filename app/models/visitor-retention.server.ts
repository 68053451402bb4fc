import { audited, type ChangedBy } from "~/models/audit.server";
import { getSetting, setSetting } from "~/models/setting.server";
import { deleteVisitorsLastSeenBefore } from "~/models/visitor.server";
import { todayInStockholm } from "~/outcomes/calendar";

export const DEFAULT_RETENTION_YEARS = 3;
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 10;

export async function retentionYears(): Promise<number> {
  const raw = Number(await getSetting({ key: "visitors.retentionYears" }));
  return Number.isInteger(raw) && raw >= MIN_RETENTION_YEARS && raw <= MAX_RETENTION_YEARS
    ? raw
    : DEFAULT_RETENTION_YEARS;
}

/** Sets how long visitors are kept, and audits it in the same transaction. */
export async function setRetentionYears({ years, by }: { years: number; by: ChangedBy }): Promise<void> {
  await audited({ ...by, action: "visitor.retention.set", entityType: "setting", details: { years } }, (trx) =>
    setSetting({ key: "visitors.retentionYears", value: String(years) }, trx),
  );
}

/** The same calendar day `years` back (29 February falls back to the 28th). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const target = new Date(Date.UTC(y - years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** The start-up job: deletes everyone whose last visit is older than the retention setting. */
export async function deleteExpiredVisitors({ today = todayInStockholm() }: { today?: string } = {}): Promise<number> {
  return deleteVisitorsLastSeenBefore({ before: yearsBefore(today, await retentionYears()) });
}
