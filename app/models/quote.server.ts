import type { Knex } from "knex";
import { recordScope } from "~/auth/scope";
import { db, nowIso } from "~/db.server";
import { audit } from "~/models/audit.server";
import type { FeedbackSource } from "~/models/feedback-intake.server";
import { applyProgramScope, type ThemeRef, type Viewer } from "~/models/feedback.server";
import { redactionNames } from "~/models/redaction-name.server";
import { whereInScope } from "~/models/scope.server";
import { redact } from "~/privacy/redact";

import { QUOTE_STATUSES, QUOTE_TEXT_MAX, type QuoteStatus } from "~/models/feedback-constants";

export { QUOTE_STATUSES, QUOTE_TEXT_MAX, type QuoteStatus };

export interface QuoteListItem {
  id: number;
  feedbackId: number;
  text: string;
  status: QuoteStatus;
  source: FeedbackSource;
  consentToQuote: boolean;
  programName: string | null;
  activityName: string | null;
  quoteDate: string;
  themes: ThemeRef[];
}

export interface QuoteDetail extends QuoteListItem {
  programId: number | null;
  activityId: number | null;
  themeIds: number[];
  consentNote: string | null;
  createdByName: string | null;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

interface QuoteRow {
  id: number;
  feedback_id: number;
  text: string;
  status: QuoteStatus;
  program_id: number | null;
  activity_id: number | null;
  quote_date: string;
  created_by: number | null;
  created_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  source: FeedbackSource;
  consent_to_quote: boolean | number;
  consent_note: string | null;
  program_name: string | null;
  activity_name: string | null;
}

/** Quotes with what a list shows beside each: the feedback's source and consent, the programme's and activity's names. */
function quoteRows(trx: Knex = db): Knex.QueryBuilder {
  return trx("quotes")
    .join("feedback", "feedback.id", "quotes.feedback_id")
    .leftJoin("programs", "programs.id", "quotes.program_id")
    .leftJoin("activities", "activities.id", "quotes.activity_id")
    .select(
      "quotes.*",
      "feedback.source",
      "feedback.consent_to_quote",
      "feedback.consent_note",
      "programs.name as program_name",
      "activities.name as activity_name",
    );
}

function scoped(viewer: Viewer, trx: Knex = db): Knex.QueryBuilder {
  return applyProgramScope(quoteRows(trx), "quotes.program_id", viewer);
}

/**
 * Makes a feedback item a quote candidate, its text redacted as the inbox shows it. An item gives
 * at most one quote; asking again returns the one there is, whatever its status.
 */
export async function proposeQuote({
  feedbackId,
  viewer,
  ip,
}: {
  feedbackId: number;
  viewer: Viewer;
  ip: string;
}): Promise<{ ok: true; id: number; created: boolean } | { ok: false }> {
  const names = await redactionNames();
  return db.transaction(async (trx) => {
    const query = trx("feedback").where("feedback.id", feedbackId);
    applyProgramScope(query, "feedback.program_id", viewer);
    const item:
      | { id: number; text: string; program_id: number | null; activity_id: number | null; created_at: string }
      | undefined = await query.first("id", "text", "program_id", "activity_id", "created_at");
    if (!item) return { ok: false as const };
    const existing: { id: number } | undefined = await trx("quotes").where({ feedback_id: feedbackId }).first("id");
    if (existing) return { ok: true as const, id: existing.id, created: false };
    const now = nowIso();
    const [{ id }] = await trx("quotes")
      .insert({
        feedback_id: item.id,
        text: redact(item.text, { names }).text.slice(0, QUOTE_TEXT_MAX),
        status: "candidate",
        program_id: item.program_id,
        activity_id: item.activity_id,
        quote_date: item.created_at.slice(0, 10),
        created_by: viewer.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id");
    const themes: { theme_id: number }[] = await trx("feedback_item_themes")
      .where({ feedback_id: item.id })
      .select("theme_id");
    if (themes.length > 0)
      await trx("quote_themes").insert(themes.map((t) => ({ quote_id: id, theme_id: t.theme_id })));
    await audit(
      { actor: viewer, action: "quote.create", entityType: "quote", entityId: id, ip, details: { feedbackId } },
      trx,
    );
    return { ok: true as const, id, created: true };
  });
}

export async function listQuotes({
  viewer,
  status,
  themeId,
  limit = 50,
  offset = 0,
}: {
  viewer: Viewer;
  status?: QuoteStatus;
  themeId?: number;
  limit?: number;
  offset?: number;
}): Promise<{ quotes: QuoteListItem[]; total: number; counts: Record<QuoteStatus, number> }> {
  const base = scoped(viewer);
  if (themeId) {
    base.whereIn(
      "quotes.id",
      db("quote_themes")
        .select("quote_id")
        .whereIn("theme_id", db("feedback_themes").select("id").where("id", themeId).orWhere("parent_id", themeId)),
    );
  }
  const countRows: { status: QuoteStatus; n: number | string }[] = await base
    .clone()
    .clearSelect()
    .groupBy("quotes.status")
    .select("quotes.status")
    .count("* as n");
  const counts = { candidate: 0, approved: 0, rejected: 0 };
  for (const r of countRows) counts[r.status] = Number(r.n);
  if (status) base.where("quotes.status", status);
  const rows: QuoteRow[] = await base
    .orderBy([
      { column: "quotes.quote_date", order: "desc" },
      { column: "quotes.id", order: "desc" },
    ])
    .limit(limit)
    .offset(offset);
  const themes = await themesOf(rows.map((r) => r.id));
  const total = status ? counts[status] : counts.candidate + counts.approved + counts.rejected;
  return { quotes: rows.map((r) => toItem(r, themes.get(r.id) ?? [])), total, counts };
}

export async function getQuote({ id, viewer }: { id: number; viewer: Viewer }): Promise<QuoteDetail | null> {
  const row: QuoteRow | undefined = await scoped(viewer).where("quotes.id", id).first();
  if (!row) return null;
  const [themes, creator, decider] = await Promise.all([
    themesOf([id]),
    row.created_by ? db("staff_users").where({ id: row.created_by }).first("name") : null,
    row.decided_by ? db("staff_users").where({ id: row.decided_by }).first("name") : null,
  ]);
  const refs = themes.get(id) ?? [];
  return {
    ...toItem(row, refs),
    programId: row.program_id,
    activityId: row.activity_id,
    themeIds: refs.map((t) => t.id),
    consentNote: row.consent_note,
    createdByName: creator?.name ?? null,
    createdAt: row.created_at,
    decidedByName: decider?.name ?? null,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
  };
}

export type QuoteProblem = "not-found" | "no-consent" | "decided" | "rejected" | "empty" | "invalid";
type Outcome = { ok: true } | { ok: false; problem: QuoteProblem };

/**
 * Staff adjust a candidate before deciding: mask more by hand, set themes, activity and date. The
 * text is redacted again on the way in, so nothing the rules find can be typed back.
 */
export async function updateQuote(args: {
  id: number;
  viewer: Viewer;
  ip: string;
  text: string;
  themeIds: number[];
  activityId: number | null;
  quoteDate: string;
}): Promise<Outcome> {
  const names = await redactionNames();
  return db.transaction(async (trx) => {
    const row: QuoteRow | undefined = await scoped(args.viewer, trx).where("quotes.id", args.id).first();
    if (!row) return { ok: false as const, problem: "not-found" as const };
    if (row.status !== "candidate") return { ok: false as const, problem: "decided" as const };
    const text = redact(args.text.trim(), { names }).text;
    if (text === "") return { ok: false as const, problem: "empty" as const };
    const themeIds = [...new Set(args.themeIds)];
    if (themeIds.length > 0) {
      const [{ n }] = await trx("feedback_themes").whereIn("id", themeIds).count<{ n: number | string }[]>("* as n");
      if (Number(n) !== themeIds.length) return { ok: false as const, problem: "invalid" as const };
    }
    // A new activity only if the reviewer may pick it: their programmes' and those tied to none ("shared", decision
    // 0046). The quote's own activity may stay.
    const pickable = (id: number) =>
      whereInScope(trx("activities").where({ id }), "program_id", recordScope(args.viewer, "shared")).first("id");
    if (args.activityId !== null && args.activityId !== row.activity_id && !(await pickable(args.activityId))) {
      return { ok: false as const, problem: "invalid" as const };
    }
    await trx("quotes")
      .where({ id: args.id })
      .update({ text, activity_id: args.activityId, quote_date: args.quoteDate, updated_at: nowIso() });
    await trx("quote_themes").where({ quote_id: args.id }).delete();
    if (themeIds.length > 0)
      await trx("quote_themes").insert(themeIds.map((theme_id) => ({ quote_id: args.id, theme_id })));
    await audit(
      {
        actor: args.viewer,
        action: "quote.edit",
        entityType: "quote",
        entityId: args.id,
        ip: args.ip,
        details: { textChanged: text !== row.text, themeIds, activityId: args.activityId, quoteDate: args.quoteDate },
      },
      trx,
    );
    return { ok: true as const };
  });
}

/** Approval needs the source's consent (survey question, recorded verbal consent, form tick box). */
export async function approveQuote({ id, viewer, ip }: { id: number; viewer: Viewer; ip: string }): Promise<Outcome> {
  return db.transaction(async (trx) => {
    const row: QuoteRow | undefined = await scoped(viewer, trx).where("quotes.id", id).first();
    if (!row) return { ok: false as const, problem: "not-found" as const };
    if (row.status === "rejected") return { ok: false as const, problem: "rejected" as const };
    if (row.status === "approved") return { ok: false as const, problem: "decided" as const };
    if (!row.consent_to_quote) return { ok: false as const, problem: "no-consent" as const };
    const now = nowIso();
    // the status condition makes two simultaneous decisions settle on one
    const changed = await trx("quotes")
      .where({ id, status: "candidate" })
      .update({ status: "approved", decided_by: viewer.id, decided_at: now, updated_at: now });
    if (changed === 0) return { ok: false as const, problem: "decided" as const };
    await audit({ actor: viewer, action: "quote.approve", entityType: "quote", entityId: id, ip }, trx);
    return { ok: true as const };
  });
}

/** Rejected quotes stay rejected. An approved one can still be withdrawn this way. */
export async function rejectQuote({
  id,
  viewer,
  ip,
  note,
}: {
  id: number;
  viewer: Viewer;
  ip: string;
  note: string;
}): Promise<Outcome> {
  return db.transaction(async (trx) => {
    const row: QuoteRow | undefined = await scoped(viewer, trx).where("quotes.id", id).first();
    if (!row) return { ok: false as const, problem: "not-found" as const };
    if (row.status === "rejected") return { ok: false as const, problem: "rejected" as const };
    const now = nowIso();
    await trx("quotes")
      .where({ id })
      .update({
        status: "rejected",
        decided_by: viewer.id,
        decided_at: now,
        decision_note: note.trim() || null,
        updated_at: now,
      });
    await audit(
      { actor: viewer, action: "quote.reject", entityType: "quote", entityId: id, ip, details: { from: row.status } },
      trx,
    );
    return { ok: true as const };
  });
}

/** What reports use: approved quotes of some programmes, optionally within dates (YYYY-MM-DD, inclusive). */
export async function listApprovedQuotes({
  programIds,
  from,
  to,
}: {
  programIds: number[];
  from?: string;
  to?: string;
}): Promise<QuoteListItem[]> {
  const query = quoteRows()
    .where("quotes.status", "approved")
    .whereIn("quotes.program_id", programIds.length > 0 ? programIds : [-1])
    .orderBy("quotes.quote_date");
  if (from) query.where("quotes.quote_date", ">=", from);
  if (to) query.where("quotes.quote_date", "<=", to);
  const rows: QuoteRow[] = await query;
  const themes = await themesOf(rows.map((r) => r.id));
  return rows.map((r) => toItem(r, themes.get(r.id) ?? []));
}

async function themesOf(ids: number[]): Promise<Map<number, ThemeRef[]>> {
  const map = new Map<number, ThemeRef[]>();
  if (ids.length === 0) return map;
  const rows: { quote_id: number; id: number; name: string }[] = await db("quote_themes")
    .join("feedback_themes", "feedback_themes.id", "quote_themes.theme_id")
    .whereIn("quote_themes.quote_id", ids)
    .select("quote_themes.quote_id", "feedback_themes.id", "feedback_themes.name")
    .orderBy("feedback_themes.sort_order");
  for (const r of rows) map.set(r.quote_id, [...(map.get(r.quote_id) ?? []), { id: r.id, name: r.name }]);
  return map;
}

function toItem(r: QuoteRow, themes: ThemeRef[]): QuoteListItem {
  return {
    id: r.id,
    feedbackId: r.feedback_id,
    text: r.text,
    status: r.status,
    source: r.source,
    consentToQuote: Boolean(r.consent_to_quote),
    programName: r.program_name,
    activityName: r.activity_name,
    quoteDate: r.quote_date,
    themes,
  };
}
