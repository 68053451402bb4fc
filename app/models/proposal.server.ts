import { db, nowIso } from "~/db.server";
import { audit, audited, type ChangedBy } from "~/models/audit.server";
import type { ProposalStatus } from "~/workshops/rules";

export interface Proposal {
  id: number;
  workshopId: number;
  workshopTitle: string;
  workshopHeldOn: string;
  noteId: number | null;
  themeId: number | null;
  title: string;
  what: string;
  who: string;
  dueOn: string | null;
  status: ProposalStatus;
  createdAt: string;
  statusChangedAt: string;
  latestComment: string;
}

export interface StatusChange {
  id: number;
  status: ProposalStatus;
  comment: string;
  changedBy: number | null;
  changedByName: string | null;
  changedAt: string;
}

interface ProposalRow {
  id: number;
  workshop_id: number;
  workshop_title: string;
  workshop_held_on: string;
  note_id: number | null;
  theme_id: number | null;
  title: string;
  what: string;
  who: string;
  due_on: string | null;
  status: ProposalStatus;
  created_at: string;
  status_changed_at: string;
}

function baseQuery() {
  return db("proposals as p")
    .join("workshops as w", "w.id", "p.workshop_id")
    .select("p.*", "w.title as workshop_title", "w.held_on as workshop_held_on");
}

async function withLatestComments(rows: ProposalRow[]): Promise<Proposal[]> {
  const ids = rows.map((r) => r.id);
  const changes: { proposal_id: number; comment: string; id: number }[] = ids.length
    ? await db("proposal_status_changes")
        .whereIn("proposal_id", ids)
        .orderBy("id")
        .select("proposal_id", "comment", "id")
    : [];
  const latest = new Map<number, string>();
  for (const c of changes) if (c.comment.trim() !== "") latest.set(c.proposal_id, c.comment);
  return rows.map((r) => ({
    id: r.id,
    workshopId: r.workshop_id,
    workshopTitle: r.workshop_title,
    workshopHeldOn: r.workshop_held_on,
    noteId: r.note_id,
    themeId: r.theme_id,
    title: r.title,
    what: r.what,
    who: r.who,
    dueOn: r.due_on,
    status: r.status,
    createdAt: r.created_at,
    statusChangedAt: r.status_changed_at,
    latestComment: latest.get(r.id) ?? "",
  }));
}

export interface NewProposal {
  workshopId: number;
  noteId?: number | null;
  themeId?: number | null;
  title: string;
  what: string;
  who: string;
  dueOn: string | null;
  createdBy: number | null;
  comment?: string;
  createdAt?: string;
}

/**
 * A proposal starts as "föreslagen", and that start is the first line of its history. With `by`, the audit entry
 * is written in the same transaction.
 */
export async function createProposal(input: NewProposal & { by?: ChangedBy }): Promise<number> {
  const { by } = input;
  const entry = (id: number) =>
    by
      ? {
          ...by,
          action: "proposal.create",
          entityType: "proposal",
          entityId: id,
          details: { workshopId: input.workshopId },
        }
      : null;
  return audited(entry, async (trx) => {
    const now = input.createdAt ?? nowIso();
    const [{ id }] = await trx("proposals")
      .insert({
        workshop_id: input.workshopId,
        note_id: input.noteId ?? null,
        theme_id: input.themeId ?? null,
        title: input.title,
        what: input.what,
        who: input.who,
        due_on: input.dueOn,
        status: "foreslagen",
        created_by: input.createdBy,
        created_at: now,
        status_changed_at: now,
      })
      .returning("id");
    await trx("proposal_status_changes").insert({
      proposal_id: id,
      status: "foreslagen",
      comment: input.comment ?? "",
      changed_by: input.createdBy,
      changed_at: now,
    });
    return id;
  });
}

export async function updateProposalDetails({
  id,
  title,
  what,
  who,
  dueOn,
  by,
}: {
  id: number;
  title: string;
  what: string;
  who: string;
  dueOn: string | null;
  by?: ChangedBy;
}): Promise<boolean> {
  return audited(
    (changed: boolean) =>
      by && changed ? { ...by, action: "proposal.update", entityType: "proposal", entityId: id } : null,
    async (trx) => (await trx("proposals").where({ id }).update({ title, what, who, due_on: dueOn })) > 0,
  );
}

/** Every change keeps who, when and a comment; the caller has checked the reason rule. */
export async function changeProposalStatus({
  id,
  status,
  comment,
  changedBy,
  changedAt,
  by,
}: {
  id: number;
  status: ProposalStatus;
  comment: string;
  changedBy: number | null;
  changedAt?: string;
  /** Who changes it and what it was: the audit entry is written in the same transaction. */
  by?: ChangedBy & { from: ProposalStatus };
}): Promise<boolean> {
  return db.transaction(async (trx) => {
    const now = changedAt ?? nowIso();
    const n = await trx("proposals").where({ id }).update({ status, status_changed_at: now });
    if (n === 0) return false;
    if (by) {
      const { from, ...who } = by;
      await audit(
        { ...who, action: "proposal.status", entityType: "proposal", entityId: id, details: { from, to: status } },
        trx,
      );
    }
    await trx("proposal_status_changes").insert({
      proposal_id: id,
      status,
      comment,
      changed_by: changedBy,
      changed_at: now,
    });
    return true;
  });
}

export async function getProposal({ id }: { id: number }): Promise<Proposal | null> {
  const row: ProposalRow | undefined = await baseQuery().where("p.id", id).first();
  return row ? (await withLatestComments([row]))[0] : null;
}

export async function listProposals({ workshopIds }: { workshopIds: number[] }): Promise<Proposal[]> {
  if (workshopIds.length === 0) return [];
  const rows: ProposalRow[] = await baseQuery()
    .whereIn("p.workshop_id", workshopIds)
    .orderBy([{ column: "w.held_on" }, { column: "p.id" }]);
  return withLatestComments(rows);
}

/** For the public page: every proposal, newest status change first. */
export async function listAllProposalsByLatestChange(): Promise<Proposal[]> {
  const rows: ProposalRow[] = await baseQuery().orderBy([
    { column: "p.status_changed_at", order: "desc" },
    { column: "p.id", order: "desc" },
  ]);
  return withLatestComments(rows);
}

export async function proposalHistory({ id }: { id: number }): Promise<StatusChange[]> {
  const rows: {
    id: number;
    status: ProposalStatus;
    comment: string;
    changed_by: number | null;
    name: string | null;
    changed_at: string;
  }[] = await db("proposal_status_changes as c")
    .leftJoin("staff_users as s", "s.id", "c.changed_by")
    .where("c.proposal_id", id)
    .orderBy("c.id")
    .select("c.id", "c.status", "c.comment", "c.changed_by", "s.name", "c.changed_at");
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    comment: r.comment,
    changedBy: r.changed_by,
    changedByName: r.name,
    changedAt: r.changed_at,
  }));
}
