import { db } from "~/db.server";

export interface WaveImport {
  id: number;
  campaignId: number;
  fileName: string;
  rowCount: number;
  createdAt: string;
}

/** The import a campaign was made from, or null for a campaign people answered themselves. */
export async function findImportOfCampaign({ campaignId }: { campaignId: number }): Promise<WaveImport | null> {
  const row:
    { id: number; campaign_id: number; file_name: string; row_count: number | string; created_at: string } | undefined =
    await db("response_imports").where({ campaign_id: campaignId }).first();
  return row
    ? {
        id: row.id,
        campaignId: row.campaign_id,
        fileName: row.file_name,
        rowCount: Number(row.row_count),
        createdAt: row.created_at,
      }
    : null;
}
