import { db } from "~/db.server";
import { addVisitors, refreshVisitDates } from "~/models/visitor.server";
import type { Gender, GenderCounts } from "~/outcomes/attendance-rules";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import type { DemoContext } from "./index";
import { DEMO_PARTICIPANT_CODES, demoCodedRespondents } from "./outcome-waves";

/**
 * The demo visitor register: about 170 people with codes, a realistic mix (about a quarter women, as among the
 * enrolled; most in Bostad Först, some in FoT, some in neither). Everyone who answered BRUK24 or BRUK25 with a code
 * (`demoCodedRespondents`) is among them, and how often they come follows how lonely they are: the less lonely come
 * weekly, others now and then, and the loneliest never in the months before the spring surveys (they came in the
 * autumn), so the outcome page can break answers down by how often people came (decision 0031).
 */
export interface DemoVisitor {
  code: string;
  gender: Gender;
  program: "bostad-forst" | "fot" | null;
  /** How often the person comes on a date, relative to the others; 0: not then. */
  weightOn: (date: string) => number;
}

/** From this date on, part of each registration's visitors came with a code. */
export const DEMO_CODES_FROM = "2024-01-01";
/** The share of each registration's visitors (per gender) who gave a code. */
const CODED_SHARE = 0.9;

const SURVEY_GENDERS: Record<string, Gender> = { kvinna: "women", man: "men", annan: "other", vill_inte: "notStated" };
/** January to May: the 12 weeks before the spring surveys (April and May) fall in them. */
const beforeSpringSurvey = (date: string) => date.slice(5, 7) <= "05";

export function demoVisitors(): DemoVisitor[] {
  const respondents = demoCodedRespondents();
  // The regulars: the least lonely of those who answered both years (two women, five men) come to nearly every
  // opening day; Mallis has two to six visitors a day, so a handful of regulars is most of its visits.
  const bothYears = respondents.filter((p) => DEMO_PARTICIPANT_CODES.slice(0, 20).includes(p.code));
  const leastLonely = (gender: string, n: number) =>
    bothYears
      .filter((p) => p.gender === gender)
      .sort((a, b) => a.lonely - b.lonely)
      .slice(0, n)
      .map((p) => p.code);
  const regulars = new Set([...leastLonely("kvinna", 1), ...leastLonely("man", 5)]);
  const surveyed: DemoVisitor[] = respondents.map((p) => ({
    code: p.code,
    gender: SURVEY_GENDERS[p.gender] ?? "notStated",
    program: p.program === "fot" ? "fot" : "bostad-forst",
    weightOn: regulars.has(p.code)
      ? () => 1000
      : p.lonely < 0.7
        ? () => 4
        : (date: string) => (beforeSpringSurvey(date) ? 0 : 3),
  }));
  const others: DemoVisitor[] = Array.from({ length: 98 }, (_, i) => {
    const gender: Gender = i % 25 === 7 ? "other" : i % 25 === 19 ? "notStated" : i % 4 === 1 ? "women" : "men";
    const program = i % 7 === 3 ? null : i % 5 === 2 ? "fot" : "bostad-forst";
    const weight = 0.3 + 8 * (1 - i / 98) ** 3;
    return { code: `BESOK${String(i + 1).padStart(3, "0")}`, gender, program, weightOn: () => weight };
  });
  return [...surveyed, ...others];
}

/**
 * Picks which of a registration's visitors came with a code, per gender, from the people of that gender (the
 * frequent ones far more often), never the same person twice in one registration. Its own random sequence, so
 * the attendance figures do not change with it.
 */
export function demoCodePicker(rand: () => number): (date: string, counts: GenderCounts) => string[] | undefined {
  const visitors = demoVisitors();
  const pools = new Map<Gender, DemoVisitor[]>();
  for (const v of visitors) pools.set(v.gender, [...(pools.get(v.gender) ?? []), v]);
  return (date, counts) => {
    if (date < DEMO_CODES_FROM) return undefined;
    const chosen: string[] = [];
    for (const [gender, pool] of pools) {
      let n = Math.min(pool.length, Math.round(counts[gender] * CODED_SHARE));
      const left = pool.filter((v) => v.weightOn(date) > 0);
      n = Math.min(n, left.length);
      while (n > 0) {
        const total = left.reduce((s, v) => s + v.weightOn(date), 0);
        let r = rand() * total;
        const index = left.findIndex((v) => (r -= v.weightOn(date)) <= 0);
        const [picked] = left.splice(index === -1 ? left.length - 1 : index, 1);
        chosen.push(picked.code);
        n -= 1;
      }
    }
    return chosen.length > 0 ? chosen : undefined;
  };
}

/** Adds every demo person who came with a code to the register, with the facts they stated. */
export async function seedVisitorRegister(ctx: DemoContext, usedCodes: ReadonlySet<string>): Promise<void> {
  const programId = (slug: DemoVisitor["program"]) =>
    slug === null ? null : (ctx.programs.find((p) => p.slug === slug)?.id ?? null);
  const people = demoVisitors()
    .filter((v) => usedCodes.has(v.code))
    .map((v) => ({ hmac: participantCodeHmac(v.code), gender: v.gender, programId: programId(v.program) }));
  await db.transaction(async (trx) => {
    await addVisitors(
      trx,
      people.map((p) => ({ ...p, source: "demo" as const })),
    );
    await refreshVisitDates(
      trx,
      people.map((p) => p.hmac),
    );
  });
}
