import type { Fact } from "~/outcomes/attendance-stats";

/** A small deterministic generator, so a failing random case can be replayed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

export interface RandomActivity {
  id: number | null;
  name: string | null;
  kind: "regular" | "special";
}

export const RANDOM_ACTIVITIES: RandomActivity[] = [
  { id: 1, name: "Sygrupp", kind: "regular" },
  { id: 2, name: "Yoga", kind: "regular" },
  { id: 3, name: "Matlagning", kind: "regular" },
  { id: null, name: null, kind: "regular" },
  { id: 4, name: "Framtidsverkstad", kind: "special" },
  { id: 5, name: "Julfirande", kind: "special" },
];

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Random registrations over `days` days from `from`: mostly small counts (the ones that need protecting),
 * a few special occasions, one registration per activity and day.
 */
export function randomFacts(
  rand: () => number,
  { from, days, activities = RANDOM_ACTIVITIES }: { from: string; days: number; activities?: RandomActivity[] },
): Fact[] {
  const facts: Fact[] = [];
  const count = (max: number) => Math.floor(rand() * (rand() < 0.6 ? 5 : max));
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    for (const a of activities) {
      const chance = a.kind === "special" ? 0.01 : 0.12;
      if (rand() >= chance) continue;
      const big = a.kind === "special" ? 15 : 8;
      facts.push({
        date,
        activityId: a.id,
        activityName: a.name,
        kind: a.kind,
        women: count(big),
        men: count(big * 2),
        other: rand() < 0.2 ? 1 : 0,
        notStated: rand() < 0.1 ? 1 : 0,
        firstTime: rand() < 0.5 ? Math.floor(rand() * 2) : null,
        codeCount: 0,
      });
    }
  }
  return facts;
}
