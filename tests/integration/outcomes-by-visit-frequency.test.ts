import { beforeEach, describe, expect, it } from "vitest";
import { createActivity } from "~/models/activity.server";
import { registerAttendance } from "~/models/attendance.server";
import { addVisitors } from "~/models/visitor.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import type { VisitFrequencySection } from "~/outcomes/by-visit-frequency.server";
import { loader as pageLoader } from "~/routes/staff.outcomes";
import { dataOf, db, get, makePrograms, makeStaff, resetDatabase, sessionCookie, settle } from "../support/fixtures";
import { storeResponses } from "../support/outcomes";
import { makeCampaign } from "../support/surveys";

const ctx = { context: { clientAddress: "198.51.100.7" }, params: {} };

beforeEach(resetDatabase);

/** Opening days before the survey (all within its 12 weeks), and one after it. */
const DAYS = Array.from({ length: 14 }, (_, i) => `2025-03-${String(10 + i).padStart(2, "0")}`);
const AFTER = "2025-04-20";
const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}X`);

async function setup() {
  const [bf] = await makePrograms();
  const admin = await makeStaff({ role: "admin", programIds: [] });
  const wave = await makeCampaign({ programId: bf.id, code: "W1", mode: "participant_code" });
  const activityId = await createActivity({
    name: "Sygrupp",
    place: "Mallis",
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    startsOn: "2023-07-01",
    schedule: [],
  });
  // Weekly: 12 or more days; sometimes: two days; never: registered, but first came after answering.
  const weekly = codes("VECKA", 6);
  const sometimes = codes("IBLAND", 7);
  const never = codes("ALDRIG", 8);
  await addVisitors(
    db,
    [...weekly, ...sometimes, ...never].map((code) => ({
      hmac: participantCodeHmac(code),
      gender: "men" as const,
      programId: bf.id,
      source: "staff" as const,
    })),
  );
  const actor = { id: admin.id, email: admin.email };
  const register = async (date: string, people: string[]) => {
    const out = await registerAttendance({
      actor,
      ip: "127.0.0.1",
      input: { date, activityId, women: 1, men: 0, other: 0, notStated: 0, firstTime: null, note: "" },
      coded: { codes: people.map((code) => ({ code, hmac: participantCodeHmac(code) })) },
    });
    expect(out.ok).toBe(true);
  };
  for (const [i, date] of DAYS.entries()) await register(date, [...weekly, ...(i < 2 ? sometimes : [])]);
  await register(AFTER, never);
  const answer = (code: string | undefined, community: string) => ({
    code,
    submittedAt: "2025-04-01T10:00:00.000Z",
    answers: { program: "bostad_forst", gender: "man", community },
  });
  await storeResponses(wave, [
    // weekly: all "ja"; sometimes: 5 "ja", 2 "nej"; never: 2 "ja" (too few to show), 6 "nej"
    ...weekly.map((c) => answer(c, "ja")),
    ...sometimes.map((c, i) => answer(c, i < 5 ? "ja" : "nej")),
    ...never.map((c, i) => answer(c, i < 2 ? "ja" : "nej")),
    // codes nobody registered, and no code at all: on the page, not in the breakdown
    ...codes("OKAND", 3).map((c) => answer(c, "ja")),
    answer(undefined, "nej"),
    answer(undefined, "ja"),
  ]);
  // A person who answered twice counts once, with the later answer.
  await storeResponses(wave, [{ ...answer(weekly[0], "nej"), submittedAt: "2025-03-30T10:00:00.000Z" }]);
  return { admin, wave };
}

describe("outcomes by how often people came", () => {
  it("joins responses to the register by the code's hash and groups them by visits in the 12 weeks before", async () => {
    const { admin, wave } = await setup();
    const cookie = await sessionCookie(admin);
    const result = await settle(() =>
      pageLoader({ request: get(`/staff/outcomes?campaign=${wave}`, { cookie }), ...ctx } as never),
    );
    const byVisits = await dataOf<{ byVisits: Promise<VisitFrequencySection> }>(result).byVisits;
    const [w] = byVisits.waves;
    expect(w.hiddenBecause).toBeNull();
    expect(w.groups!.map((g) => [g.frequency, g.people.n])).toEqual([
      ["never", 8],
      ["sometimes", 7],
      ["weekly", 6],
    ]);
    const community = w.measures.find((m) => m.tag === "participation_community")!;
    const cells = community.cells!;
    expect(cells[2]).toMatchObject({ answered: { n: 6 }, positive: { n: 6 }, share: 1 });
    // 5 of 7 "ja" would give the 2 "nej" away: hidden too.
    expect(cells[1]).toMatchObject({ answered: { n: 7 }, positive: { n: null, status: "complementary" }, share: null });
    // 2 of 8 "ja" among those who never came: a count under 5, hidden.
    expect(cells[0].positive).toEqual({ n: null, status: "small" });
    expect(cells[0].share).toBeNull();
    // Questions the responses did not answer are not broken down.
    expect(w.measures.find((m) => m.tag === "loneliness_direct")?.cells ?? null).toBeNull();

    // Nothing on the page is a code or a hash.
    const json = JSON.stringify(result.value) + JSON.stringify(byVisits);
    const hmacs: string[] = (await db("visitors").select("code_hmac")).map((r) => r.code_hmac);
    for (const h of hmacs) expect(json).not.toContain(h);
    expect(json).not.toMatch(/VECKA|IBLAND|ALDRIG|OKAND/);
  });

  it("shows nothing of a wave where a group has fewer than 5, and nothing for anonymous waves", async () => {
    const { admin, wave } = await setup();
    // Two of the weekly visitors ask to be removed from the register: the weekly group falls to 4.
    const gone = codes("VECKA", 2).map(participantCodeHmac);
    await db("attendance_codes").whereIn("code_hmac", gone).delete();
    await db("visitors").whereIn("code_hmac", gone).delete();
    const [bf] = await db("programs").select("id");
    const anonymous = await makeCampaign({ programId: bf.id, code: "W2" });
    await storeResponses(anonymous, [
      { answers: { program: "bostad_forst", gender: "man", community: "ja" }, submittedAt: "2025-05-01T10:00:00Z" },
    ]);
    const cookie = await sessionCookie(admin);
    const result = await settle(() =>
      pageLoader({
        request: get(`/staff/outcomes?campaign=${wave}&campaign=${anonymous}`, { cookie }),
        ...ctx,
      } as never),
    );
    const byVisits = await dataOf<{ byVisits: Promise<VisitFrequencySection> }>(result).byVisits;
    expect(byVisits.waves.map((w) => [w.hiddenBecause, w.groups])).toEqual([
      ["small_group", null],
      ["anonymous", null],
    ]);
  });

  it("with a programme filter, says the breakdown is for everyone only", async () => {
    const { admin, wave } = await setup();
    const [bf] = await db("programs").select("id").orderBy("id");
    const cookie = await sessionCookie(admin);
    const result = await settle(() =>
      pageLoader({ request: get(`/staff/outcomes?campaign=${wave}&program=${bf.id}`, { cookie }), ...ctx } as never),
    );
    const byVisits = await dataOf<{ byVisits: Promise<VisitFrequencySection> }>(result).byVisits;
    expect(byVisits).toEqual({ waves: [], filtered: true });
  });
});
