import type { Text } from "./measures";
import type { TaggedOption } from "./survey-tags";

/**
 * The breakdowns of the outcome page. Gender and programme come from the survey's own questions (tags `gender` and
 * `program`); channel from how the response came in. The rarest categories are merged into one "other or no
 * answer" group before anything is counted, as the attendance statistics do: two tiny groups side by side would
 * otherwise force the large ones to be hidden too.
 */

export const BREAKDOWNS = ["gender", "program", "channel"] as const;
export type BreakdownKind = (typeof BREAKDOWNS)[number];

export function isBreakdown(v: string): v is BreakdownKind {
  return (BREAKDOWNS as readonly string[]).includes(v);
}

export interface Group {
  key: string;
  label: Text;
}

export const OTHER_GROUP = "other";

/** Answer values kept as their own group; every other answer, and no answer, goes to `OTHER_GROUP`. */
const KEPT: Record<"gender" | "program", readonly string[]> = {
  gender: ["kvinna", "man"],
  program: ["bostad_forst", "fot"],
};

const OTHER_LABEL: Record<BreakdownKind, Text> = {
  gender: { sv: "Annat, vill inte svara eller inget svar", en: "Other, prefer not to say or no answer" },
  program: { sv: "Vet inte eller inget svar", en: "Don't know or no answer" },
  channel: { sv: "Annat", en: "Other" },
};

export const CHANNEL_GROUPS: Group[] = [
  { key: "phone", label: { sv: "Egen mobil", en: "Own phone" } },
  { key: "kiosk", label: { sv: "Surfplattan på Mallis", en: "The tablet at Mallis" } },
  { key: "staff", label: { sv: "Med hjälp av personal", en: "With staff's help" } },
  { key: "paper", label: { sv: "Pappersenkät", en: "Paper questionnaire" } },
];

/** The groups of a breakdown, in order, given the options of the survey's question for it. */
export function groupsOf(kind: BreakdownKind, options: readonly TaggedOption[]): Group[] {
  // Imported responses (channel unknown) and any channel added later are "Annat": without that group the groups
  // did not add up to the wave, and the suppression reasoned from a sum that was not true.
  if (kind === "channel") return [...CHANNEL_GROUPS, { key: OTHER_GROUP, label: OTHER_LABEL.channel }];
  const kept = KEPT[kind];
  const groups = options.filter((o) => kept.includes(o.value)).map((o) => ({ key: o.value, label: o.label }));
  return [...groups, { key: OTHER_GROUP, label: OTHER_LABEL[kind] }];
}

/** The group a raw grouping value (an answer, a channel, or null for no answer) falls in. */
export function groupOf(kind: BreakdownKind, raw: string | null): string {
  if (kind === "channel") return CHANNEL_GROUPS.some((g) => g.key === raw) ? raw! : OTHER_GROUP;
  return raw !== null && KEPT[kind].includes(raw) ? raw : OTHER_GROUP;
}

/** Answer values of the programme question that mean a programme, by its slug ("bostad-forst" ↔ "bostad_forst"). */
export function programValueFor(slug: string, options: readonly TaggedOption[]): string | null {
  const wanted = slug.replace(/-/g, "_");
  return options.find((o) => o.value === wanted)?.value ?? null;
}
