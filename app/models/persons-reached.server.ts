import { db } from "~/db.server";
import { findProgramsByIds, listAllPrograms, type Program } from "~/models/program.server";
import { GENDERS, type Gender, type GenderCounts } from "~/outcomes/attendance-rules";
import {
  computePersonsReached,
  protectPersonsReached,
  type PersonFact,
  type PersonsReachedFigures,
  type ProtectedPersonsReached,
  type VisitFacts,
} from "~/outcomes/persons-reached";
import { periodQuery, type Period } from "~/models/attendance.server";

export interface PersonsReached {
  /** Exact figures, for staff screens that mark what the rule would hide. */
  figures: PersonsReachedFigures;
  /** The same figures through the small-count rule: what print, export and the report publish. */
  protected: ProtectedPersonsReached;
  /** The programmes named in `byProgram`, in its order (the last row, programId null, is "no programme"). */
  programs: Program[];
}

/**
 * One row per coded person with visits in the period: what they stated and how often they came. Never the code.
 * Visits are counted per code first and the register is read once per person, not once per visit.
 */
async function listPersonFacts(period: Period): Promise<PersonFact[]> {
  const perCode = periodQuery(period)
    .join("attendance_codes as c", "c.attendance_id", "t.id")
    .groupBy("c.code_hmac")
    .select("c.code_hmac")
    .count("* as visits")
    .as("p");
  const rows: {
    gender: string | null;
    program_id: number | null;
    first_visit_on: string | null;
    visits: number | string;
  }[] = await db
    .from(perCode)
    .leftJoin("visitors as v", "v.code_hmac", "p.code_hmac")
    .select("v.gender", "v.program_id", "v.first_visit_on", "p.visits");
  return rows.map((r) => ({
    // A code linked before the register existed has no stated gender: counted as "vill inte uppge".
    gender: (GENDERS as readonly string[]).includes(r.gender ?? "") ? (r.gender as Gender) : "notStated",
    programId: r.program_id,
    firstVisitOn: r.first_visit_on,
    visits: Number(r.visits),
  }));
}

/** The visits by gender and the largest registration; `codedVisits` is the persons' visits added up. */
async function visitFacts(period: Period, persons: readonly PersonFact[]): Promise<VisitFacts> {
  const [sums] = (await periodQuery(period)
    .sum({ women: "t.women", men: "t.men", other: "t.other", notStated: "t.not_stated" })
    .max({ maxWomen: "t.women", maxMen: "t.men", maxOther: "t.other", maxNotStated: "t.not_stated" })) as Record<
    string,
    number | string | null
  >[];
  const n = (v: number | string | null | undefined) => Number(v ?? 0);
  const visits: GenderCounts = {
    women: n(sums?.women),
    men: n(sums?.men),
    other: n(sums?.other),
    notStated: n(sums?.notStated),
  };
  return {
    visits,
    codedVisits: persons.reduce((sum, p) => sum + p.visits, 0),
    largestRegistration: {
      women: n(sums?.maxWomen),
      men: n(sums?.maxMen),
      other: n(sums?.maxOther),
      notStated: n(sums?.maxNotStated),
    },
  };
}

/**
 * Unique persons reached in a period, by gender and by the programme they stated, with first-time visitors and
 * visits per person, exact and through the small-count rule. The one function the statistics page and the
 * report call. `programIds`: whose registrations count (undefined: every programme); the programme rows list
 * those programmes (every programme when undefined) and "no programme".
 */
export async function personsReached({ from, to, programIds, shared }: Period): Promise<PersonsReached> {
  const period = { from, to, programIds, shared };
  const [persons, programs] = await Promise.all([
    listPersonFacts(period),
    programIds ? findProgramsByIds({ ids: programIds }) : listAllPrograms(),
  ]);
  const visits = await visitFacts(period, persons);
  const figures = computePersonsReached({ from, to, persons, visits, programIds: programs.map((p) => p.id) });
  return { figures, protected: protectPersonsReached(figures), programs };
}
