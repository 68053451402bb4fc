import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { addDays } from "~/outcomes/calendar";
import type { Role } from "~/auth/roles";
import { inScope, recordScope, type Scope } from "~/auth/scope";
import { whereInScope } from "~/models/scope.server";
import { audit } from "~/models/audit.server";
import { recordFeedback, type FeedbackSource } from "~/models/feedback-intake.server";
import { redactionNames } from "~/models/redaction-name.server";
import { redact } from "~/privacy/redact";
import { detectRisk } from "~/privacy/risk-words";

import { FEEDBACK_SOURCES, FEEDBACK_STATUSES, FORM_TEXT_MAX, type FeedbackStatus } from "~/models/feedback-constants";

export { FEEDBACK_SOURCES, FEEDBACK_STATUSES, FORM_TEXT_MAX, type FeedbackStatus };
const _sourcesMatchIntake: readonly FeedbackSource[] = FEEDBACK_SOURCES;

/** Who is looking: the scope of what they may see follows from role and programmes. */
export interface Viewer {
  id: number;
  email: string;
  role: Role;
  programIds: number[];
}

const REVIEW_ROLES: readonly Role[] = ["admin", "coordinator", "case_manager"];

/**
 * Feedback and the quotes made from it follow the "triage" rule of app/auth/scope.ts: an item whose programme
 * nobody named (the public form lets people skip it) is seen by admins and coordinators, who sort it; every
 * role outside the review roles sees nothing.
 */
export function feedbackScope(viewer: Viewer): Scope {
  return recordScope(viewer, "triage", REVIEW_ROLES);
}

/** Limits a query to what the viewer may see of feedback and quotes, in SQL. */
export function applyProgramScope<Q extends Knex.QueryBuilder>(query: Q, column: string, viewer: Viewer): Q {
  return whereInScope(query, column, feedbackScope(viewer));
}

// --- the safety flag ----------------------------------------------------------------------------

/**
 * Runs the risk word list over items not yet scanned: rows from before the scan happened at intake
 * (`recordFeedback` scans each new item), run once at start. Each item is scanned once, so a flag a person
 * has cleared is not raised again.
 */
export async function scanFeedbackForRisk({ limit = 500 }: { limit?: number } = {}): Promise<number> {
  const rows: { id: number; text: string }[] = await db("feedback")
    .whereNull("risk_scanned_at")
    .select("id", "text")
    .orderBy("id")
    .limit(limit);
  let flagged = 0;
  for (const row of rows) {
    const risk = detectRisk(row.text);
    const now = nowIso();
    const changes: Record<string, unknown> = { risk_scanned_at: now };
    if (risk.flagged) {
      Object.assign(changes, {
        flagged: true,
        flagged_at: now,
        flag_reason: risk.matches
          .map((m) => m.word)
          .join(", ")
          .slice(0, 500),
      });
      flagged += 1;
    }
    await db("feedback").where({ id: row.id }).whereNull("risk_scanned_at").update(changes);
  }
  return flagged;
}

// --- intake from the public form and from staff ------------------------------------------------------

export async function receiveFormFeedback(input: {
  text: string;
  programId: number | null;
  activityId: number | null;
  contact: string | null;
  consentToQuote: boolean;
}): Promise<number> {
  const { id } = await recordFeedback({
    source: "form",
    text: input.text,
    programId: input.programId,
    activityId: input.activityId,
    contact: input.contact,
    consentToQuote: input.consentToQuote,
    consentNote: input.consentToQuote ? "Kryssruta i tyck till-formuläret" : null,
  });
  return id;
}

/** A note a staff member writes after a conversation; consent is what the person said out loud. */
export async function addStaffNote(input: {
  viewer: Viewer;
  text: string;
  programId: number;
  activityId: number | null;
  consentToQuote: boolean;
  consentNote: string | null;
  ip: string;
}): Promise<{ ok: true; id: number } | { ok: false; problem: "program" }> {
  if (!inScope(feedbackScope(input.viewer), input.programId)) return { ok: false, problem: "program" };
  const id = await db.transaction(async (trx) => {
    const created = await recordFeedback(
      {
        source: "staff",
        text: input.text,
        programId: input.programId,
        activityId: input.activityId,
        consentToQuote: input.consentToQuote,
        consentNote: input.consentNote,
        createdBy: input.viewer.id,
      },
      trx,
    );
    await audit(
      { actor: input.viewer, action: "feedback.note", entityType: "feedback", entityId: created.id, ip: input.ip },
      trx,
    );
    return created.id;
  });
  return { ok: true, id };
}

// --- the inbox ----------------------------------------------------------------------------------

export interface FeedbackFilter {
  source?: FeedbackSource;
  programId?: number;
  activityId?: number;
  themeId?: number;
  status?: FeedbackStatus;
  from?: string;
  to?: string;
  flagged?: boolean;
  assignedTo?: number;
}

export interface ThemeRef {
  id: number;
  name: string;
}

export interface FeedbackListItem {
  id: number;
  source: FeedbackSource;
  programName: string | null;
  activityName: string | null;
  /** Redacted, and cut to a preview length. */
  excerpt: string;
  truncated: boolean;
  status: FeedbackStatus;
  flagged: boolean;
  assignedToName: string | null;
  themes: ThemeRef[];
  createdAt: string;
  consentToQuote: boolean;
  wantsContact: boolean;
  commentCount: number;
  quoteStatus: string | null;
}

interface FeedbackRow {
  id: number;
  source: FeedbackSource;
  source_ref: string | null;
  program_id: number | null;
  activity_id: number | null;
  text: string;
  consent_to_quote: boolean | number;
  consent_note: string | null;
  contact: string | null;
  created_by: number | null;
  status: FeedbackStatus;
  created_at: string;
  assigned_to: number | null;
  flagged: boolean | number;
  flag_reason: string | null;
  flagged_at: string | null;
}

const EXCERPT = 400;

function filtered(
  viewer: Viewer,
  filter: FeedbackFilter,
  { withTheme = true }: { withTheme?: boolean } = {},
): Knex.QueryBuilder {
  const query = db("feedback");
  applyProgramScope(query, "feedback.program_id", viewer);
  if (filter.source) query.where("feedback.source", filter.source);
  if (filter.programId) query.where("feedback.program_id", filter.programId);
  if (filter.activityId) query.where("feedback.activity_id", filter.activityId);
  if (filter.status) query.where("feedback.status", filter.status);
  if (filter.from) query.where("feedback.created_at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) query.where("feedback.created_at", "<", addDays(filter.to, 1));
  if (filter.flagged !== undefined) query.where("feedback.flagged", filter.flagged);
  if (filter.assignedTo) query.where("feedback.assigned_to", filter.assignedTo);
  if (withTheme && filter.themeId) {
    // a parent theme also finds its sub-themes
    query.whereIn(
      "feedback.id",
      db("feedback_item_themes")
        .select("feedback_id")
        .whereIn(
          "theme_id",
          db("feedback_themes").select("id").where("id", filter.themeId).orWhere("parent_id", filter.themeId),
        ),
    );
  }
  return query;
}

/** The inbox: flagged items first, then newest first; text always redacted. */
export async function listFeedback({
  viewer,
  filter = {},
  limit = 50,
  offset = 0,
}: {
  viewer: Viewer;
  filter?: FeedbackFilter;
  limit?: number;
  offset?: number;
}): Promise<{ items: FeedbackListItem[]; total: number }> {
  const base = filtered(viewer, filter);
  const [{ n }] = await base.clone().count<{ n: number | string }[]>("* as n");
  const rows: (FeedbackRow & {
    program_name: string | null;
    activity_name: string | null;
    assignee_name: string | null;
  })[] = await base
    .clone()
    .leftJoin("programs", "programs.id", "feedback.program_id")
    .leftJoin("activities", "activities.id", "feedback.activity_id")
    .leftJoin("staff_users", "staff_users.id", "feedback.assigned_to")
    .select(
      "feedback.*",
      "programs.name as program_name",
      "activities.name as activity_name",
      "staff_users.name as assignee_name",
    )
    .orderBy([
      { column: "feedback.flagged", order: "desc" },
      { column: "feedback.created_at", order: "desc" },
      { column: "feedback.id", order: "desc" },
    ])
    .limit(limit)
    .offset(offset);
  const ids = rows.map((r) => r.id);
  const [themes, comments, quotes, names] = await Promise.all([
    themesOf(ids),
    commentCounts(ids),
    quoteStatuses(ids),
    redactionNames(),
  ]);
  const items = rows.map((r) => {
    const text = redact(r.text, { names }).text;
    return {
      id: r.id,
      source: r.source,
      programName: r.program_name,
      activityName: r.activity_name,
      excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT).trimEnd()}…` : text,
      truncated: text.length > EXCERPT,
      status: r.status,
      flagged: Boolean(r.flagged),
      assignedToName: r.assignee_name,
      themes: themes.get(r.id) ?? [],
      createdAt: r.created_at,
      consentToQuote: Boolean(r.consent_to_quote),
      wantsContact: Boolean(r.contact),
      commentCount: comments.get(r.id) ?? 0,
      quoteStatus: quotes.get(r.id) ?? null,
    };
  });
  return { items, total: Number(n) };
}

/** How many items in the viewer's scope (and the other filters) carry each theme. */
export async function themeCounts({
  viewer,
  filter = {},
}: {
  viewer: Viewer;
  filter?: FeedbackFilter;
}): Promise<Map<number, number>> {
  const rows: { theme_id: number; n: number | string }[] = await filtered(viewer, filter, { withTheme: false })
    .join("feedback_item_themes", "feedback_item_themes.feedback_id", "feedback.id")
    .groupBy("feedback_item_themes.theme_id")
    .select("feedback_item_themes.theme_id")
    .count("* as n");
  return new Map(rows.map((r) => [r.theme_id, Number(r.n)]));
}

async function themesOf(ids: number[]): Promise<Map<number, ThemeRef[]>> {
  const map = new Map<number, ThemeRef[]>();
  if (ids.length === 0) return map;
  const rows: { feedback_id: number; id: number; name: string }[] = await db("feedback_item_themes")
    .join("feedback_themes", "feedback_themes.id", "feedback_item_themes.theme_id")
    .whereIn("feedback_item_themes.feedback_id", ids)
    .select("feedback_item_themes.feedback_id", "feedback_themes.id", "feedback_themes.name")
    .orderBy("feedback_themes.sort_order");
  for (const r of rows) map.set(r.feedback_id, [...(map.get(r.feedback_id) ?? []), { id: r.id, name: r.name }]);
  return map;
}

async function commentCounts(ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows: { feedback_id: number; n: number | string }[] = await db("feedback_comments")
    .whereIn("feedback_id", ids)
    .groupBy("feedback_id")
    .select("feedback_id")
    .count("* as n");
  return new Map(rows.map((r) => [r.feedback_id, Number(r.n)]));
}

async function quoteStatuses(ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows: { feedback_id: number; status: string }[] = await db("quotes")
    .whereIn("feedback_id", ids)
    .select("feedback_id", "status");
  return new Map(rows.map((r) => [r.feedback_id, r.status]));
}

// --- one item -----------------------------------------------------------------------------------

export interface FeedbackComment {
  id: number;
  kind: "comment" | "flag_set" | "flag_cleared";
  body: string;
  authorName: string | null;
  createdAt: string;
}

export interface FeedbackDetail {
  id: number;
  source: FeedbackSource;
  programId: number | null;
  programName: string | null;
  activityId: number | null;
  activityName: string | null;
  /** Redacted; the raw text is only given by `readRawFeedback`, which is audited. */
  text: string;
  redactedKinds: string[];
  status: FeedbackStatus;
  flagged: boolean;
  flagReason: string | null;
  flaggedAt: string | null;
  assignedTo: number | null;
  assignedToName: string | null;
  themeIds: number[];
  createdAt: string;
  createdByName: string | null;
  consentToQuote: boolean;
  consentNote: string | null;
  wantsContact: boolean;
  comments: FeedbackComment[];
  quote: { id: number; status: string } | null;
}

async function scopedRow(id: number, viewer: Viewer, trx: Knex = db): Promise<FeedbackRow | undefined> {
  const query = trx("feedback").where("feedback.id", id).select("feedback.*");
  applyProgramScope(query, "feedback.program_id", viewer);
  return query.first();
}

/** The item if the viewer may see it; null both when it does not exist and when it is out of scope. */
export async function getFeedback({ id, viewer }: { id: number; viewer: Viewer }): Promise<FeedbackDetail | null> {
  const row = await scopedRow(id, viewer);
  if (!row) return null;
  const [program, activity, assignee, author, themes, comments, quote, names] = await Promise.all([
    row.program_id ? db("programs").where({ id: row.program_id }).first("name") : null,
    row.activity_id ? db("activities").where({ id: row.activity_id }).first("name") : null,
    row.assigned_to ? db("staff_users").where({ id: row.assigned_to }).first("name") : null,
    row.created_by ? db("staff_users").where({ id: row.created_by }).first("name") : null,
    db("feedback_item_themes").where({ feedback_id: id }).select("theme_id"),
    db("feedback_comments")
      .leftJoin("staff_users", "staff_users.id", "feedback_comments.author_id")
      .where("feedback_comments.feedback_id", id)
      .select("feedback_comments.*", "staff_users.name as author_name")
      .orderBy([{ column: "feedback_comments.created_at" }, { column: "feedback_comments.id" }]),
    db("quotes").where({ feedback_id: id }).first("id", "status"),
    redactionNames(),
  ]);
  const redacted = redact(row.text, { names });
  return {
    id: row.id,
    source: row.source,
    programId: row.program_id,
    programName: program?.name ?? null,
    activityId: row.activity_id,
    activityName: activity?.name ?? null,
    text: redacted.text,
    redactedKinds: [...new Set(redacted.found.map((f) => f.kind))],
    status: row.status,
    flagged: Boolean(row.flagged),
    flagReason: row.flag_reason,
    flaggedAt: row.flagged_at,
    assignedTo: row.assigned_to,
    assignedToName: assignee?.name ?? null,
    themeIds: (themes as { theme_id: number }[]).map((t) => t.theme_id),
    createdAt: row.created_at,
    createdByName: author?.name ?? null,
    consentToQuote: Boolean(row.consent_to_quote),
    consentNote: row.consent_note,
    wantsContact: Boolean(row.contact),
    comments: (
      comments as {
        id: number;
        kind: FeedbackComment["kind"];
        body: string;
        author_name: string | null;
        created_at: string;
      }[]
    ).map((c) => ({
      id: c.id,
      kind: c.kind,
      // Comments stored before they were masked on the way in are masked on the way out.
      body: redact(c.body, { names }).text,
      authorName: c.author_name,
      createdAt: c.created_at,
    })),
    quote: quote ? { id: quote.id, status: quote.status } : null,
  };
}

/** The text as written, and the contact details if any. Every call is written to the audit log. */
export async function readRawFeedback({
  id,
  viewer,
  ip,
}: {
  id: number;
  viewer: Viewer;
  ip: string;
}): Promise<{ text: string; contact: string | null } | null> {
  return db.transaction(async (trx) => {
    const row = await scopedRow(id, viewer, trx);
    if (!row) return null;
    await audit(
      {
        actor: viewer,
        action: "feedback.read_raw",
        entityType: "feedback",
        entityId: id,
        ip,
        details: { source: row.source, contact: Boolean(row.contact) },
      },
      trx,
    );
    return { text: row.text, contact: row.contact };
  });
}

/** Opening a new item counts as reading it. */
export async function markFeedbackRead({ id, viewer }: { id: number; viewer: Viewer }): Promise<void> {
  const query = db("feedback").where({ id, status: "ny" });
  applyProgramScope(query, "program_id", viewer);
  await query.update({ status: "last", updated_at: nowIso() });
}

type Change = { ok: true } | { ok: false; problem: "not-found" | "invalid" };

async function change(
  { id, viewer, ip }: { id: number; viewer: Viewer; ip: string },
  apply: (
    trx: Knex.Transaction,
    row: FeedbackRow,
  ) => Promise<{ action: string; details?: Record<string, unknown> } | "invalid">,
): Promise<Change> {
  return db.transaction(async (trx) => {
    const row = await scopedRow(id, viewer, trx);
    if (!row) return { ok: false as const, problem: "not-found" as const };
    const outcome = await apply(trx, row);
    if (outcome === "invalid") return { ok: false as const, problem: "invalid" as const };
    await trx("feedback").where({ id }).update({ updated_at: nowIso() });
    await audit(
      { actor: viewer, action: outcome.action, entityType: "feedback", entityId: id, ip, details: outcome.details },
      trx,
    );
    return { ok: true as const };
  });
}

export function setFeedbackStatus(args: {
  id: number;
  viewer: Viewer;
  ip: string;
  status: FeedbackStatus;
}): Promise<Change> {
  return change(args, async (trx, row) => {
    await trx("feedback").where({ id: row.id }).update({ status: args.status });
    return { action: "feedback.status", details: { from: row.status, to: args.status } };
  });
}

/** Colleagues an item can be given to: review roles who work in its programme. */
export async function listAssignableStaff(
  { programId }: { programId: number | null },
  trx: Knex = db,
): Promise<{ id: number; name: string }[]> {
  const query = trx("staff_users")
    .whereIn("role", REVIEW_ROLES as Role[])
    .where("disabled", false)
    .select("id", "name")
    .orderBy("name");
  query.where((q) => {
    q.where("role", "admin");
    if (programId === null) q.orWhere("role", "coordinator");
    else q.orWhereIn("id", trx("staff_programs").select("staff_id").where("program_id", programId));
  });
  return query;
}

export function assignFeedback(args: {
  id: number;
  viewer: Viewer;
  ip: string;
  assigneeId: number | null;
}): Promise<Change> {
  return change(args, async (trx, row) => {
    if (args.assigneeId !== null) {
      const allowed = await listAssignableStaff({ programId: row.program_id }, trx);
      if (!allowed.some((s) => s.id === args.assigneeId)) return "invalid";
    }
    await trx("feedback").where({ id: row.id }).update({ assigned_to: args.assigneeId });
    return { action: "feedback.assign", details: { to: args.assigneeId } };
  });
}

export function setFeedbackThemes(args: {
  id: number;
  viewer: Viewer;
  ip: string;
  themeIds: number[];
}): Promise<Change> {
  return change(args, async (trx, row) => {
    const wanted = [...new Set(args.themeIds)];
    const current: number[] = (await trx("feedback_item_themes").where({ feedback_id: row.id }).select("theme_id")).map(
      (r: { theme_id: number }) => r.theme_id,
    );
    const added = wanted.filter((t) => !current.includes(t));
    if (added.length > 0) {
      // only active themes can be added; ones already on the item may stay even if archived since
      const [{ n }] = await trx("feedback_themes")
        .whereIn("id", added)
        .whereNull("archived_at")
        .count<{ n: number | string }[]>("* as n");
      if (Number(n) !== added.length) return "invalid";
    }
    const removed = current.filter((t) => !wanted.includes(t));
    if (removed.length > 0)
      await trx("feedback_item_themes").where({ feedback_id: row.id }).whereIn("theme_id", removed).delete();
    if (added.length > 0)
      await trx("feedback_item_themes").insert(added.map((theme_id) => ({ feedback_id: row.id, theme_id })));
    return { action: "feedback.themes", details: { added, removed } };
  });
}

/**
 * Staff comments are masked like feedback before they are stored: the form says not to write identity numbers,
 * contact details or names, and this holds even when someone does.
 */
async function redactComment(text: string): Promise<string> {
  const trimmed = text.trim();
  return trimmed === "" ? "" : redact(trimmed, { names: await redactionNames() }).text;
}

export async function addFeedbackComment(args: {
  id: number;
  viewer: Viewer;
  ip: string;
  body: string;
}): Promise<Change> {
  const body = await redactComment(args.body);
  return change(args, async (trx, row) => {
    if (body === "") return "invalid";
    await trx("feedback_comments").insert({
      feedback_id: row.id,
      author_id: args.viewer.id,
      kind: "comment",
      body,
      created_at: nowIso(),
    });
    return { action: "feedback.comment" };
  });
}

export async function flagFeedback(args: { id: number; viewer: Viewer; ip: string; comment: string }): Promise<Change> {
  const comment = await redactComment(args.comment);
  return change(args, async (trx, row) => {
    if (row.flagged) return "invalid";
    const now = nowIso();
    await trx("feedback").where({ id: row.id }).update({ flagged: true, flagged_at: now, flag_reason: "manual" });
    if (comment) {
      await trx("feedback_comments").insert({
        feedback_id: row.id,
        author_id: args.viewer.id,
        kind: "flag_set",
        body: comment,
        created_at: now,
      });
    }
    return { action: "feedback.flag" };
  });
}

/** Clearing a safety flag needs a comment saying what was done. */
export async function clearFeedbackFlag(args: {
  id: number;
  viewer: Viewer;
  ip: string;
  comment: string;
}): Promise<Change> {
  const comment = await redactComment(args.comment);
  return change(args, async (trx, row) => {
    if (!row.flagged || comment === "") return "invalid";
    await trx("feedback").where({ id: row.id }).update({ flagged: false });
    await trx("feedback_comments").insert({
      feedback_id: row.id,
      author_id: args.viewer.id,
      kind: "flag_cleared",
      body: comment,
      created_at: nowIso(),
    });
    return { action: "feedback.unflag", details: { reason: row.flag_reason } };
  });
}
