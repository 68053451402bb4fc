import { randomUUID } from "node:crypto";
import { insertResponses, type NewResponse } from "~/models/response.server";
import { loadSurveys } from "~/surveys/registry.server";

/** A small deterministic generator, so a failing run can be replayed. */
export function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(rand: () => number, items: readonly T[], weights: readonly number[]): T => {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rand() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
};

/** Brukarenkät answers with realistic skew: most people are common combinations, a few are rare. */
export function brukarenkatAnswers(rand: () => number, freeText?: string): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    program: pick(rand, ["bostad_forst", "fot", "vet_inte"], [8, 2, 0.3]),
    gender: pick(rand, ["kvinna", "man", "annan", "vill_inte"], [4, 6, 0.3, 0.3]),
    visits: pick(rand, ["varje_vecka", "varje_manad", "sallan", "aldrig"], [5, 3, 2, 0.4]),
    satisfaction: 1 + Math.floor(rand() * 5),
    ucla_companionship: 1 + Math.floor(rand() * 3),
    lonely_direct: 1 + Math.floor(rand() * 4),
    community: pick(rand, ["ja", "delvis", "nej"], [3, 2, 1]),
  };
  if (answers.visits !== "aldrig") answers.activities = ["yoga", "sygrupp", "peer_support"].filter(() => rand() < 0.4);
  if (rand() < 0.3) {
    answers.barriers = ["other", "dagsform"];
    answers["barriers-Comment"] = "Ring Anna på 070-123 45 67";
  }
  if (freeText) answers.free_text = freeText;
  return answers;
}

export async function seedBrukarenkat({
  campaignId,
  count,
  seed = 1,
  participants = [],
  freeTexts = [],
  month = "2026-03",
}: {
  campaignId: number;
  count: number;
  seed?: number;
  /** Participant-code HMACs given to the first responses, in order. */
  participants?: string[];
  /** Free texts given to the first responses, in order. */
  freeTexts?: string[];
  month?: string;
}): Promise<string[]> {
  const version = (await loadSurveys()).get("brukarenkat")!;
  const rand = seeded(seed);
  const items: NewResponse[] = [];
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 27)).padStart(2, "0");
    items.push({
      id: randomUUID(),
      campaignId,
      surveyVersionId: version.versionId,
      submittedAt: `${month}-${day}T${String(8 + (i % 10)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:17.123Z`,
      locale: i % 7 === 0 ? "en" : "sv",
      channel: (["phone", "kiosk", "staff"] as const)[i % 3],
      staffAssisted: i % 3 === 2,
      participantCodeHmac: participants[i] ?? null,
      answers: brukarenkatAnswers(rand, freeTexts[i]),
      rows: [],
    });
  }
  for (let i = 0; i < items.length; i += 500) await insertResponses(items.slice(i, i + 500));
  return items.map((r) => r.id);
}
