import { db } from "~/db.server";
import type { ProposalStatus } from "~/workshops/rules";

/**
 * Read-only aggregates the follow-up report needs beyond what the other models list: counts per
 * workshop, proposals with their whole history, feedback per theme and per source in a period.
 * `programIds` limits to those programmes plus records tied to none (open to all).
 */

type Scope = { programIds: number[] };

export async function listReportWorkshops({
  programIds,
  to,
}: Scope & { to: string }): Promise<
  { id: number; title: string; heldOn: string; followsIds: number[]; ideas: number; votes: number }[]
> {
  const rows: { id: number; title: string; held_on: string }[] = await db("workshops")
    .where("held_on", "<=", to)
    .where((q) => q.whereIn("program_id", programIds.length > 0 ? programIds : [-1]).orWhereNull("program_id"))
    .orderBy([{ column: "held_on" }, { column: "id" }])
    .select("id", "title", "held_on");
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [follows, notes, votes] = await Promise.all([
    db("workshop_followups").whereIn("workshop_id", ids).select("workshop_id", "follows_id") as Promise<
      { workshop_id: number; follows_id: number }[]
    >,
    db("workshop_notes")
      .whereIn("workshop_id", ids)
      .where("hidden", false)
      .groupBy("workshop_id")
      .select("workshop_id")
      .count("* as n") as Promise<{ workshop_id: number; n: number | string }[]>,
    db("workshop_votes as v")
      .join("workshop_votings as g", "g.id", "v.voting_id")
      .whereIn("g.workshop_id", ids)
      .groupBy("g.workshop_id")
      .select("g.workshop_id")
      .count("* as n") as Promise<{ workshop_id: number; n: number | string }[]>,
  ]);
  const count = (list: { workshop_id: number; n: number | string }[], id: number) =>
    Number(list.find((x) => x.workshop_id === id)?.n ?? 0);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    heldOn: r.held_on,
    followsIds: follows
      .filter((f) => f.workshop_id === r.id)
      .map((f) => f.follows_id)
      .sort((a, b) => a - b),
    ideas: count(notes, r.id),
    votes: count(votes, r.id),
  }));
}

export async function listReportProposals({ workshopIds }: { workshopIds: number[] }): Promise<
  {
    id: number;
    workshopId: number;
    title: string;
    createdAt: string;
    changes: { status: ProposalStatus; at: string; comment: string }[];
  }[]
> {
  if (workshopIds.length === 0) return [];
  const rows: { id: number; workshop_id: number; title: string; created_at: string }[] = await db("proposals")
    .whereIn("workshop_id", workshopIds)
    .orderBy("id")
    .select("id", "workshop_id", "title", "created_at");
  const changes: { proposal_id: number; status: ProposalStatus; changed_at: string; comment: string }[] = rows.length
    ? await db("proposal_status_changes")
        .whereIn(
          "proposal_id",
          rows.map((r) => r.id),
        )
        .orderBy("id")
        .select("proposal_id", "status", "changed_at", "comment")
    : [];
  return rows.map((r) => ({
    id: r.id,
    workshopId: r.workshop_id,
    title: r.title,
    createdAt: r.created_at,
    changes: changes
      .filter((c) => c.proposal_id === r.id)
      .map((c) => ({ status: c.status, at: c.changed_at, comment: c.comment })),
  }));
}

function feedbackInPeriod({ programIds, fromIso, toIso }: Scope & { fromIso: string; toIso: string }) {
  return db("feedback")
    .where("feedback.created_at", ">=", fromIso)
    .where("feedback.created_at", "<", toIso)
    .where((q) =>
      q.whereIn("feedback.program_id", programIds.length > 0 ? programIds : [-1]).orWhereNull("feedback.program_id"),
    );
}

/** Feedback items created in [fromIso, toIso) per theme; a sub-theme names its parent. */
export async function countFeedbackByTheme(
  args: Scope & { fromIso: string; toIso: string },
): Promise<{ name: string; parent: string | null; count: number; order: number }[]> {
  const rows = (await feedbackInPeriod(args)
    .join("feedback_item_themes as it", "it.feedback_id", "feedback.id")
    .join("feedback_themes as t", "t.id", "it.theme_id")
    .leftJoin("feedback_themes as p", "p.id", "t.parent_id")
    .groupBy("t.id", "t.name", "p.name", "t.sort_order")
    .select("t.name", "p.name as parent", "t.sort_order")
    .count("* as n")
    .orderBy("t.sort_order")) as unknown as {
    name: string;
    parent: string | null;
    sort_order: number;
    n: number | string;
  }[];
  return rows.map((r) => ({ name: r.name, parent: r.parent, count: Number(r.n), order: Number(r.sort_order) }));
}

export async function countFeedbackBySource(
  args: Scope & { fromIso: string; toIso: string },
): Promise<{ source: string; count: number }[]> {
  const rows = (await feedbackInPeriod(args)
    .groupBy("feedback.source")
    .select("feedback.source")
    .count("* as n")
    .orderBy("feedback.source")) as unknown as { source: string; n: number | string }[];
  return rows.map((r) => ({ source: r.source, count: Number(r.n) }));
}

/** Every activity, archived ones too, with the day it was archived (for "which ran in the period"). */
export async function listReportActivities(): Promise<
  {
    id: number;
    name: string;
    kind: "regular" | "special";
    scope: "mallis" | "city";
    countsAttendance: boolean;
    startsOn: string | null;
    archivedAt: string | null;
  }[]
> {
  const rows: {
    id: number;
    name: string;
    kind: "regular" | "special";
    scope: "mallis" | "city";
    counts_attendance: boolean | number;
    starts_on: string | null;
    archived_at: string | null;
  }[] = await db("activities")
    .orderBy("id")
    .select("id", "name", "kind", "scope", "counts_attendance", "starts_on", "archived_at");
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    scope: r.scope,
    countsAttendance: Boolean(r.counts_attendance),
    startsOn: r.starts_on,
    archivedAt: r.archived_at,
  }));
}
