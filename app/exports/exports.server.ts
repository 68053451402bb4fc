import fs from "node:fs";
import { z } from "zod";
import { leftOutAsEmpty, parseForm } from "~/http/parse-form";
import { programScope } from "~/auth/scope";
import { audit } from "~/models/audit.server";
import { getCampaign, listCampaigns, type Campaign } from "~/models/campaign.server";
import {
  beginExport,
  countExportRows,
  failExport,
  failInterruptedExports,
  finishExport,
  getExport,
  listExports,
  runningExportOf,
  type ExportFilters,
  type ExportRecord,
} from "~/models/export.server";
import { redactionNames } from "~/models/redaction-name.server";
import type { StaffUser } from "~/models/staff.server";
import { MIN_K } from "~/privacy/k-anonymity";
import { listSurveys } from "~/surveys/registry.server";
import { buildExportZip, EmptyExportError, exportFilePath, previewExport, type ExportSource } from "./build.server";

/** The research export's use cases, between the routes and the models (issue 12). */

export const MAX_K = 100;
export const MAX_CAMPAIGNS = 50;

type Staff = Pick<StaffUser, "id" | "email" | "role" | "programIds">;

export type FilterError =
  | "noCampaign"
  | "badCampaign"
  | "tooManyCampaigns"
  | "kNotNumber"
  | "kTooSmall"
  | "kTooLarge"
  | "mixedSurveys"
  | "noRows";

const filterSchema = z.object({
  campaignId: z
    .array(z.string().trim())
    .transform((ids) => ids.filter((id) => id !== ""))
    .pipe(
      z
        .array(z.string().regex(/^\d{1,9}$/, "badCampaign"))
        .min(1, "noCampaign")
        .max(MAX_CAMPAIGNS, "tooManyCampaigns"),
    ),
  // DESIGN.md: `k` defaults to 5, so a post may leave it out.
  k: leftOutAsEmpty(
    z
      .string()
      .trim()
      .transform((v) => (v === "" ? String(MIN_K) : v))
      .pipe(
        z
          .string()
          .regex(/^\d{1,4}$/, "kNotNumber")
          .transform(Number)
          .pipe(z.number().min(MIN_K, "kTooSmall").max(MAX_K, "kTooLarge")),
      ),
  ),
  freeText: z.boolean(),
});

/** Reads `campaignId` (repeated), `k` and `freeText` from a form or a query string, through the house's parseForm. */
export function parseExportFilters(
  params: URLSearchParams | FormData,
): { ok: true; value: ExportFilters } | { ok: false; error: FilterError } {
  const parsed = parseForm(params, filterSchema, { fallback: "badCampaign" });
  if (!parsed.ok)
    return { ok: false, error: (parsed.errors.campaignId ?? parsed.errors.k ?? "badCampaign") as FilterError };
  const campaignIds = [...new Set(parsed.value.campaignId.map(Number))];
  return { ok: true, value: { campaignIds, k: parsed.value.k, freeText: parsed.value.freeText } };
}

/**
 * Audits an export the app refused (bad filters, mixed surveys, no rows, a wave out of reach, a download that is
 * not the person's or not ready): who, when and why, as `export.refused`.
 */
export async function auditExportRefusal(
  staff: Staff,
  ip: string,
  reason: string,
  {
    entityType = "export",
    entityId,
    details = {},
  }: { entityType?: string; entityId?: number | null; details?: Record<string, unknown> } = {},
): Promise<void> {
  await audit({
    actor: staff,
    action: "export.refused",
    entityType,
    entityId: entityId ?? undefined,
    ip,
    details: { reason, ...details },
  });
}

export interface ExportChoices {
  surveys: { key: string; title: string }[];
  campaigns: (Pick<Campaign, "id" | "title" | "surveyKey" | "programName" | "opensOn" | "closesOn"> & {
    responses: number;
  })[];
}

/** The waves a staff member may export: those of their programmes (all for admins). */
export async function exportChoices(staff: Staff, locale: "sv" | "en"): Promise<ExportChoices> {
  const [campaigns, surveys] = await Promise.all([listCampaigns({ programIds: programScope(staff) }), listSurveys()]);
  return {
    surveys: surveys.map((s) => ({ key: s.key, title: s.title[locale] })),
    campaigns: campaigns.map((c) => ({
      id: c.id,
      title: c.title,
      surveyKey: c.surveyKey,
      programName: c.programName,
      opensOn: c.opensOn,
      closesOn: c.closesOn,
      responses: c.responses,
    })),
  };
}

export type SourceResult =
  | { ok: true; source: ExportSource; surveyKey: string }
  | { ok: false; status: 404 | 422; error: FilterError | "campaignNotFound" };

/** Checks the chosen waves against the staff member's programmes and each other. */
export async function resolveExportSource(staff: Staff, filters: ExportFilters, ip: string): Promise<SourceResult> {
  const scope = programScope(staff);
  const campaigns: Campaign[] = [];
  for (const id of filters.campaignIds) {
    const campaign = await getCampaign({ id, programIds: scope });
    if (!campaign) {
      await auditExportRefusal(staff, ip, "campaign-not-visible", { entityType: "campaign", entityId: id });
      return { ok: false, status: 404, error: "campaignNotFound" };
    }
    campaigns.push(campaign);
  }
  const keys = new Set(campaigns.map((c) => c.surveyKey));
  if (keys.size > 1) {
    await auditExportRefusal(staff, ip, "mixedSurveys", {
      entityType: "campaign",
      details: { campaignIds: filters.campaignIds },
    });
    return { ok: false, status: 422, error: "mixedSurveys" };
  }
  campaigns.sort((a, b) => a.opensOn.localeCompare(b.opensOn) || a.id - b.id);
  const surveyKey = campaigns[0].surveyKey;
  const survey = (await listSurveys()).find((s) => s.key === surveyKey);
  return {
    ok: true,
    surveyKey,
    source: {
      filters: { ...filters, campaignIds: campaigns.map((c) => c.id) },
      surveyTitle: survey?.title.sv ?? surveyKey,
      waves: campaigns.map((c) => ({
        campaignId: c.id,
        label: { sv: `${c.title} (${c.programName})`, en: `${c.title} (${c.programName})` },
        title: c.title,
        programName: c.programName,
        opensOn: c.opensOn,
        closesOn: c.closesOn,
      })),
      redactionNames: filters.freeText ? await redactionNames() : [],
    },
  };
}

export interface ExportPreview {
  rows: number;
  readRows: number;
  variables: number;
  suppressedCells: number;
  suppressedByVariable: Record<string, number>;
  droppedRows: number;
}

export async function previewFor(source: ExportSource): Promise<ExportPreview> {
  const s = await previewExport(source);
  return {
    rows: s.rows,
    readRows: s.readRows,
    variables: s.variables.length,
    suppressedCells: s.suppressedCells,
    suppressedByVariable: s.suppressedByVariable,
    droppedRows: s.droppedRows,
  };
}

const jobs = new Map<number, Promise<void>>();
let queue: Promise<unknown> = Promise.resolve();
let interruptedChecked: Promise<unknown> | null = null;

/** The running build of an export in this process, for tests and the detail page. */
export function exportJob(id: number): Promise<void> | undefined {
  return jobs.get(id);
}

export type StartResult =
  | { ok: true; id: number; alreadyRunning: boolean }
  | { ok: false; status: 404 | 422; error: FilterError | "campaignNotFound" };

/**
 * Starts an export in the background and returns its id at once. One running export per person: a second
 * click gets the first one's id. An export that would have no rows is refused before anything is written.
 */
export async function startExport(staff: Staff, filters: ExportFilters, ip: string): Promise<StartResult> {
  interruptedChecked ??= failInterruptedExports();
  await interruptedChecked;
  const running = await runningExportOf({ staffId: staff.id });
  if (running !== null) return { ok: true, id: running, alreadyRunning: true };
  const resolved = await resolveExportSource(staff, filters, ip);
  if (!resolved.ok) return resolved;
  if ((await countExportRows({ campaignIds: resolved.source.filters.campaignIds })) === 0) {
    await auditExportRefusal(staff, ip, "noRows", {
      entityType: "campaign",
      details: { campaignIds: resolved.source.filters.campaignIds },
    });
    return { ok: false, status: 422, error: "noRows" };
  }
  const id = await beginExport({ staff, surveyKey: resolved.surveyKey, filters: resolved.source.filters });
  if (id === null) {
    const again = await runningExportOf({ staffId: staff.id });
    if (again !== null) return { ok: true, id: again, alreadyRunning: true };
    throw new Error("export could not start");
  }
  const record = (await getExport({ id }))!;
  // One build at a time per process: the machine is shared with the people answering surveys.
  const job = queue.then(() => runJob(staff, record, resolved.source, ip));
  queue = job.catch(() => undefined);
  const tracked = job.finally(() => jobs.delete(id));
  jobs.set(id, tracked);
  return { ok: true, id, alreadyRunning: false };
}

async function runJob(staff: Staff, record: ExportRecord, source: ExportSource, ip: string): Promise<void> {
  try {
    const built = await buildExportZip(source, {
      exportId: record.id,
      createdAt: record.createdAt,
      creatorRole: record.creatorRole,
    });
    await finishExport({
      id: record.id,
      rowCount: built.summary.rows,
      columnCount: built.summary.variables.length,
      suppressedCells: built.summary.suppressedCells,
      droppedRows: built.summary.droppedRows,
      checksum: built.sha256,
      sizeBytes: built.bytes,
      fileName: built.fileName,
    });
    await audit({
      actor: staff,
      action: "export.create",
      entityType: "export",
      entityId: record.id,
      ip,
      details: {
        survey: record.surveyKey,
        campaignIds: source.filters.campaignIds,
        freeText: source.filters.freeText,
        k: source.filters.k,
        rows: built.summary.rows,
        columns: built.summary.variables.length,
        suppressedCells: built.summary.suppressedCells,
        droppedRows: built.summary.droppedRows,
        sha256: built.sha256,
      },
    });
  } catch (error) {
    const reason = error instanceof EmptyExportError ? "noRows" : "failed";
    await failExport({ id: record.id, error: reason });
    await audit({
      actor: staff,
      action: "export.failed",
      entityType: "export",
      entityId: record.id,
      ip,
      details: { reason },
    });
    if (!(error instanceof EmptyExportError)) console.error("export failed", error);
  }
}

/** Admins see every export; a researcher their own. */
export async function exportsVisibleTo(staff: Staff): Promise<ExportRecord[]> {
  return listExports({ createdBy: staff.role === "admin" ? undefined : staff.id });
}

export async function exportVisibleTo(staff: Staff, id: number): Promise<ExportRecord | null> {
  const found = await getExport({ id });
  if (!found) return null;
  return staff.role === "admin" || found.createdBy === staff.id ? found : null;
}

export type DownloadResult =
  { ok: true; record: ExportRecord; path: string; stream: fs.ReadStream } | { ok: false; status: 404 | 409 | 410 };

/** Only the person who made an export downloads it; every download, and every refusal, is audited. */
export async function openExportDownload(staff: Staff, id: number, ip: string): Promise<DownloadResult> {
  const found = await getExport({ id });
  if (!found || found.createdBy !== staff.id) {
    await auditExportRefusal(staff, ip, found ? "not-creator" : "unknown", { entityId: id });
    return { ok: false, status: 404 };
  }
  if (found.status !== "done" || !found.fileName) {
    await auditExportRefusal(staff, ip, found.status === "running" ? "still-running" : "not-made", { entityId: id });
    return { ok: false, status: found.status === "running" ? 409 : 404 };
  }
  const file = exportFilePath(found.fileName);
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    stream = fs.createReadStream(file);
  } catch {
    await auditExportRefusal(staff, ip, "file-gone", { entityId: id });
    return { ok: false, status: 410 };
  }
  await audit({
    actor: staff,
    action: "export.download",
    entityType: "export",
    entityId: id,
    ip,
    details: { sha256: found.checksum },
  });
  return { ok: true, record: found, path: file, stream };
}
