import { closeDatabase } from "~/db.server";
import { env } from "~/env.server";
import { migrateToLatest } from "~/models/migrations.server";
import { countStaff } from "~/models/staff.server";
import { listAllPrograms, createProgram } from "~/models/program.server";
import { pruneLoginAttempts } from "~/models/login-attempt.server";
import { deleteExpiredVisitors } from "~/models/visitor-retention.server";
import { scanFeedbackForRisk } from "~/models/feedback.server";
import { loadServerSecret } from "~/auth/secret.server";
import { pruneStaffSessions } from "~/models/staff-session.server";
import { flushAuditRepeats } from "~/models/audit.server";
import { loadSurveys } from "~/surveys/registry.server";
import { seedDemo, DEMO_PASSWORD, DEMO_STAFF } from "../db/seeds/demo/index";
import { DEMO_PROGRAMS } from "../db/seeds/demo/staff";

/**
 * Runs once before the server listens: checks the environment, migrates, and seeds demo data
 * into an empty database unless SEED_DEMO=0. Anything wrong stops the start with a message.
 */
export async function prepareApp({ log = console.log }: { log?: (line: string) => void } = {}): Promise<void> {
  const config = env();
  if (config.SEED_DEMO === "0" && !config.SESSION_SECRET)
    throw new Error(
      "SESSION_SECRET must be set in production (SEED_DEMO=0): at least 16 random characters, the same on every process of one instance and different between instances.",
    );
  const applied = await migrateToLatest();
  if (applied.length > 0) log(`Migrations applied: ${applied.join(", ")}`);
  await loadServerSecret({ databaseHasData: (await countStaff()) > 0 });
  const surveys = await loadSurveys();
  log(`Surveys checked: ${[...surveys.keys()].join(", ")}`);

  const empty = (await countStaff()) === 0;
  if (empty && config.SEED_DEMO === "1") {
    await seedDemo();
    log("Demo data seeded.");
  } else if ((await listAllPrograms()).length === 0) {
    // A production install still needs its programmes before the first admin can be given any.
    for (const p of DEMO_PROGRAMS) await createProgram(p);
  }
  // Items stored before the risk scan moved to intake are scanned once here, not by the inbox's loader.
  await scanFeedbackForRisk({ limit: 100_000 });
  const dayAgo = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  await pruneLoginAttempts({ before: dayAgo });
  await pruneStaffSessions({ before: dayAgo });
  // The visitor register's retention rule (decision 0017): run at every start.
  const expiredVisitors = await deleteExpiredVisitors();
  if (expiredVisitors > 0) log(`Visitor register: ${expiredVisitors} removed after the retention period.`);

  if (config.SEED_DEMO === "1") {
    log(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const s of DEMO_STAFF) log(`  ${s.role.padEnd(13)} ${s.email}`);
  } else if (empty) {
    log("No staff yet. Create the first admin: npm run staff:add -- --email you@example.org --role admin");
  }
}

export async function shutdownApp(): Promise<void> {
  await flushAuditRepeats().catch(() => undefined);
  await closeDatabase();
}
