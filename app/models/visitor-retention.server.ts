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

export async function setRetentionYears({ years }: { years: number }): Promise<void> {
  await setSetting({ key: "visitors.retentionYears", value: String(years) });
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
