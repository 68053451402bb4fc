import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { audited, type AuditInput, type ChangedBy } from "~/models/audit.server";
import { rankByDots, type VotingTarget } from "~/workshops/rules";

export interface Voting {
  id: number;
  workshopId: number;
  target: VotingTarget;
  dots: number;
  openedAt: string;
  closedAt: string | null;
}

export interface VoteItem {
  type: "theme" | "note";
  id: number;
  text: string;
  dots: number;
}

interface VotingRow {
  id: number;
  workshop_id: number;
  target: VotingTarget;
  dots: number;
  opened_at: string;
  closed_at: string | null;
}

const toVoting = (r: VotingRow): Voting => ({
  id: r.id,
  workshopId: r.workshop_id,
  target: r.target,
  dots: Number(r.dots),
  openedAt: r.opened_at,
  closedAt: r.closed_at,
});

export async function getOpenVoting({ workshopId }: { workshopId: number }, trx: Knex = db): Promise<Voting | null> {
  const row: VotingRow | undefined = await trx("workshop_votings")
    .where({ workshop_id: workshopId })
    .whereNull("closed_at")
    .orderBy("id", "desc")
    .first();
  return row ? toVoting(row) : null;
}

export async function getVoting({ id }: { id: number }): Promise<Voting | null> {
  const row: VotingRow | undefined = await db("workshop_votings").where({ id }).first();
  return row ? toVoting(row) : null;
}

export async function listVotings({ workshopId }: { workshopId: number }): Promise<Voting[]> {
  const rows: VotingRow[] = await db("workshop_votings").where({ workshop_id: workshopId }).orderBy("id");
  return rows.map(toVoting);
}

/** The latest voting, open or closed: what the board shows results for. */
export async function getLatestVoting({ workshopId }: { workshopId: number }): Promise<Voting | null> {
  const row: VotingRow | undefined = await db("workshop_votings")
    .where({ workshop_id: workshopId })
    .orderBy("id", "desc")
    .first();
  return row ? toVoting(row) : null;
}

/**
 * Opens a voting; one at a time, so an earlier open one is closed first. With `by`, the audit entry is written in
 * the same transaction.
 */
export async function openVoting({
  workshopId,
  target,
  dots,
  openedBy,
  openedAt,
  by,
}: {
  workshopId: number;
  target: VotingTarget;
  dots: number;
  openedBy: number | null;
  openedAt?: string;
  by?: ChangedBy;
}): Promise<Voting> {
  return audited(
    (voting: Voting) =>
      by ? sessionEntry(by, workshopId, "workshop.voting_open", { votingId: voting.id, target, dots }) : null,
    async (trx) => {
      const now = openedAt ?? nowIso();
      await trx("workshop_votings")
        .where({ workshop_id: workshopId })
        .whereNull("closed_at")
        .update({ closed_at: now });
      const [row] = await trx("workshop_votings")
        .insert({ workshop_id: workshopId, target, dots, opened_at: now, closed_at: null, opened_by: openedBy })
        .returning("*");
      return toVoting(row as VotingRow);
    },
  );
}

/** A staff member's change to a session's voting, as the audit log keeps it. */
function sessionEntry(by: ChangedBy, workshopId: number, action: string, details: Record<string, unknown>): AuditInput {
  return { ...by, action, entityType: "workshop", entityId: workshopId, details };
}

/** Whether this session has a voting with this id (open or closed). */
export async function votingBelongs({ id, workshopId }: { id: number; workshopId: number }): Promise<boolean> {
  return Boolean(await db("workshop_votings").where({ id, workshop_id: workshopId }).first("id"));
}

/**
 * Closes a voting of the given session; false when it was already closed or is not that session's.
 * `workshopId` is optional only for the demo seed, which closes the votings it just opened; every
 * request path passes the session from its URL so an id from a form cannot reach another session.
 * With `by`, a close that changed something is audited in the same transaction.
 */
export async function closeVoting({
  id,
  workshopId,
  closedAt,
  by,
}: {
  id: number;
  workshopId: number;
  closedAt?: string;
  by?: ChangedBy;
}): Promise<boolean> {
  return audited(
    (closed: boolean) =>
      by && closed ? sessionEntry(by, workshopId, "workshop.voting_close", { votingId: id }) : null,
    async (trx) =>
      (await trx("workshop_votings")
        .where({ id, workshop_id: workshopId })
        .whereNull("closed_at")
        .update({ closed_at: closedAt ?? nowIso() })) > 0,
  );
}

/** What may be voted on: the critique phase's themes, or the fantasy phase's visible notes. */
async function votableItems(
  trx: Knex,
  voting: Voting,
): Promise<{ type: "theme" | "note"; id: number; text: string }[]> {
  if (voting.target === "critique_themes") {
    const rows: { id: number; title: string }[] = await trx("workshop_themes")
      .where({ workshop_id: voting.workshopId, phase: "kritik" })
      .orderBy("id");
    return rows.map((r) => ({ type: "theme" as const, id: r.id, text: r.title }));
  }
  const rows: { id: number; text: string }[] = await trx("workshop_notes")
    .where({ workshop_id: voting.workshopId, phase: "fantasi", hidden: false, held: false })
    .orderBy("id");
  return rows.map((r) => ({ type: "note" as const, id: r.id, text: r.text }));
}

/** Every votable item with its dots, ranked, most dots first. */
export async function votingResults({ voting }: { voting: Voting }): Promise<VoteItem[]> {
  const items = await votableItems(db, voting);
  const counts: { item_type: string; item_id: number; n: number | string }[] = await db("workshop_votes")
    .where({ voting_id: voting.id })
    .groupBy("item_type", "item_id")
    .select("item_type", "item_id")
    .count("* as n");
  const byKey = new Map(counts.map((c) => [`${c.item_type}:${c.item_id}`, Number(c.n)]));
  return rankByDots(items.map((i) => ({ ...i, dots: byKey.get(`${i.type}:${i.id}`) ?? 0 })));
}

/** The items in their own order with this participant's dots on each, and how many dots are left. */
export async function ballotFor({
  voting,
  participantId,
}: {
  voting: Voting;
  participantId: number | null;
}): Promise<{ items: VoteItem[]; used: number; remaining: number }> {
  const items = await votableItems(db, voting);
  const mine: { item_type: string; item_id: number; n: number | string }[] =
    participantId === null
      ? []
      : await db("workshop_votes")
          .where({ voting_id: voting.id, participant_id: participantId })
          .groupBy("item_type", "item_id")
          .select("item_type", "item_id")
          .count("* as n");
  const byKey = new Map(mine.map((c) => [`${c.item_type}:${c.item_id}`, Number(c.n)]));
  const used = [...byKey.values()].reduce((a, b) => a + b, 0);
  return {
    items: items.map((i) => ({ ...i, dots: byKey.get(`${i.type}:${i.id}`) ?? 0 })),
    used,
    remaining: Math.max(0, voting.dots - used),
  };
}

export type VoteResult =
  | { ok: true; remaining: number }
  | { ok: false; problem: "closed" | "noDotsLeft" | "unknownItem" | "noDotHere"; remaining: number };

/**
 * Places one dot. The budget check and the insert share a transaction, and the check is a conditional
 * UPDATE of the participant's ballot row (`used < dots`): on PostgreSQL concurrent taps queue on that row
 * and re-check the condition, on SQLite the writes are serialised, so no budget is ever over-spent.
 */
export async function castVote({
  votingId,
  participantId,
  itemType,
  itemId,
  castBy = null,
  by,
}: {
  votingId: number;
  participantId: number;
  itemType: "theme" | "note";
  itemId: number;
  castBy?: number | null;
  /** A staff member placing a dot for someone (a paper participant): audited in the same transaction. */
  by?: VotedBy;
}): Promise<VoteResult> {
  return audited(votedEntry(by, "workshop.vote_for", votingId, participantId), async (trx) => {
    const votingRow: VotingRow | undefined = await trx("workshop_votings").where({ id: votingId }).first();
    if (!votingRow) throw new Error("unknown voting");
    const voting = toVoting(votingRow);
    await trx("workshop_ballots")
      .insert({ voting_id: votingId, participant_id: participantId, used: 0 })
      .onConflict(["voting_id", "participant_id"])
      .ignore();
    const remainingNow = async () => {
      const b: { used: number } = await trx("workshop_ballots")
        .where({ voting_id: votingId, participant_id: participantId })
        .first("used");
      return Math.max(0, voting.dots - Number(b.used));
    };
    if (voting.closedAt) return { ok: false as const, problem: "closed" as const, remaining: await remainingNow() };
    const items = await votableItems(trx, voting);
    if (!items.some((i) => i.type === itemType && i.id === itemId)) {
      return { ok: false as const, problem: "unknownItem" as const, remaining: await remainingNow() };
    }
    const claimed = await trx("workshop_ballots")
      .where({ voting_id: votingId, participant_id: participantId })
      .andWhere("used", "<", voting.dots)
      .increment("used", 1);
    if (Number(claimed) === 0) return { ok: false as const, problem: "noDotsLeft" as const, remaining: 0 };
    await trx("workshop_votes").insert({
      voting_id: votingId,
      participant_id: participantId,
      item_type: itemType,
      item_id: itemId,
      cast_by: castBy,
      created_at: nowIso(),
    });
    return { ok: true as const, remaining: await remainingNow() };
  });
}

/** Takes one of this participant's dots back from an item, while the voting is open. */
export async function withdrawVote({
  votingId,
  participantId,
  itemType,
  itemId,
  by,
}: {
  votingId: number;
  participantId: number;
  itemType: "theme" | "note";
  itemId: number;
  /** A staff member taking a dot back for someone: audited in the same transaction. */
  by?: VotedBy;
}): Promise<VoteResult> {
  return audited(votedEntry(by, "workshop.unvote_for", votingId, participantId), async (trx) => {
    const votingRow: VotingRow | undefined = await trx("workshop_votings").where({ id: votingId }).first();
    if (!votingRow) throw new Error("unknown voting");
    const voting = toVoting(votingRow);
    const ballot: { used: number } | undefined = await trx("workshop_ballots")
      .where({ voting_id: votingId, participant_id: participantId })
      .first("used");
    const used = Number(ballot?.used ?? 0);
    if (voting.closedAt)
      return { ok: false as const, problem: "closed" as const, remaining: Math.max(0, voting.dots - used) };
    const vote: { id: number } | undefined = await trx("workshop_votes")
      .where({ voting_id: votingId, participant_id: participantId, item_type: itemType, item_id: itemId })
      .orderBy("id", "desc")
      .first("id");
    if (!vote) return { ok: false as const, problem: "noDotHere" as const, remaining: Math.max(0, voting.dots - used) };
    const deleted = await trx("workshop_votes").where({ id: vote.id }).delete();
    if (deleted === 0)
      return { ok: false as const, problem: "noDotHere" as const, remaining: Math.max(0, voting.dots - used) };
    await trx("workshop_ballots")
      .where({ voting_id: votingId, participant_id: participantId })
      .andWhere("used", ">", 0)
      .decrement("used", 1);
    return { ok: true as const, remaining: Math.max(0, voting.dots - used + 1) };
  });
}

/** Who places or takes back a dot for someone, and in which session: what the audit entry names. */
export type VotedBy = ChangedBy & { workshopId: number };

/** The audit entry of a dot placed or taken back by staff; none for a participant's own tap or a refused one. */
function votedEntry(by: VotedBy | undefined, action: string, votingId: number, participantId: number) {
  return (result: VoteResult): AuditInput | null => {
    if (!by || !result.ok) return null;
    const { workshopId, ...who } = by;
    return sessionEntry(who, workshopId, action, { votingId, participantId });
  };
}

/** How many distinct people placed dots in a voting. */
export async function countVoters({ votingId }: { votingId: number }): Promise<number> {
  const [{ n }] = await db("workshop_ballots")
    .where({ voting_id: votingId })
    .andWhere("used", ">", 0)
    .count<{ n: number | string }[]>("* as n");
  return Number(n);
}
