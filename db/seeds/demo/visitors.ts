import { db } from "~/db.server";
import { addVisitors, refreshVisitDates } from "~/models/visitor.server";
import type { Gender, GenderCounts } from "~/outcomes/attendance-rules";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import type { DemoContext } from "./index";
import { DEMO_PARTICIPANT_CODES } from "./outcome-waves";

/**
 * The demo visitor register: about 120 people with codes, a realistic mix (about a quarter women, as among the
 * enrolled; most in Bostad Först, some in FoT, some in neither). The 22 people who answered the brukarenkät with
 * a code in 2024 and 2025 (`DEMO_PARTICIPANT_CODES`) are among them: a third come weekly, a third now and then,
 * and a third never, so outcomes can be broken down by how often people came.
 */
export interface DemoVisitor {
  code: string;
  gender: Gender;
  program: "bostad-forst" | "fot" | null;
  /** How often the person comes, relative to the others; 0: never. */
  weight: number;
}

/** From this date on, part of each registration's visitors came with a code. */
export const DEMO_CODES_FROM = "2024-01-01";
/** The share of each registration's visitors (per gender) who gave a code. */
const CODED_SHARE = 0.55;

export function demoVisitors(): DemoVisitor[] {
  const surveyed: DemoVisitor[] = DEMO_PARTICIPANT_CODES.map((code, i) => ({
    code,
    gender: i < 7 ? "women" : "men",
    program: i === 19 ? "fot" : "bostad-forst",
    weight: i % 3 === 0 ? 12 : i % 3 === 1 ? 1 : 0,
  }));
  const others: DemoVisitor[] = Array.from({ length: 98 }, (_, i) => {
    const gender: Gender = i % 25 === 7 ? "other" : i % 25 === 19 ? "notStated" : i % 4 === 1 ? "women" : "men";
    const program = i % 7 === 3 ? null : i % 5 === 2 ? "fot" : "bostad-forst";
    return {
      code: `BESOK${String(i + 1).padStart(3, "0")}`,
      gender,
      program,
      weight: 0.3 + 8 * (1 - i / 98) ** 3,
    };
  });
  return [...surveyed, ...others];
}

/**
 * Picks which of a registration's visitors came with a code, per gender, from the people of that gender (the
 * frequent ones far more often), never the same person twice in one registration. Its own random sequence, so
 * the attendance figures do not change with it.
 */
export function demoCodePicker(rand: () => number): (date: string, counts: GenderCounts) => string[] | undefined {
  const visitors = demoVisitors().filter((v) => v.weight > 0);
  const pools = new Map<Gender, DemoVisitor[]>();
  for (const v of visitors) pools.set(v.gender, [...(pools.get(v.gender) ?? []), v]);
  return (date, counts) => {
    if (date < DEMO_CODES_FROM) return undefined;
    const chosen: string[] = [];
    for (const [gender, pool] of pools) {
      let n = Math.min(pool.length, Math.floor(counts[gender] * CODED_SHARE));
      const left = [...pool];
      while (n > 0) {
        const total = left.reduce((s, v) => s + v.weight, 0);
        let r = rand() * total;
        const index = left.findIndex((v) => (r -= v.weight) <= 0);
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
