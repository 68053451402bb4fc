import { db, nowIso } from "~/db.server";

export interface SurveyVersion {
  id: number;
  surveyKey: string;
  hash: string;
  json: Record<string, unknown>;
  title: string;
}

interface Row {
  id: number;
  survey_key: string;
  hash: string;
  json: string;
  title: string;
}

const toVersion = (r: Row): SurveyVersion => ({
  id: r.id,
  surveyKey: r.survey_key,
  hash: r.hash,
  json: JSON.parse(r.json),
  title: r.title,
});

/** Stores a survey file's content the first time it is seen; returns the version either way. */
export async function ensureSurveyVersion({
  surveyKey,
  hash,
  content,
  title,
}: {
  surveyKey: string;
  hash: string;
  content: string;
  title: string;
}): Promise<number> {
  const existing: { id: number } | undefined = await db("survey_versions").where({ hash }).first("id");
  if (existing) return existing.id;
  try {
    const [{ id }] = await db("survey_versions")
      .insert({ survey_key: surveyKey, hash, json: content, title, created_at: nowIso() })
      .returning("id");
    return id;
  } catch (error) {
    // Another process stored the same content at the same moment.
    const raced: { id: number } | undefined = await db("survey_versions").where({ hash }).first("id");
    if (raced) return raced.id;
    throw error;
  }
}

export async function getSurveyVersion({ id }: { id: number }): Promise<SurveyVersion | null> {
  const row: Row | undefined = await db("survey_versions").where({ id }).first();
  return row ? toVersion(row) : null;
}

export async function findSurveyVersionByHash({ hash }: { hash: string }): Promise<SurveyVersion | null> {
  const row: Row | undefined = await db("survey_versions").where({ hash }).first();
  return row ? toVersion(row) : null;
}
