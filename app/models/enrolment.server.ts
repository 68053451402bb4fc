import { db, nowIso } from "~/db.server";
import { audit } from "~/models/audit.server";
import type { GenderCounts } from "~/outcomes/attendance-rules";

export interface Enrolment extends GenderCounts {
  id: number;
  programId: number;
  programName: string;
  onDate: string;
}

interface EnrolmentRow {
  id: number;
  program_id: number;
  program_name: string;
  on_date: string;
  women: number;
  men: number;
  other: number;
  not_stated: number;
}

const toEnrolment = (r: EnrolmentRow): Enrolment => ({
  id: r.id,
  programId: r.program_id,
  programName: r.program_name,
  onDate: r.on_date,
  women: Number(r.women),
  men: Number(r.men),
  other: Number(r.other),
  notStated: Number(r.not_stated),
});

/** `programIds`: only these programmes' figures; undefined for every programme. */
export async function listEnrolments({ programIds }: { programIds?: number[] } = {}): Promise<Enrolment[]> {
  const q = db("enrolments as e")
    .join("programs as p", "p.id", "e.program_id")
    .select("e.*", "p.name as program_name")
    .orderBy([{ column: "e.on_date", order: "desc" }, { column: "p.id" }]);
  if (programIds) q.whereIn("e.program_id", programIds);
  const rows: EnrolmentRow[] = await q;
  return rows.map(toEnrolment);
}

/**
 * Each programme's latest figure on or before `date`: what "enrolled" means for a period ending then.
 * `programIds`: only these programmes; undefined for every programme.
 */
export async function enrolmentOn({ date, programIds }: { date: string; programIds?: number[] }): Promise<Enrolment[]> {
  const q = db("enrolments as e")
    .join("programs as p", "p.id", "e.program_id")
    .select("e.*", "p.name as program_name")
    .where("e.on_date", "<=", date)
    .whereNotExists(
      db("enrolments as later")
        .whereRaw("later.program_id = e.program_id")
        .where("later.on_date", "<=", date)
        .whereRaw("later.on_date > e.on_date"),
    )
    .orderBy("p.id");
  if (programIds) q.whereIn("e.program_id", programIds);
  const rows: EnrolmentRow[] = await q;
  return rows.map(toEnrolment);
}

export type SaveEnrolmentResult = { ok: true; id: number; replaced: boolean };

/** One figure per programme and date; saving the same date again replaces it (audited with both). */
export async function saveEnrolment({
  actor,
  ip,
  programId,
  onDate,
  counts,
}: {
  actor: { id: number; email: string };
  ip: string;
  programId: number;
  onDate: string;
  counts: GenderCounts;
}): Promise<SaveEnrolmentResult> {
  return db.transaction(async (trx) => {
    const values = { women: counts.women, men: counts.men, other: counts.other, not_stated: counts.notStated };
    const existing: EnrolmentRow | undefined = await trx("enrolments")
      .where({ program_id: programId, on_date: onDate })
      .first();
    let id: number;
    if (existing) {
      await trx("enrolments").where({ id: existing.id }).update(values);
      id = existing.id;
    } else {
      const [row] = await trx("enrolments")
        .insert({ program_id: programId, on_date: onDate, ...values, created_by: actor.id, created_at: nowIso() })
        .returning("id");
      id = typeof row === "object" ? (row as { id: number }).id : (row as number);
    }
    await audit(
      {
        actor,
        action: existing ? "enrolment.correct" : "enrolment.record",
        entityType: "enrolment",
        entityId: id,
        ip,
        details: {
          programId,
          onDate,
          ...values,
          ...(existing
            ? {
                before: {
                  women: existing.women,
                  men: existing.men,
                  other: existing.other,
                  not_stated: existing.not_stated,
                },
              }
            : {}),
        },
      },
      trx,
    );
    return { ok: true as const, id, replaced: Boolean(existing) };
  });
}

/** Demo data: plain inserts, no audit. */
export async function insertEnrolments({
  rows,
}: {
  rows: ({ programId: number; onDate: string } & GenderCounts)[];
}): Promise<void> {
  if (rows.length === 0) return;
  const now = nowIso();
  await db("enrolments").insert(
    rows.map((r) => ({
      program_id: r.programId,
      on_date: r.onDate,
      women: r.women,
      men: r.men,
      other: r.other,
      not_stated: r.notStated,
      created_at: now,
    })),
  );
}
