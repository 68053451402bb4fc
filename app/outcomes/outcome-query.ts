import { z } from "zod";
import { parseForm } from "~/http/parse-form";
import { BREAKDOWNS, type BreakdownKind } from "./breakdowns";
import { MAX_WAVES } from "./limits";

/**
 * The outcome page's query string (DESIGN.md contract): `campaign` (repeat for several waves), optional
 * `by=gender|program|channel`, `program` (a programme id: people who say they live there) and `since` (the wave to
 * compare the latest with). The page and its CSV read it the same way.
 */
const id = z.coerce.number().int().positive().max(2_147_483_647);

const schema = z.object({
  campaign: z.array(id).max(MAX_WAVES, "errTooManyCampaigns"),
  by: z.union([z.literal(""), z.enum(BREAKDOWNS)]).optional(),
  program: z.union([z.literal(""), id]).optional(),
  since: z.union([z.literal(""), id]).optional(),
});

export interface OutcomeParams {
  campaignIds: number[];
  by: BreakdownKind | null;
  programId: number | null;
  compareWith: number | null;
}

export type ParsedOutcomeParams = { ok: true; value: OutcomeParams } | { ok: false; error: string };

export function parseOutcomeParams(search: URLSearchParams): ParsedOutcomeParams {
  const parsed = parseForm(search, schema);
  if (!parsed.ok) {
    const first = Object.values(parsed.errors)[0];
    return { ok: false, error: first === "errTooManyCampaigns" ? first : "errForm" };
  }
  const v = parsed.value;
  return {
    ok: true,
    value: {
      campaignIds: v.campaign,
      by: v.by ? v.by : null,
      programId: typeof v.program === "number" ? v.program : null,
      compareWith: typeof v.since === "number" ? v.since : null,
    },
  };
}

/** The same choices as a query string, for links to the CSV and the printed page. */
export function outcomeSearch(p: OutcomeParams): string {
  const s = new URLSearchParams();
  for (const c of p.campaignIds) s.append("campaign", String(c));
  if (p.by) s.set("by", p.by);
  if (p.programId !== null) s.set("program", String(p.programId));
  if (p.compareWith !== null) s.set("since", String(p.compareWith));
  return s.toString();
}
