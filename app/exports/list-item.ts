import type { ExportRecord } from "~/models/export.server";

/** What pages show of an export: never its file name on disk. */
export interface ExportListItem {
  id: number;
  createdBy: number;
  creatorEmail: string | null;
  createdAt: string;
  status: ExportRecord["status"];
  surveyKey: string;
  surveyTitle: string;
  waves: number;
  rowCount: number | null;
  columnCount: number | null;
  suppressedCells: number | null;
  droppedRows: number | null;
  k: number;
  freeText: boolean;
  checksum: string | null;
  sizeBytes: number | null;
  error: string | null;
}

/** `titles`: survey titles by key, in the page's language; a survey file since removed shows its key. */
export function toListItem(r: ExportRecord, titles: Record<string, string> = {}): ExportListItem {
  return {
    id: r.id,
    createdBy: r.createdBy,
    creatorEmail: r.creatorEmail,
    createdAt: r.createdAt,
    status: r.status,
    surveyKey: r.surveyKey,
    surveyTitle: titles[r.surveyKey] ?? r.surveyKey,
    waves: r.filters.campaignIds.length,
    rowCount: r.rowCount,
    columnCount: r.columnCount,
    suppressedCells: r.suppressedCells,
    droppedRows: r.droppedRows,
    k: r.k,
    freeText: r.freeText,
    checksum: r.checksum,
    sizeBytes: r.sizeBytes,
    error: r.error,
  };
}
