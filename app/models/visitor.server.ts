import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { audit } from "~/models/audit.server";
import { GENDERS, type Gender, type GenderCounts } from "~/outcomes/attendance-rules";

/**
 * The visitor register: one row per person who gave a participant code, holding only the code's keyed
 * hash, the gender and programme the person stated once, and the first and last visit. No name, no
 * birth date, no phone. Nothing here returns a hash to a caller outside the models.
 */

export type VisitorSource = "staff" | "kiosk" | "import" | "demo";

export interface CodeRef {
  /** The canonical code as typed, only to ask about it again on the same form; never stored. */
  code: string;
  hmac: string;
}

export interface StatedFacts {
  gender: Gender;
  programId: number | null;
}

export interface RegisteredVisitor extends StatedFacts {
  firstVisitOn: string | null;
}

export function isGender(value: unknown): value is Gender {
  return typeof value === "string" && (GENDERS as readonly string[]).includes(value);
}

export async function visitorsByHmac(trx: Knex, hmacs: string[]): Promise<Map<string, RegisteredVisitor>> {
  const found = new Map<string, RegisteredVisitor>();
  const unique = [...new Set(hmacs)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows: { code_hmac: string; gender: Gender; program_id: number | null; first_visit_on: string | null }[] =
      await trx("visitors")
        .whereIn("code_hmac", unique.slice(i, i + 500))
        .select("code_hmac", "gender", "program_id", "first_visit_on");
    for (const r of rows)
      found.set(r.code_hmac, { gender: r.gender, programId: r.program_id, firstVisitOn: r.first_visit_on });
  }
  return found;
}

/** Which of these codes the register does not know yet (as the typed codes, in order). */
export async function findUnknownCodes({ codes }: { codes: CodeRef[] }): Promise<string[]> {
  const known = await visitorsByHmac(
    db,
    codes.map((c) => c.hmac),
  );
  return codes.filter((c) => !known.has(c.hmac)).map((c) => c.code);
}

export async function addVisitors(
  trx: Knex,
  visitors: (StatedFacts & { hmac: string; source: VisitorSource; firstVisitOn?: string | null })[],
): Promise<void> {
  if (visitors.length === 0) return;
  const now = nowIso();
  await trx.batchInsert(
    "visitors",
    visitors.map((v) => ({
      code_hmac: v.hmac,
      gender: v.gender,
      program_id: v.programId,
      first_visit_on: v.firstVisitOn ?? null,
      last_visit_on: v.firstVisitOn ?? null,
      source: v.source,
      created_at: now,
    })),
    200,
  );
}

/**
 * First and last visit follow the registrations: a registration entered afterwards for an earlier day moves
 * the first visit back. A visitor with no registration left keeps the dates it had (for the retention rule).
 */
export async function refreshVisitDates(trx: Knex, hmacs: string[]): Promise<void> {
  const unique = [...new Set(hmacs)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const spans: { code_hmac: string; first: string; last: string }[] = await trx("attendance_codes as c")
      .join("attendance as t", "t.id", "c.attendance_id")
      .whereIn("c.code_hmac", chunk)
      .groupBy("c.code_hmac")
      .select("c.code_hmac", trx.raw("min(t.date) as first"), trx.raw("max(t.date) as last"));
    for (const s of spans) {
      await trx("visitors")
        .where({ code_hmac: s.code_hmac })
        .update({ first_visit_on: s.first, last_visit_on: s.last });
    }
  }
}

/** Gender counts of the registered visitors among these hashes (unregistered hashes are not counted). */
export function genderCountsOf(visitors: Iterable<StatedFacts>): GenderCounts {
  const counts: GenderCounts = { women: 0, men: 0, other: 0, notStated: 0 };
  for (const v of visitors) counts[v.gender] += 1;
  return counts;
}

/** The registered visitors linked to one registration: their gender counts and first-timers, never who. */
export async function codedCountsOf(
  trx: Knex,
  attendanceId: number,
): Promise<GenderCounts & { linked: number; firstTimers: number }> {
  const rows: { gender: Gender | null; first_visit_on: string | null; date: string }[] = await trx(
    "attendance_codes as c",
  )
    .join("attendance as t", "t.id", "c.attendance_id")
    .leftJoin("visitors as v", "v.code_hmac", "c.code_hmac")
    .where("c.attendance_id", attendanceId)
    .select("v.gender", "v.first_visit_on", "t.date");
  const registered = rows.filter((r) => isGender(r.gender)) as {
    gender: Gender;
    first_visit_on: string | null;
    date: string;
  }[];
  return {
    ...genderCountsOf(registered.map((r) => ({ gender: r.gender, programId: null }))),
    linked: rows.length,
    firstTimers: registered.filter((r) => r.first_visit_on === r.date).length,
  };
}

export interface RegisterSummary {
  total: number;
  byGender: GenderCounts;
  byProgram: { programId: number | null; count: number }[];
}

/** The register as counts only: nobody can list the codes or look a person up. */
export async function summarizeRegister(): Promise<RegisterSummary> {
  const rows: { gender: Gender; program_id: number | null; n: number | string }[] = await db("visitors")
    .select("gender", "program_id")
    .count("* as n")
    .groupBy("gender", "program_id");
  const byGender: GenderCounts = { women: 0, men: 0, other: 0, notStated: 0 };
  const byProgram = new Map<number | null, number>();
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    if (isGender(r.gender)) byGender[r.gender] += n;
    byProgram.set(r.program_id, (byProgram.get(r.program_id) ?? 0) + n);
  }
  return {
    total,
    byGender,
    byProgram: [...byProgram].map(([programId, count]) => ({ programId, count })),
  };
}

/**
 * Removal on request: the person gives their code; the register entry and every link from a registration to
 * it are deleted. The registrations' counts stay as they are: the visits happened, they are just no longer
 * tied to anyone. The audit entry says that a removal happened, never whose.
 */
export async function removeVisitor({
  actor,
  ip,
  hmac,
}: {
  actor: { id: number; email: string };
  ip: string;
  hmac: string;
}): Promise<{ removed: boolean; links: number }> {
  return db.transaction(async (trx) => {
    const visitor = await trx("visitors").where({ code_hmac: hmac }).first("id");
    const links = Number(
      (await trx("attendance_codes").where({ code_hmac: hmac }).count<{ n: number }[]>("* as n"))[0]?.n ?? 0,
    );
    if (!visitor && links === 0) {
      await audit({ actor, action: "visitor.remove", entityType: "visitor", ip, details: { found: false } }, trx);
      return { removed: false, links: 0 };
    }
    await trx("attendance_codes").where({ code_hmac: hmac }).delete();
    await trx("visitors").where({ code_hmac: hmac }).delete();
    await audit({ actor, action: "visitor.remove", entityType: "visitor", ip, details: { found: true, links } }, trx);
    return { removed: true, links };
  });
}

/**
 * The retention rule: a visitor whose last visit (or, with none, whose registration) is before `before` is
 * deleted with its links. Returns how many went.
 */
export async function deleteVisitorsLastSeenBefore({ before }: { before: string }): Promise<number> {
  return db.transaction(async (trx) => {
    const expired: { code_hmac: string }[] = await trx("visitors")
      .where((w) =>
        w
          .where("last_visit_on", "<", before)
          .orWhere((o) => o.whereNull("last_visit_on").where("created_at", "<", before)),
      )
      .select("code_hmac");
    const hmacs = expired.map((e) => e.code_hmac);
    for (let i = 0; i < hmacs.length; i += 500) {
      const chunk = hmacs.slice(i, i + 500);
      await trx("attendance_codes").whereIn("code_hmac", chunk).delete();
      await trx("visitors").whereIn("code_hmac", chunk).delete();
    }
    if (hmacs.length > 0)
      await audit(
        {
          actorEmail: "system",
          action: "visitor.retention",
          entityType: "visitor",
          details: { deleted: hmacs.length, before },
        },
        trx,
      );
    return hmacs.length;
  });
}
