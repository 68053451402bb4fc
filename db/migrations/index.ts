import type { Knex } from "knex";
import * as foundation from "./0001_foundation";
import * as activities from "./0002_activities";
import * as feedbackIntake from "./0003_feedback_intake";
import * as surveys from "./0004_surveys";
import * as workshops from "./0005_workshops";
import * as feedbackReview from "./0006_feedback_review";
import * as attendance from "./0007_attendance";
import * as security from "./0012_security";
import * as workshopNoteLimits from "./0013_workshop_note_limits";
import * as exportsTable from "./0014_exports";
import * as exportReadIndex from "./0015_export_read_index";
import * as visitorRegister from "./0016_visitor_register";
import * as responseLate from "./0018_response_late";
import * as reports from "./0022_reports";
import * as outcomeIndexes from "./0020_outcome_indexes";
import * as outcomeCoveringIndexes from "./0021_outcome_covering_indexes";
import * as responseSurveyVersionIndex from "./0030_response_survey_version_index";
import * as programArchive from "./0024_program_archive";
import * as responseImports from "./0023_response_imports";
import * as answerIndexInArrivalOrder from "./0033_answer_index_in_arrival_order";
import * as responsePartial from "./0031_response_partial";
import * as reportPrograms from "./0034_report_programs";
import * as responseCountsByPartial from "./0036_response_counts_by_partial";
import * as outcomeCountSums from "./0038_outcome_count_sums";
import * as responseCodeLatestIndex from "./0040_response_code_latest_index";
import * as outcomeCountAppends from "./0042_outcome_count_appends";

/**
 * Migrations are listed here rather than read from disk, so they are bundled into the server build
 * and run the same way from the app, the tests and the CLI. Append new ones; never edit a landed one.
 */
const migrations: Record<string, Knex.Migration> = {
  "0001_foundation": foundation,
  "0002_activities": activities,
  "0003_feedback_intake": feedbackIntake,
  "0004_surveys": surveys,
  "0005_workshops": workshops,
  "0006_feedback_review": feedbackReview,
  "0007_attendance": attendance,
  "0012_security": security,
  "0013_workshop_note_limits": workshopNoteLimits,
  "0014_exports": exportsTable,
  "0015_export_read_index": exportReadIndex,
  "0016_visitor_register": visitorRegister,
  "0018_response_late": responseLate,
  "0022_reports": reports,
  "0020_outcome_indexes": outcomeIndexes,
  "0021_outcome_covering_indexes": outcomeCoveringIndexes,
  "0030_response_survey_version_index": responseSurveyVersionIndex,
  "0024_program_archive": programArchive,
  "0023_response_imports": responseImports,
  "0033_answer_index_in_arrival_order": answerIndexInArrivalOrder,
  "0031_response_partial": responsePartial,
  "0034_report_programs": reportPrograms,
  "0036_response_counts_by_partial": responseCountsByPartial,
  "0038_outcome_count_sums": outcomeCountSums,
  "0040_response_code_latest_index": responseCodeLatestIndex,
  "0042_outcome_count_appends": outcomeCountAppends,
};

export const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return Object.keys(migrations).sort();
  },
  getMigrationName(name) {
    return name;
  },
  async getMigration(name) {
    const migration = migrations[name];
    if (!migration) throw new Error(`Unknown migration ${name}`);
    return migration;
  },
};
