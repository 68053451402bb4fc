import { db } from "~/db.server";
import { forgetAuditRepeats } from "~/models/audit.server";
import { hashPassword } from "~/auth/password.server";
import type { Role } from "~/auth/roles";
import { startSession } from "~/auth/session.server";
import { createActivity } from "~/models/activity.server";
import { createProgram, type Program } from "~/models/program.server";
import { createStaff, type StaffUser } from "~/models/staff.server";
import { forgetLoadedSurveys } from "~/surveys/registry.server";
import { forgetCachedCampaigns } from "~/surveys/campaign-cache.server";
import { outcomeCountsSettled } from "~/models/outcome-counts.server";
import { truncateAll } from "./test-database";

export const BASE = "http://127.0.0.1:3000";
export const PASSWORD = "correct-horse-battery";

let cachedHash: string | undefined;

export async function resetDatabase(): Promise<void> {
  // A full count an outcome page left for after it answered (decision 0055) ends before the tables are emptied.
  await outcomeCountsSettled();
  forgetAuditRepeats();
  await truncateAll(db);
  forgetLoadedSurveys();
  forgetCachedCampaigns();
}

export async function makePrograms(): Promise<Program[]> {
  return [
    await createProgram({ slug: "bostad-forst", name: "Bostad Först" }),
    await createProgram({ slug: "fot", name: "Försöks- och träningslägenheter" }),
  ];
}

/** A regular, counted Mallis activity from 2023-07-01 with no schedule, unless told otherwise. Returns its id. */
export function makeActivity(
  activity: Partial<Parameters<typeof createActivity>[0]> & { name: string },
): Promise<number> {
  return createActivity({
    place: "Mallis",
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    startsOn: "2023-07-01",
    schedule: [],
    ...activity,
  });
}

let counter = 0;
export async function makeStaff({
  role,
  programIds,
  email,
}: {
  role: Role;
  programIds: number[];
  email?: string;
}): Promise<StaffUser> {
  cachedHash ??= await hashPassword(PASSWORD);
  counter += 1;
  return createStaff({
    email: email ?? `${role}-${counter}-${Date.now()}@test.local`,
    name: `Test ${role} ${counter}`,
    role,
    programIds,
    passwordHash: cachedHash,
  });
}

/** A session cookie for a staff member, as the login would set it. */
export async function sessionCookie(staff: StaffUser): Promise<string> {
  const setCookie = await startSession(new Request(`${BASE}/`), staff);
  return setCookie.split(";")[0];
}

export function get(path: string, { cookie }: { cookie?: string } = {}): Request {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function postForm(
  path: string,
  fields: Record<string, string | string[]> | string,
  {
    cookie,
    origin = BASE,
    contentType = "application/x-www-form-urlencoded",
  }: { cookie?: string; origin?: string | null; contentType?: string } = {},
): Request {
  const body = typeof fields === "string" ? fields : toParams(fields).toString();
  const headers: Record<string, string> = { "Content-Type": contentType, Host: new URL(BASE).host };
  if (cookie) headers.Cookie = cookie;
  if (origin) headers.Origin = origin;
  return new Request(`${BASE}${path}`, { method: "POST", headers, body });
}

function toParams(fields: Record<string, string | string[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}

/** Runs a loader or action and returns what it threw or returned, as Remix would see it. */
export async function settle<T>(fn: () => Promise<T>): Promise<{ thrown: boolean; value: unknown }> {
  try {
    return { thrown: false, value: await fn() };
  } catch (value) {
    return { thrown: true, value };
  }
}

export { dataOf, headersOf, locationOf, statusOf } from "./remix-response";

export { db };

/** A new staff member of `role` in `programIds`, signed in: the member and their session cookie. */
export async function signedInStaff(
  role: Role,
  programIds: number[] = [],
): Promise<{ staff: StaffUser; cookie: string }> {
  const staff = await makeStaff({ role, programIds });
  return { staff, cookie: await sessionCookie(staff) };
}

/**
 * The two test programmes and the ids of each (`bf` = Bostad Först, `fot`), and a signed-in staff member of `role`
 * in Bostad Först only: the start of a route test that checks programme scope.
 */
export async function programsWithStaff(role: Role = "coordinator") {
  const programs = await makePrograms();
  const [bf, fot] = programs.map((p) => p.id);
  return { programs, bf, fot, ...(await signedInStaff(role, [bf])) };
}

/** What server.js hands every route as its load context: the client's address. */
export const ROUTE_CONTEXT = { clientAddress: "198.51.100.7" };

type RouteOptions = { cookie?: string; params?: Record<string, string> };

/**
 * Runs a route's loader for a GET of `path` as Remix would (with the route's `params` and the session `cookie`) and
 * returns what it threw or returned, as `settle` does.
 */
export function loadRoute<A>(loader: (args: A) => unknown, path: string, { cookie, params = {} }: RouteOptions = {}) {
  return settle(async () => loader({ request: get(path, { cookie }), params, context: ROUTE_CONTEXT } as unknown as A));
}
