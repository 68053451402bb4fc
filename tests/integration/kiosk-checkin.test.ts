import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { openKioskCookie, setKioskPin } from "~/auth/kiosk.server";
import { listAttendanceForDate } from "~/models/attendance.server";
import { listAudit } from "~/models/audit.server";
import { todayInStockholm, addDays } from "~/outcomes/calendar";
import { action as checkinAction } from "~/routes/incheckning.checkin";
import { action as kioskAction, loader as kioskLoader } from "~/routes/incheckning";
import {
  BASE,
  db,
  makePrograms,
  postForm,
  resetDatabase,
  settle,
  statusOf,
  makeActivity,
  loadRoute,
} from "../support/fixtures";

const ctx = { context: { clientAddress: "198.51.100.9" } };

beforeEach(resetDatabase);

async function setup() {
  const programs = await makePrograms();
  const today = todayInStockholm();
  const weekday = ((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const yoga = await makeActivity({ name: "Yoga", schedule: [{ weekday, startsAt: "10:00", endsAt: "11:00" }] });
  const cookie = (await openKioskCookie(new Request(`${BASE}/incheckning`))).split(";")[0];
  return { programs, yoga, today, cookie };
}

const deviceId = randomUUID();

function checkIn(body: unknown, cookie: string | null) {
  return settle(() =>
    checkinAction({
      request: new Request(`${BASE}/incheckning/checkin`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: BASE, ...(cookie ? { Cookie: cookie } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      params: {},
      ...ctx,
    }),
  );
}

const json = async (out: { value: unknown }) =>
  (await (out.value as Response).clone().json()) as Record<string, unknown>;

describe("self check-in", () => {
  it("stores a check-in once per id, asks a first-timer's questions, and counts by the register", async () => {
    const { programs, yoga, today, cookie } = await setup();
    const first = { id: randomUUID(), deviceId, date: today, activityId: yoga, code: "ab-12" };
    const asked = await checkIn(first, cookie);
    expect(statusOf(asked)).toBe(409);
    expect(await json(asked)).toMatchObject({ status: "needsFacts" });
    expect(Number((await db("attendance").count<{ n: number | string }[]>("* as n"))[0].n)).toBe(0);

    const answered = { ...first, id: randomUUID(), gender: "women", program: programs[1].id };
    expect(statusOf(await checkIn(answered, cookie))).toBe(201);
    // The same id again (the outbox retrying after a lost reply): stored once.
    const again = await checkIn(answered, cookie);
    expect(statusOf(again)).toBe(200);
    expect(await json(again)).toMatchObject({ status: "duplicate" });
    // The same person again today at the same activity, with a new id: still one visit.
    expect(statusOf(await checkIn({ ...first, id: randomUUID(), code: "AB12" }, cookie))).toBe(201);
    // Someone without a code.
    expect(
      statusOf(await checkIn({ id: randomUUID(), deviceId, date: today, activityId: yoga, gender: "men" }, cookie)),
    ).toBe(201);
    expect(
      statusOf(
        await checkIn({ id: randomUUID(), deviceId, date: today, activityId: "drop-in", gender: "other" }, cookie),
      ),
    ).toBe(201);

    const day = await listAttendanceForDate({ date: today });
    expect(day.map((r) => [r.activityId, r.women, r.men, r.other, r.codeCount, r.firstTime, r.source])).toEqual([
      [yoga, 1, 1, 0, 1, 1, "kiosk"],
      [null, 0, 0, 1, 0, null, "kiosk"],
    ]);
    const [visitor] = await db("visitors").select("*");
    expect(visitor).toMatchObject({
      gender: "women",
      program_id: programs[1].id,
      first_visit_on: today,
      source: "kiosk",
    });
    expect(Number((await db("kiosk_checkins").count<{ n: number | string }[]>("* as n"))[0].n)).toBe(4);
  });

  it("counts an unknown code from the outbox as a visit without a code, since nobody is left to ask", async () => {
    const { yoga, today, cookie } = await setup();
    const out = await checkIn(
      { id: randomUUID(), deviceId, date: today, activityId: yoga, code: "NEWX1", queued: true },
      cookie,
    );
    expect(statusOf(out)).toBe(201);
    const [row] = await listAttendanceForDate({ date: today });
    expect(row).toMatchObject({ notStated: 1, codeCount: 0 });
    expect(Number((await db("visitors").count<{ n: number | string }[]>("* as n"))[0].n)).toBe(0);
  });

  it("refuses a tablet nobody opened, and malformed, hostile or out-of-range input, storing nothing", async () => {
    const { yoga, today, cookie } = await setup();
    const ok = { id: randomUUID(), deviceId, date: today, activityId: yoga, gender: "women" };
    expect(statusOf(await checkIn(ok, null))).toBe(403);
    expect(statusOf(await checkIn(ok, "__kiosk=forged"))).toBe(403);
    const cases: [unknown, number][] = [
      ["{not json", 400],
      [{ ...ok, id: "x" }, 422],
      [{ ...ok, gender: "kvinna" }, 422],
      [{ ...ok, gender: undefined }, 422],
      [{ ...ok, code: "<script>alert(1)</script>" }, 422],
      [{ ...ok, code: "=1+1" }, 422],
      [{ ...ok, code: "A1" }, 422],
      [{ ...ok, date: addDays(today, 1) }, 422],
      [{ ...ok, date: addDays(today, -30) }, 422],
      [{ ...ok, activityId: 99999 }, 422],
      [{ ...ok, code: "ABCD1", gender: "women", program: 99999 }, 422],
      [{ ...ok, note: "x".repeat(5000) }, 413],
    ];
    for (const [body, status] of cases) {
      const out = await checkIn(body, cookie);
      expect(statusOf(out), JSON.stringify(body).slice(0, 60)).toBe(status);
      if (status !== 413) expect(String((await json(out)).error)).toMatch(/[a-zåäö]/);
    }
    expect(Number((await db("attendance").count<{ n: number | string }[]>("* as n"))[0].n)).toBe(0);
    expect(Number((await db("visitors").count<{ n: number | string }[]>("* as n"))[0].n)).toBe(0);
  });

  it("opens only with the staff PIN, and stops guessing after five wrong tries", async () => {
    await setup();
    const closed = await loadRoute(kioskLoader, "/incheckning");
    expect((closed.value as { data: { open: boolean; hasPin: boolean } }).data).toEqual({ open: false, hasPin: false });
    await setKioskPin("4711");
    const open = (pin: string) =>
      settle(() => kioskAction({ request: postForm("/incheckning", { intent: "open", pin }), params: {}, ...ctx }));
    const good = await open("4711");
    expect(statusOf(good)).toBe(302);
    expect((good.value as Response).headers.get("Set-Cookie")).toMatch(
      /^__kiosk=.+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict/,
    );
    for (let i = 0; i < 5; i++) expect(statusOf(await open("0000"))).toBe(422);
    expect(statusOf(await open("4711"))).toBe(429);
    const { entries } = await listAudit({ action: "kiosk.refused" });
    expect(entries.length).toBeGreaterThanOrEqual(6);
  });

  it("closes only with the staff PIN: a visitor's tap without it, or a wrong one, leaves the tablet open", async () => {
    await setup();
    await setKioskPin("4711");
    const close = (fields: Record<string, string>) =>
      settle(() =>
        kioskAction({ request: postForm("/incheckning", { intent: "close", ...fields }), params: {}, ...ctx }),
      );
    for (const fields of [{}, { pin: "0000" }] as Record<string, string>[]) {
      const refused = await close(fields);
      expect(statusOf(refused)).toBe(422);
      expect(refused.value instanceof Response ? refused.value.headers.get("Set-Cookie") : null).toBeNull();
    }
    const closed = await close({ pin: "4711" });
    expect(statusOf(closed)).toBe(302);
    expect((closed.value as Response).headers.get("Set-Cookie")).toMatch(/^__kiosk=.*; Max-Age=0;/);
    expect((await listAudit({ action: "kiosk.close" })).entries.length).toBe(1);
  });
});
