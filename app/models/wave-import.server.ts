import { db, nowIso } from "~/db.server";
import { audit, type ChangedBy } from "~/models/audit.server";
import { createCampaign, type NewCampaign } from "~/models/campaign.server";
import { insertResponses, type NewResponse } from "~/models/response.server";

export interface WaveImport {
  id: number;
  campaignId: number;
  fileName: string;
  rowCount: number;
  createdAt: string;
}

type ImportRow = { id: number; campaign_id: number; file_name: string; row_count: number | string; created_at: string };

function toImport(row: ImportRow): WaveImport {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    fileName: row.file_name,
    rowCount: Number(row.row_count),
    createdAt: row.created_at,
  };
}

/** The import a campaign was made from, or null for a campaign people answered themselves. */
export async function findImportOfCampaign({ campaignId }: { campaignId: number }): Promise<WaveImport | null> {
  const row: ImportRow | undefined = await db("response_imports").where({ campaign_id: campaignId }).first();
  return row ? toImport(row) : null;
}

/** The earlier import of a file with this content, with the campaign it made. */
export async function findImportByHash({
  sha256,
}: {
  sha256: string;
}): Promise<(WaveImport & { campaignTitle: string }) | null> {
  const row: (ImportRow & { title: string }) | undefined = await db("response_imports as i")
    .join("campaigns as c", "c.id", "i.campaign_id")
    .where("i.file_sha256", sha256)
    .first("i.id", "i.campaign_id", "i.file_name", "i.row_count", "i.created_at", "c.title");
  return row ? { ...toImport(row), campaignTitle: row.title } : null;
}

export class DuplicateWaveFile extends Error {}

/**
 * An earlier wave in one transaction: its closed campaign, the import record (whose unique file hash refuses the
 * same file twice, even at the same moment), every response with its answer rows, and the audit entries. All or
 * nothing: any failure leaves no trace.
 */
export async function importWave({
  campaign,
  file,
  responses,
  by,
}: {
  campaign: Omit<NewCampaign, "createdBy">;
  file: { name: string; sha256: string; surveyVersionId: number };
  responses: Omit<NewResponse, "campaignId">[];
  by: ChangedBy;
}): Promise<{ campaignId: number }> {
  try {
    return await db.transaction(async (trx) => {
      if (await trx("response_imports").where({ file_sha256: file.sha256 }).first("id")) throw new DuplicateWaveFile();
      const campaignId = await createCampaign({ ...campaign, createdBy: by.actor.id }, by, trx);
      await trx("response_imports").insert({
        campaign_id: campaignId,
        survey_version_id: file.surveyVersionId,
        file_name: file.name.slice(0, 200),
        file_sha256: file.sha256,
        row_count: responses.length,
        created_by: by.actor.id,
        created_at: nowIso(),
      });
      const results = await insertResponses(
        responses.map((r) => ({ ...r, campaignId })),
        undefined,
        trx,
      );
      if (results.some((r) => r !== "stored")) throw new Error("an imported response was not stored");
      await audit(
        {
          ...by,
          action: "campaign.import",
          entityType: "campaign",
          entityId: campaignId,
          details: { file: file.name.slice(0, 200), sha256: file.sha256, responses: responses.length },
        },
        trx,
      );
      return { campaignId };
    });
  } catch (error) {
    if (error instanceof DuplicateWaveFile) throw error;
    // Two imports of the same file at once: the unique index stopped the second.
    if (await findImportByHash({ sha256: file.sha256 })) throw new DuplicateWaveFile();
    throw error;
  }
}
