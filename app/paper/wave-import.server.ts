import { createHash, randomUUID } from "node:crypto";
import { isIsoDate } from "~/http/params";
import { format } from "~/i18n/define";
import type { Locale } from "~/i18n/locale";
import { paper as paperStrings } from "~/i18n/strings/paper";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import type { ChangedBy } from "~/models/audit.server";
import type { NewResponse } from "~/models/response.server";
import { DuplicateWaveFile, findImportByHash, importWave } from "~/models/wave-import.server";
import { isParticipantCode } from "~/privacy/participant-code";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import type { CurrentSurvey } from "~/surveys/registry.server";
import { readStepAnswer, withStepAnswer } from "~/surveys/step-input";
import { validateAnswers } from "~/surveys/validate.server";
import { paperQuestions, type PaperQuestion } from "./paper-form.server";
import { surveyWithoutObligation } from "./survey-without-obligation.server";
import {
  canonicalText,
  cellChoices,
  hostileCell,
  labelIndex,
  matchColumns,
  readCsv,
  yesNo,
  type ColumnMatch,
  type FileProblem,
} from "./wave-csv";

/** The wave being made: which survey, which programme, what it is called and when it ran (in the past). */
export interface WaveDetails {
  surveyKey: string;
  programId: number;
  title: string;
  opensOn: string;
  closesOn: string;
}

export interface WaveProblem {
  line: number;
  column: string;
  message: string;
}

/** What the preview shows: enough to decide, and every reason the file cannot be imported as it is. */
export interface WaveCheck {
  fatal: string | null;
  rows: number;
  matched: { header: string; question: string; title: string }[];
  unknown: string[];
  codeColumn: string | null;
  dateColumn: string | null;
  /** The first problems (at most 500), and how many there are in all. */
  problems: WaveProblem[];
  problemCount: number;
  /** Answers left out because the survey's conditions hide the question for that person. */
  ignored: number;
  withCodes: number;
  duplicateOf: { campaignId: number; title: string; importedOn: string } | null;
  sha256: string;
}

const MAX_PROBLEMS = 500;

const sha256Of = (text: string) => createHash("sha256").update(canonicalText(text), "utf8").digest("hex");

/**
 * Reads and checks a whole file against the survey, row by row, as a web submission would be checked (the
 * same compiled survey-core rules and conditions; no question obligatory, decision 0026). Returns the preview and,
 * when nothing is wrong, the responses ready to store.
 */
export async function checkWaveFile({
  text,
  survey,
  wave,
  locale,
}: {
  text: string;
  survey: CurrentSurvey;
  wave: Pick<WaveDetails, "opensOn" | "closesOn">;
  locale: Locale;
}): Promise<{ check: WaveCheck; responses: Omit<NewResponse, "campaignId">[] }> {
  const t = paperStrings[locale];
  const sha256 = sha256Of(text);
  const check: WaveCheck = {
    fatal: null,
    rows: 0,
    matched: [],
    unknown: [],
    codeColumn: null,
    dateColumn: null,
    problems: [],
    problemCount: 0,
    ignored: 0,
    withCodes: 0,
    duplicateOf: null,
    sha256,
  };
  const fail = (problem: FileProblem, column = "") => ({
    check: { ...check, fatal: format(t[problem], { column }) },
    responses: [],
  });
  const earlier = await findImportByHash({ sha256 });
  if (earlier)
    check.duplicateOf = {
      campaignId: earlier.campaignId,
      title: earlier.campaignTitle,
      importedOn: earlier.createdAt.slice(0, 10),
    };

  const csv = readCsv(text);
  if (!csv.ok) return fail(csv.problem);
  const flow = { versionId: survey.versionId, json: survey.json };
  const views = paperQuestions(flow, locale);
  const other = paperQuestions(flow, locale === "sv" ? "en" : "sv");
  const matched = matchColumns(csv.header, views);
  if (!matched.ok) return fail(matched.problem, matched.column);
  const byName = new Map(views.map((v) => [v.name, v]));
  const labels = new Map(views.map((v, i) => [v.name, labelIndex([v, other[i]])]));
  const columns = matched.columns;
  check.rows = csv.records.length;
  check.matched = columns.flatMap((c) =>
    c.role.kind === "question"
      ? [{ header: c.header, question: c.role.question, title: byName.get(c.role.question)!.title }]
      : [],
  );
  check.unknown = columns.filter((c) => c.role.kind === "unknown").map((c) => c.header);
  check.codeColumn = columns.find((c) => c.role.kind === "code")?.header ?? null;
  check.dateColumn = columns.find((c) => c.role.kind === "date")?.header ?? null;

  const rules = surveyWithoutObligation(survey.versionId, survey.json);
  const messages = surveyStrings[locale];
  const codesSeen = new Map<string, number>();
  const responses: Omit<NewResponse, "campaignId">[] = [];
  let rowBad = false;
  const problem = (line: number, column: string, message: string) => {
    rowBad = true;
    check.problemCount += 1;
    if (check.problems.length < MAX_PROBLEMS) check.problems.push({ line, column, message });
  };

  for (const { line, cells } of csv.records) {
    rowBad = false;
    let answers: Record<string, unknown> = {};
    let codeHmac: string | null = null;
    let submittedOn = wave.closesOn;
    for (const column of columns) {
      const raw = cells[column.index] ?? "";
      const cell = raw.trim();
      if (column.role.kind === "unknown" || cell === "") continue;
      const hostile = hostileCell(raw);
      if (hostile) {
        problem(line, column.header, t[hostile]);
        continue;
      }
      if (column.role.kind === "code") {
        if (!isParticipantCode(cell)) problem(line, column.header, t.errCellCode);
        else {
          codeHmac = participantCodeHmac(cell);
          const first = codesSeen.get(codeHmac);
          if (first !== undefined) problem(line, column.header, format(t.errCellCodeTwice, { line: first }));
          else codesSeen.set(codeHmac, line);
        }
      } else if (column.role.kind === "date") {
        if (!isIsoDate(cell) || cell < wave.opensOn || cell > wave.closesOn)
          problem(line, column.header, format(t.errCellDate, { from: wave.opensOn, to: wave.closesOn }));
        else submittedOn = cell;
      } else if (column.role.kind === "question") {
        const view = byName.get(column.role.question)!;
        const result = readCell(view, cell, labels.get(view.name)!, otherCell(columns, cells, view.name));
        if ("message" in result) problem(line, column.header, result.message(t, messages));
        else answers = withStepAnswer(answers, view.name, result);
      }
    }
    if (rowBad) continue;
    const result = validateAnswers({ survey: rules, answers, locale, messages });
    if (!result.ok) {
      for (const e of result.errors) problem(line, headerOf(columns, e.question), e.message);
      continue;
    }
    const given = Object.keys(answers).filter((k) => !k.endsWith("-Comment")).length;
    const kept = Object.keys(result.answers).filter((k) => !k.endsWith("-Comment")).length;
    if (kept === 0) {
      problem(line, "", t.errRowEmpty);
      continue;
    }
    check.ignored += given - kept;
    if (codeHmac) check.withCodes += 1;
    responses.push({
      id: randomUUID(),
      surveyVersionId: survey.versionId,
      // Noon in Stockholm on the day given, or on the wave's last day.
      submittedAt: `${submittedOn}T10:00:00.000Z`,
      locale: "sv",
      channel: "import",
      staffAssisted: false,
      participantCodeHmac: codeHmac,
      answers: result.answers,
      rows: result.rows,
    });
  }
  return { check, responses: check.problemCount > 0 ? [] : responses };
}

function otherCell(columns: ColumnMatch[], cells: string[], question: string): string {
  const c = columns.find((c) => c.role.kind === "other" && c.role.question === question);
  return c ? (cells[c.index] ?? "") : "";
}

function headerOf(columns: ColumnMatch[], question: string | null): string {
  const c = columns.find((c) => c.role.kind === "question" && c.role.question === question);
  return c?.header ?? question ?? "";
}

type CellMessage = (t: (typeof paperStrings)["sv"], m: (typeof surveyStrings)["sv"]) => string;

/** One answer cell in the survey's own shape, or why not. */
function readCell(
  view: PaperQuestion,
  cell: string,
  labels: Map<string, string>,
  other: string,
): ReturnType<typeof readStepAnswer> | { message: CellMessage } {
  if (hostileCell(other)) return { message: (t) => t[hostileCell(other)!] };
  let values: string[] | null;
  if (view.kind === "text" || view.kind === "longText") values = [cell];
  else {
    values = cellChoices(cell, view, labels);
    if (values === null && view.choices.every((c) => c.valueType === "boolean")) {
      const v = yesNo(cell);
      values = v === null ? null : [v];
    }
  }
  if (values === null) {
    const options = view.choices
      .slice(0, 8)
      .map((c) => (c.text === c.value ? c.value : `${c.value} (${c.text})`))
      .join(", ");
    return { message: (t) => format(t.errCellValue, { value: cell.slice(0, 60), options }) };
  }
  const step = readStepAnswer(view, { answers: values, other });
  if (step.problem) {
    const key = step.problem === "tooLong" ? "stepTooLong" : step.problem;
    return { message: (_, m) => m[key].replace("{max}", String(view.maxLength ?? "")) };
  }
  return step;
}

export type WaveImportResult =
  { ok: true; campaignId: number; responses: number } | { ok: false; status: 409 | 422; check: WaveCheck };

/** Checks the file again from the start and imports it into a new closed campaign, all or nothing. */
export async function importWaveFile({
  text,
  fileName,
  survey,
  wave,
  code,
  locale,
  by,
}: {
  text: string;
  fileName: string;
  survey: CurrentSurvey;
  wave: WaveDetails;
  code: string;
  locale: Locale;
  by: ChangedBy;
}): Promise<WaveImportResult> {
  const { check, responses } = await checkWaveFile({ text, survey, wave, locale });
  if (check.duplicateOf) return { ok: false, status: 409, check };
  if (check.fatal || check.problemCount > 0 || responses.length === 0) return { ok: false, status: 422, check };
  try {
    const { campaignId } = await importWave({
      campaign: {
        code,
        surveyKey: wave.surveyKey,
        title: wave.title,
        programId: wave.programId,
        activityId: null,
        opensOn: wave.opensOn,
        closesOn: wave.closesOn,
        mode: check.withCodes > 0 ? "participant_code" : "anonymous",
        kiosk: false,
      },
      file: { name: fileName || "import.csv", sha256: check.sha256, surveyVersionId: survey.versionId },
      responses,
      by,
    });
    return { ok: true, campaignId, responses: responses.length };
  } catch (error) {
    if (error instanceof DuplicateWaveFile) {
      const again = await findImportByHash({ sha256: check.sha256 });
      return {
        ok: false,
        status: 409,
        check: {
          ...check,
          duplicateOf: again
            ? { campaignId: again.campaignId, title: again.campaignTitle, importedOn: again.createdAt.slice(0, 10) }
            : null,
        },
      };
    }
    throw error;
  }
}
