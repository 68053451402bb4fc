import { ensureSurveyVersion } from "~/models/survey-version.server";
import { loadSurveyDefinitions, type SurveyDefinition } from "./definitions.server";

export interface CurrentSurvey extends SurveyDefinition {
  versionId: number;
}

let current: Promise<Map<string, CurrentSurvey>> | undefined;

/**
 * The survey files as they are now, each stored as a version. Loaded once at start (a broken file
 * stops the start); later calls get the same map.
 */
export function loadSurveys(): Promise<Map<string, CurrentSurvey>> {
  current ??= (async () => {
    const map = new Map<string, CurrentSurvey>();
    for (const def of loadSurveyDefinitions()) {
      const versionId = await ensureSurveyVersion({
        surveyKey: def.key,
        hash: def.hash,
        content: def.content,
        title: def.title.sv,
      });
      map.set(def.key, { ...def, versionId });
    }
    return map;
  })().catch((error) => {
    current = undefined;
    throw error;
  });
  return current;
}

export async function currentSurvey(key: string): Promise<CurrentSurvey | null> {
  return (await loadSurveys()).get(key) ?? null;
}

export async function listSurveys(): Promise<CurrentSurvey[]> {
  return [...(await loadSurveys()).values()];
}

/** For tests that change the files or the database under the registry. */
export function forgetLoadedSurveys(): void {
  current = undefined;
}
