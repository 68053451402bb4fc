export type CampaignState = "open" | "not-yet-open" | "closed";

// Making an Intl formatter is slow; every submission asks for today's date.
const stockholmDate = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in Stockholm, where the campaigns run: a campaign's dates are Stockholm dates. */
export function stockholmToday(now: Date = new Date()): string {
  return stockholmDate.format(now);
}

/** Open from the start of `opensOn` to the end of `closesOn`, both inclusive. */
export function campaignState({ opensOn, closesOn }: { opensOn: string; closesOn: string }, today = stockholmToday()): CampaignState {
  if (today < opensOn) return "not-yet-open";
  if (today > closesOn) return "closed";
  return "open";
}
