import type { Knex } from "knex";
import * as foundation from "./0001_foundation";
import * as activities from "./0002_activities";
import * as feedbackIntake from "./0003_feedback_intake";
import * as attendance from "./0007_attendance";

/**
 * Migrations are listed here rather than read from disk, so they are bundled into the server build
 * and run the same way from the app, the tests and the CLI. Append new ones; never edit a landed one.
 */
const migrations: Record<string, Knex.Migration> = {
  "0001_foundation": foundation,
  "0002_activities": activities,
  "0003_feedback_intake": feedbackIntake,
  "0007_attendance": attendance,
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
