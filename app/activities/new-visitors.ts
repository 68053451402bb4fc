import { GENDERS, type Gender } from "~/outcomes/attendance-rules";

export interface NewVisitorFacts {
  gender: Gender;
  programId: number | null;
}

/** Form field names for what a first-time visitor states, one pair per new code. */
export const newGenderField = (code: string) => `newGender.${code}`;
export const newProgramField = (code: string) => `newProgram.${code}`;

/** "none" is a real answer: the person belongs to no programme, or would rather not say. */
export const NO_PROGRAM = "none";

/**
 * Reads the stated gender and programme of each new code that came with them. A code whose questions are
 * left unanswered is simply not in the map (the register then asks again); a gender not in the list or a
 * programme that does not exist is an error.
 */
export function parseNewVisitors(
  form: URLSearchParams,
  codes: string[],
  programIds: readonly number[],
): { newVisitors: Map<string, NewVisitorFacts>; error: "errNewGender" | "errNewProgram" | null } {
  const newVisitors = new Map<string, NewVisitorFacts>();
  for (const code of codes) {
    const gender = form.get(newGenderField(code));
    const program = form.get(newProgramField(code));
    if (gender === null && program === null) continue;
    if (gender === null || !(GENDERS as readonly string[]).includes(gender))
      return { newVisitors: new Map(), error: "errNewGender" };
    let programId: number | null = null;
    if (program !== null && program !== NO_PROGRAM && program !== "") {
      const id = Number(program);
      if (!Number.isSafeInteger(id) || !programIds.includes(id))
        return { newVisitors: new Map(), error: "errNewProgram" };
      programId = id;
    } else if (program === null || program === "") {
      return { newVisitors: new Map(), error: "errNewProgram" };
    }
    newVisitors.set(code, { gender: gender as Gender, programId });
  }
  return { newVisitors, error: null };
}
