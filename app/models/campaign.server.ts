import type { Knex } from "knex";
import { db, nowIso } from "~/db.server";
import { audited, type ChangedBy } from "~/models/audit.server";

export type CampaignMode = "anonymous" | "participant_code";

export interface Campaign {
  id: number;
  code: string;
  surveyKey: string;
  title: string;
  programId: number;
  programName: string;
  activityId: number | null;
  activityName: string | null;
  opensOn: string;
  closesOn: string;
  mode: CampaignMode;
  kiosk: boolean;
  createdAt: string;
}

interface Row {
  id: number;
  code: string;
  survey_key: string;
  title: string;
  program_id: number;
  program_name: string;
  activity_id: number | null;
  activity_name: string | null;
  opens_on: string;
  closes_on: string;
  mode: CampaignMode;
  kiosk: boolean | number;
  created_at: string;
}

const toCampaign = (r: Row): Campaign => ({
  id: r.id,
  code: r.code,
  surveyKey: r.survey_key,
  title: r.title,
  programId: r.program_id,
  programName: r.program_name,
  activityId: r.activity_id,
  activityName: r.activity_name,
  opensOn: r.opens_on,
  closesOn: r.closes_on,
  mode: r.mode,
  kiosk: Boolean(r.kiosk),
  createdAt: r.created_at,
});

function baseQuery() {
  return db("campaigns as c")
    .join("programs as p", "p.id", "c.program_id")
    .leftJoin("activities as a", "a.id", "c.activity_id")
    .select("c.*", "p.name as program_name", "a.name as activity_name");
}

export async function findCampaignByCode({ code }: { code: string }): Promise<Campaign | null> {
  const row: Row | undefined = await baseQuery().where("c.code", code).first();
  return row ? toCampaign(row) : null;
}

export async function getCampaign({ id, programIds }: { id: number; programIds?: number[] }): Promise<Campaign | null> {
  const query = baseQuery().where("c.id", id);
  if (programIds) query.whereIn("c.program_id", programIds);
  const row: Row | undefined = await query.first();
  return row ? toCampaign(row) : null;
}

export async function codeTaken({ code }: { code: string }): Promise<boolean> {
  return Boolean(await db("campaigns").where({ code }).first("id"));
}

export interface CampaignListItem extends Campaign {
  responses: number;
}

/** Campaigns of the given programmes (all when `programIds` is undefined), newest first, with response counts. */
export async function listCampaigns({ programIds }: { programIds?: number[] }): Promise<CampaignListItem[]> {
  const query = baseQuery()
    .select(db.raw("(select count(*) from responses r where r.campaign_id = c.id) as responses"))
    .orderBy([
      { column: "c.closes_on", order: "desc" },
      { column: "c.id", order: "desc" },
    ]);
  if (programIds) query.whereIn("c.program_id", programIds);
  const rows: (Row & { responses: number | string })[] = await query;
  return rows.map((r) => ({ ...toCampaign(r), responses: Number(r.responses) }));
}

export interface NewCampaign {
  code: string;
  surveyKey: string;
  title: string;
  programId: number;
  activityId: number | null;
  opensOn: string;
  closesOn: string;
  mode: CampaignMode;
  kiosk: boolean;
  createdBy: number | null;
}

/** With `by`, the audit entry is written in the same transaction; given `trx`, both join that transaction. */
export async function createCampaign(input: NewCampaign, by?: ChangedBy, trx?: Knex.Transaction): Promise<number> {
  const entry = (id: number) =>
    by
      ? {
          ...by,
          action: "campaign.create",
          entityType: "campaign",
          entityId: id,
          details: { code: input.code, title: input.title, surveyKey: input.surveyKey },
        }
      : null;
  return audited(entry, (t) => insertCampaign(input, t), trx);
}

async function insertCampaign(input: NewCampaign, trx: Knex): Promise<number> {
  const now = nowIso();
  const [{ id }] = await trx("campaigns")
    .insert({
      code: input.code,
      survey_key: input.surveyKey,
      title: input.title,
      program_id: input.programId,
      activity_id: input.activityId,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      mode: input.mode,
      kiosk: input.kiosk,
      created_by: input.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning("id");
  return id;
}

export async function updateCampaignDates({
  id,
  opensOn,
  closesOn,
}: {
  id: number;
  opensOn: string;
  closesOn: string;
}): Promise<void> {
  await db("campaigns").where({ id }).update({ opens_on: opensOn, closes_on: closesOn, updated_at: nowIso() });
}
