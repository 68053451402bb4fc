import { todayInStockholm } from "~/outcomes/calendar";

export type CampaignState = "open" | "not-yet-open" | "closed";

/** Open from the start of `opensOn` to the end of `closesOn`, both inclusive; the dates are Stockholm dates. */
export function campaignState(
  { opensOn, closesOn }: { opensOn: string; closesOn: string },
  today = todayInStockholm(),
): CampaignState {
  if (today < opensOn) return "not-yet-open";
  if (today > closesOn) return "closed";
  return "open";
}
