import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Model } from "survey-core";
import { projectRoot } from "~/env.server";
import { outcomeTagProblem } from "~/outcomes/survey-tags";
import { registerSurveyExtensions } from "./extensions";

export const SURVEYS_DIR = path.join(projectRoot, "surveys");

/** The question types the server knows how to check; anything else in a file stops the start. */
export const SUPPORTED_TYPES = new Set(["radiogroup", "checkbox", "dropdown", "rating", "comment", "text", "boolean"]);
const NAME = /^[a-z][a-z0-9_]{0,62}$/;

export interface SurveyDefinition {
  key: string;
  file: string;
  hash: string;
  json: SurveyJson;
  /** Canonical text of the JSON, as stored. */
  content: string;
  title: { sv: string; en: string };
}

export type SurveyJson = Record<string, unknown> & { pages?: unknown[] };

export class SurveyFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** Reads and checks every survey file; the first broken one throws, naming the file and the problem. */
export function loadSurveyDefinitions(dir = SURVEYS_DIR): SurveyDefinition[] {
  registerSurveyExtensions();
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  return files.map((file) => checkSurveyFile(path.join(dir, file)));
}

export function checkSurveyFile(fullPath: string): SurveyDefinition {
  const file = path.relative(projectRoot, fullPath) || fullPath;
  const key = path.basename(fullPath, ".json");
  if (!NAME.test(key)) throw new SurveyFileError(file, "the file name must be lower-case letters, digits and _");
  let json: SurveyJson;
  try {
    json = JSON.parse(fs.readFileSync(fullPath, "utf8")) as SurveyJson;
  } catch (error) {
    throw new SurveyFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!json || typeof json !== "object" || Array.isArray(json))
    throw new SurveyFileError(file, "the top level must be an object");
  return checkSurveyJson(json, file, key);
}

export function checkSurveyJson(json: SurveyJson, file: string, key: string): SurveyDefinition {
  registerSurveyExtensions();
  let model: Model;
  try {
    model = new Model(json);
  } catch (error) {
    throw new SurveyFileError(file, `survey-core could not read it (${(error as Error).message})`);
  }
  const jsonErrors = (model.jsonErrors ?? []) as { message?: string; type?: string }[];
  if (jsonErrors.length > 0) {
    throw new SurveyFileError(
      file,
      `survey-core does not understand it: ${jsonErrors.map((e) => e.message ?? e.type).join("; ")}`,
    );
  }
  const questions = model.getAllQuestions(false, false, true);
  if (questions.length === 0) throw new SurveyFileError(file, "it has no questions");
  const seen = new Set<string>();
  for (const q of questions) {
    if (!NAME.test(q.name))
      throw new SurveyFileError(file, `question name "${q.name}" must be lower-case letters, digits and _`);
    if (seen.has(q.name)) throw new SurveyFileError(file, `question name "${q.name}" is used twice`);
    seen.add(q.name);
    if (!SUPPORTED_TYPES.has(q.getType()))
      throw new SurveyFileError(file, `question "${q.name}" has type "${q.getType()}", which the server cannot check`);
    for (const locale of ["sv", "en"]) {
      const title = q.locTitle.getLocaleText(locale);
      if (!title)
        throw new SurveyFileError(file, `question "${q.name}" has no ${locale === "sv" ? "Swedish" : "English"} title`);
    }
  }
  const tagProblem = outcomeTagProblem(json);
  if (tagProblem) throw new SurveyFileError(file, tagProblem);
  const title = {
    sv: model.locTitle.getLocaleText("sv") || model.locTitle.getLocaleText("default") || key,
    en: model.locTitle.getLocaleText("en") || model.locTitle.getLocaleText("default") || key,
  };
  const content = JSON.stringify(json);
  const hash = createHash("sha256").update(content).digest("hex");
  return { key, file, hash, json, content, title };
}
