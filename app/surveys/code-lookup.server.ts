import { normalizeJoinCode } from "~/surveys/join-code.server";
import { findCampaignByCode } from "~/models/campaign.server";
import { findWorkshopByCode } from "~/models/workshop.server";

/**
 * Every kind of code a person may type into the start page's box, and where it leads. A new kind of code
 * (the check-in, say) is one more entry here.
 */
const CODE_KINDS: { kind: string; pathFor: (code: string) => Promise<string | null> }[] = [
  { kind: "survey", pathFor: async (code) => ((await findCampaignByCode({ code })) ? `/s/${code}` : null) },
  { kind: "workshop", pathFor: async (code) => ((await findWorkshopByCode({ code })) ? `/w/${code}` : null) },
];

/** What was typed, tidied the way codes are stored; empty when nothing usable was typed. */
export function tidyCode(input: string): string {
  return normalizeJoinCode(input)
    .replace(/[^\p{L}\p{N}]/gu, "")
    .slice(0, 16);
}

/** The page a typed code leads to, or null when no survey or workshop has it. */
export async function destinationForCode(input: string): Promise<string | null> {
  const code = tidyCode(input);
  if (!code) return null;
  for (const { pathFor } of CODE_KINDS) {
    const path = await pathFor(code);
    if (path) return path;
  }
  return null;
}
