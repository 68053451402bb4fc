import type { Program } from "~/models/program.server";
import { seedActivities } from "./activities";
import { seedFeedback } from "./feedback";
import { seedAttendance } from "./attendance";
import { seedOutcomeWaves } from "./outcome-waves";
import { seedStaff, DEMO_PASSWORD, DEMO_STAFF } from "./staff";
import { seedSurveys } from "./surveys";
import { seedWorkshops } from "./workshops";

/** What earlier seeders made, for the later ones to point at. */
export interface DemoContext {
  programs: Program[];
  activityIds: Map<string, number>;
}

/**
 * Demo data, in order. Each feature adds its own seeder file beside this one and a line below;
 * a seeder gets what the ones before it made.
 */
export async function seedDemo(): Promise<DemoContext> {
  const { programs } = await seedStaff();
  const { activityIds } = await seedActivities();
  const ctx: DemoContext = { programs, activityIds };
  await seedSurveys(ctx);
  await seedOutcomeWaves(ctx);
  await seedWorkshops(ctx);
  await seedFeedback(ctx);
  await seedAttendance(ctx);
  return ctx;
}

export { DEMO_PASSWORD, DEMO_STAFF };
