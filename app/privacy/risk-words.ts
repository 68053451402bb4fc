/**
 * Words and phrases that suggest someone may be at risk: self-harm, violence or an acute crisis.
 * A hit puts the feedback item at the top of the inbox with a safety flag, for prompt follow-up by
 * a person; it is a prompt, not an assessment. Keep the list here, in one place, and in Swedish.
 *
 * An entry ending in "*" also matches longer words that start with it ("misshandl*" → misshandlad,
 * misshandlade). Other entries match whole words or phrases only. Case does not matter.
 */
export const RISK_WORDS: Record<RiskCategory, readonly string[]> = {
  self_harm: [
    "självmord*",
    "suicid*",
    "ta livet av mig",
    "ta mitt liv",
    "tar livet av mig",
    "vill dö",
    "vill inte leva",
    "orkar inte leva",
    "orkar inte mer",
    "inte vill leva",
    "skada mig själv",
    "skadar mig själv",
    "skära mig",
    "skär mig",
    "skurit mig",
    "hoppa framför",
    "överdos*",
    "ingen mening att leva",
    "bättre om jag var död",
    "bättre om jag inte fanns",
  ],
  violence: [
    "misshandl*",
    "slog mig",
    "slår mig",
    "blev slagen",
    "hotad*",
    "hotar mig",
    "hotade mig",
    "mordhot*",
    "dödshot*",
    "våldtä*",
    "våld",
    "kniv*",
    "vapen",
    "pistol",
    "slå ihjäl",
    "döda honom",
    "döda henne",
    "döda dem",
    "rädd för honom",
    "rädd för henne",
    "rädd för mitt liv",
  ],
  crisis: [
    "akut",
    "kris",
    "krisen",
    "nödläge",
    "vräk*",
    "blir av med lägenheten",
    "förlora lägenheten",
    "sover ute",
    "ingenstans att sova",
    "ingen mat",
    "svälter",
  ],
};

export type RiskCategory = "self_harm" | "violence" | "crisis";

export interface RiskResult {
  flagged: boolean;
  /** The list entries that matched, for the flag's reason (never the surrounding text). */
  matches: { category: RiskCategory; word: string }[];
}

const compiled = (Object.entries(RISK_WORDS) as [RiskCategory, readonly string[]][]).flatMap(([category, words]) =>
  words.map((word) => {
    const stem = word.endsWith("*");
    const body = (stem ? word.slice(0, -1) : word).split(" ").map(escapeRegExp).join("\\s+");
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}${stem ? "[\\p{L}]*" : ""}(?![\\p{L}\\p{N}])`, "iu");
    return { category, word, pattern };
  }),
);

/** Whether the text suggests risk, and which entries of the list it matched. */
export function detectRisk(text: string): RiskResult {
  const matches = compiled.filter((c) => c.pattern.test(text)).map(({ category, word }) => ({ category, word }));
  return { flagged: matches.length > 0, matches };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
