import type { Knex } from "knex";
import { db, isPostgres, nowIso } from "~/db.server";
import type { Scope } from "~/auth/scope";
import { audit } from "~/models/audit.server";
import { whereAnyLinked, whereEveryInScope, type ProgrammeLinks } from "~/models/scope.server";
import type { Draft, SectionKey } from "~/reports/draft-types";

export type ReportStatus = "draft" | "final";

export interface ChangedFigure {
  key: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface SectionEdit {
  key: SectionKey;
  editedText: string | null;
  editedAt: string | null;
  editedByName: string | null;
  editedFigures: Record<string, string> | null;
  stale: boolean;
  changedFigures: ChangedFigure[];
}

export interface ReportRecord {
  id: number;
  title: string;
  from: string;
  to: string;
  programIds: number[];
  status: ReportStatus;
  draft: Draft;
  chosenQuoteIds: number[] | null;
  version: number;
  createdAt: string;
  createdByName: string | null;
  updatedAt: string;
  generatedAt: string;
  finalisedAt: string | null;
  finalisedByName: string | null;
  sections: SectionEdit[];
}

export interface ReportListItem {
  id: number;
  title: string;
  from: string;
  to: string;
  programIds: number[];
  status: ReportStatus;
  version: number;
  updatedAt: string;
  createdByName: string | null;
}

export interface ReportVersion {
  version: number;
  action: string;
  sectionKey: string | null;
  createdAt: string;
  createdByName: string | null;
}

export interface VersionSnapshot {
  draft: Draft;
  chosenQuoteIds: number[] | null;
  sections: Omit<SectionEdit, "editedByName" | "editedAt">[];
}

type Actor = { id: number; email: string };

interface ReportRow {
  id: number;
  title: string;
  period_from: string;
  period_to: string;
  program_ids: string;
  status: ReportStatus;
  draft: string;
  chosen_quote_ids: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  generated_at: string;
  finalised_at: string | null;
  created_by_name?: string | null;
  finalised_by_name?: string | null;
}

interface SectionRow {
  section_key: SectionKey;
  edited_text: string | null;
  edited_at: string | null;
  edited_figures: string | null;
  stale: boolean | number;
  changed_figures: string | null;
  edited_by_name?: string | null;
}

const parseJson = <T>(text: string | null, fallback: T): T => (text === null ? fallback : (JSON.parse(text) as T));

function toSection(r: SectionRow): SectionEdit {
  return {
    key: r.section_key,
    editedText: r.edited_text,
    editedAt: r.edited_at,
    editedByName: r.edited_by_name ?? null,
    editedFigures: parseJson(r.edited_figures, null),
    stale: Boolean(r.stale),
    changedFigures: parseJson(r.changed_figures, []),
  };
}

async function sectionsOf(reportId: number, trx: Knex = db): Promise<SectionEdit[]> {
  const rows: SectionRow[] = await trx("report_sections as s")
    .leftJoin("staff_users as u", "u.id", "s.edited_by")
    .where("s.report_id", reportId)
    .select("s.*", "u.name as edited_by_name")
    .orderBy("s.section_key");
  return rows.map(toSection);
}

/** A report's programmes are rows of `report_programs` (decision 0037): scope is a condition in SQL. */
const PROGRAMMES: ProgrammeLinks = { table: "report_programs", recordColumn: "report_id", recordId: "r.id" };

/** The report; with `scope`, null also when a programme it covers is outside the reader's scope. */
export async function getReport(
  { id, scope }: { id: number; scope?: Scope },
  trx: Knex = db,
): Promise<ReportRecord | null> {
  const query = trx("reports as r")
    .leftJoin("staff_users as c", "c.id", "r.created_by")
    .leftJoin("staff_users as f", "f.id", "r.finalised_by")
    .where("r.id", id);
  const row: ReportRow | undefined = await whereEveryInScope(query, PROGRAMMES, scope).first(
    "r.*",
    "c.name as created_by_name",
    "f.name as finalised_by_name",
  );
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    from: row.period_from,
    to: row.period_to,
    programIds: parseJson(row.program_ids, []),
    status: row.status,
    draft: JSON.parse(row.draft),
    chosenQuoteIds: parseJson(row.chosen_quote_ids, null),
    version: Number(row.version),
    createdAt: row.created_at,
    createdByName: row.created_by_name ?? null,
    updatedAt: row.updated_at,
    generatedAt: row.generated_at,
    finalisedAt: row.finalised_at,
    finalisedByName: row.finalised_by_name ?? null,
    sections: await sectionsOf(row.id, trx),
  };
}

/** The reports every programme of which is within `scope` (undefined: all), newest first, without the drafts. */
export async function listReports({ scope }: { scope?: Scope } = {}): Promise<ReportListItem[]> {
  const query = db("reports as r").leftJoin("staff_users as c", "c.id", "r.created_by");
  const rows: (Omit<ReportRow, "draft"> & { created_by_name: string | null })[] = await whereEveryInScope(
    query,
    PROGRAMMES,
    scope,
  )
    .orderBy([
      { column: "r.period_to", order: "desc" },
      { column: "r.id", order: "desc" },
    ])
    .select(
      "r.id",
      "r.title",
      "r.period_from",
      "r.period_to",
      "r.program_ids",
      "r.status",
      "r.version",
      "r.updated_at",
      "c.name as created_by_name",
    );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    from: r.period_from,
    to: r.period_to,
    programIds: parseJson(r.program_ids, []),
    status: r.status,
    version: Number(r.version),
    updatedAt: r.updated_at,
    createdByName: r.created_by_name,
  }));
}

/**
 * The texts the coordinator wrote for `keys` in the latest earlier report sharing a programme with
 * `programIds`: the next report starts from the previous one's background.
 */
export async function latestEditedTexts({
  programIds,
  keys,
}: {
  programIds: number[];
  keys: readonly SectionKey[];
}): Promise<Partial<Record<SectionKey, string>>> {
  if (keys.length === 0) return {};
  const query = db("report_sections as s")
    .join("reports as r", "r.id", "s.report_id")
    .whereIn("s.section_key", [...keys])
    .whereNotNull("s.edited_text")
    .orderBy([
      { column: "r.period_to", order: "desc" },
      { column: "r.id", order: "desc" },
    ])
    .select("s.section_key", "s.edited_text");
  const rows: { section_key: SectionKey; edited_text: string }[] = await whereAnyLinked(query, PROGRAMMES, programIds);
  const out: Partial<Record<SectionKey, string>> = {};
  for (const r of rows) if (r.edited_text && out[r.section_key] === undefined) out[r.section_key] = r.edited_text;
  return out;
}

async function snapshot(reportId: number, trx: Knex): Promise<string> {
  const report = await getReport({ id: reportId }, trx);
  if (!report) throw new Error(`report ${reportId} vanished`);
  const value: VersionSnapshot = {
    draft: report.draft,
    chosenQuoteIds: report.chosenQuoteIds,
    sections: report.sections.map((s) => ({
      key: s.key,
      editedText: s.editedText,
      editedFigures: s.editedFigures,
      stale: s.stale,
      changedFigures: s.changedFigures,
    })),
  };
  return JSON.stringify(value);
}

export async function createReport({
  title,
  from,
  to,
  programIds,
  draft,
  carried,
  actor,
  ip,
}: {
  title: string;
  from: string;
  to: string;
  programIds: number[];
  draft: Draft;
  carried: Partial<Record<SectionKey, string>>;
  actor: Actor;
  ip: string;
}): Promise<number> {
  return db.transaction(async (trx) => {
    const now = nowIso();
    const [{ id }] = await trx("reports")
      .insert({
        title,
        period_from: from,
        period_to: to,
        program_ids: JSON.stringify(programIds),
        status: "draft",
        draft: JSON.stringify(draft),
        chosen_quote_ids: null,
        version: 1,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
        generated_at: now,
      })
      .returning("id");
    const links = [...new Set(programIds)].map((programId) => ({ report_id: id, program_id: programId }));
    if (links.length > 0) await trx("report_programs").insert(links);
    for (const [key, text] of Object.entries(carried)) {
      await trx("report_sections").insert({
        report_id: id,
        section_key: key,
        edited_text: text,
        edited_by: actor.id,
        edited_at: now,
        edited_figures: JSON.stringify({}),
        stale: false,
      });
    }
    await trx("report_versions").insert({
      report_id: id,
      version: 1,
      action: "create",
      created_by: actor.id,
      created_at: now,
      snapshot: await snapshot(id, trx),
    });
    await audit(
      {
        actor,
        action: "report.create",
        entityType: "report",
        entityId: id,
        ip,
        details: { from, to, programIds, carried: Object.keys(carried) },
      },
      trx,
    );
    return id;
  });
}

export type ChangeResult = { ok: true; version: number } | { ok: false; problem: "not-found" | "final" | "conflict" };

/**
 * Every change to a report goes through here: only a draft changes, only from the version the staff
 * member saw (so two people editing at once cannot overwrite each other unseen), and each change keeps
 * a version with the whole report as it stood after it, and an audit entry.
 */
async function change(
  {
    id,
    expectedVersion,
    actor,
    ip,
    action,
    sectionKey = null,
    details = {},
  }: {
    id: number;
    expectedVersion: number | null;
    actor: Actor;
    ip: string;
    action: string;
    sectionKey?: SectionKey | null;
    details?: Record<string, unknown>;
  },
  apply: (trx: Knex.Transaction, now: string) => Promise<Record<string, unknown> | void>,
): Promise<ChangeResult> {
  return db.transaction(async (trx) => {
    const query = trx("reports").where({ id }).first("status", "version");
    if (isPostgres(trx)) query.forUpdate();
    const row: { status: ReportStatus; version: number } | undefined = await query;
    if (!row) return { ok: false as const, problem: "not-found" as const };
    if (row.status !== "draft") return { ok: false as const, problem: "final" as const };
    const version = Number(row.version);
    if (expectedVersion !== null && expectedVersion !== version)
      return { ok: false as const, problem: "conflict" as const };
    const now = nowIso();
    const reportChanges = (await apply(trx, now)) ?? {};
    const bumped = await trx("reports")
      .where({ id, version, status: "draft" })
      .update({ ...reportChanges, version: version + 1, updated_at: now });
    if (bumped === 0) return { ok: false as const, problem: "conflict" as const };
    await trx("report_versions").insert({
      report_id: id,
      version: version + 1,
      action,
      section_key: sectionKey,
      created_by: actor.id,
      created_at: now,
      snapshot: await snapshot(id, trx),
    });
    await audit(
      {
        actor,
        action: `report.${action}`,
        entityType: "report",
        entityId: id,
        ip,
        details: { ...details, ...(sectionKey ? { section: sectionKey } : {}), version: version + 1 },
      },
      trx,
    );
    return { ok: true as const, version: version + 1 };
  });
}

async function upsertSection(trx: Knex, reportId: number, key: SectionKey, values: Record<string, unknown>) {
  const updated = await trx("report_sections").where({ report_id: reportId, section_key: key }).update(values);
  if (updated === 0) await trx("report_sections").insert({ report_id: reportId, section_key: key, ...values });
}

export function saveSectionText(args: {
  id: number;
  key: SectionKey;
  text: string;
  editedFigures: Record<string, string>;
  expectedVersion: number;
  actor: Actor;
  ip: string;
}): Promise<ChangeResult> {
  return change(
    { ...args, action: "edit", sectionKey: args.key, details: { length: args.text.length } },
    async (trx, now) => {
      await upsertSection(trx, args.id, args.key, {
        edited_text: args.text,
        edited_by: args.actor.id,
        edited_at: now,
        edited_figures: JSON.stringify(args.editedFigures),
        stale: false,
        changed_figures: null,
      });
    },
  );
}

/** Back to the generated text of the section. */
export function resetSection(args: {
  id: number;
  key: SectionKey;
  expectedVersion: number;
  actor: Actor;
  ip: string;
}): Promise<ChangeResult> {
  return change({ ...args, action: "reset", sectionKey: args.key }, async (trx) => {
    await trx("report_sections").where({ report_id: args.id, section_key: args.key }).delete();
  });
}

/** A new draft from fresh data; edited sections whose figures changed are marked, with what changed. */
export function replaceDraft(args: {
  id: number;
  draft: Draft;
  staleness: { key: SectionKey; changed: ChangedFigure[] }[];
  expectedVersion: number;
  actor: Actor;
  ip: string;
}): Promise<ChangeResult> {
  return change(
    {
      ...args,
      action: "regenerate",
      details: { staleSections: args.staleness.filter((s) => s.changed.length > 0).map((s) => s.key) },
    },
    async (trx, now) => {
      for (const s of args.staleness) {
        await trx("report_sections")
          .where({ report_id: args.id, section_key: s.key })
          .whereNotNull("edited_text")
          .update({
            stale: s.changed.length > 0,
            changed_figures: s.changed.length > 0 ? JSON.stringify(s.changed) : null,
          });
      }
      return { draft: JSON.stringify(args.draft), generated_at: now };
    },
  );
}

export function setChosenQuotes(args: {
  id: number;
  quoteIds: number[];
  draft: Draft;
  expectedVersion: number;
  actor: Actor;
  ip: string;
}): Promise<ChangeResult> {
  return change({ ...args, action: "quotes", details: { quoteIds: args.quoteIds } }, async () => ({
    chosen_quote_ids: JSON.stringify(args.quoteIds),
    draft: JSON.stringify(args.draft),
  }));
}

/** Fastställ: the report is locked with the figures it has now. */
export function finaliseReport(args: {
  id: number;
  expectedVersion: number;
  actor: Actor;
  ip: string;
}): Promise<ChangeResult> {
  return change({ ...args, action: "finalise" }, async (_trx, now) => ({
    status: "final",
    finalised_by: args.actor.id,
    finalised_at: now,
  }));
}

export async function listReportVersions({ id }: { id: number }): Promise<ReportVersion[]> {
  const rows: {
    version: number;
    action: string;
    section_key: string | null;
    created_at: string;
    name: string | null;
  }[] = await db("report_versions as v")
    .leftJoin("staff_users as u", "u.id", "v.created_by")
    .where("v.report_id", id)
    .orderBy("v.version", "desc")
    .select("v.version", "v.action", "v.section_key", "v.created_at", "u.name");
  return rows.map((r) => ({
    version: Number(r.version),
    action: r.action,
    sectionKey: r.section_key,
    createdAt: r.created_at,
    createdByName: r.name,
  }));
}

export async function getReportVersion({
  id,
  version,
}: {
  id: number;
  version: number;
}): Promise<(ReportVersion & { snapshot: VersionSnapshot }) | null> {
  const row:
    | {
        version: number;
        action: string;
        section_key: string | null;
        created_at: string;
        name: string | null;
        snapshot: string;
      }
    | undefined = await db("report_versions as v")
    .leftJoin("staff_users as u", "u.id", "v.created_by")
    .where({ "v.report_id": id, "v.version": version })
    .first("v.version", "v.action", "v.section_key", "v.created_at", "u.name", "v.snapshot");
  if (!row) return null;
  return {
    version: Number(row.version),
    action: row.action,
    sectionKey: row.section_key,
    createdAt: row.created_at,
    createdByName: row.name,
    snapshot: JSON.parse(row.snapshot),
  };
}
