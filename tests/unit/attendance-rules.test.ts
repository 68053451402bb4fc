import { describe, expect, it } from "vitest";
import { parseAttendanceForm } from "~/activities/attendance-form";
import { checkAttendance, parseCount } from "~/outcomes/attendance-rules";
import { computeAttendanceStats, median, share, type Fact } from "~/outcomes/attendance-stats";
import { isIsoDate, isoWeekday, monthsBetween, todayInStockholm } from "~/outcomes/calendar";

const activity = { id: 1, countsAttendance: true, archived: false, startsOn: "2024-01-01" };
const base = { date: "2024-03-05", activityId: 1, women: 2, men: 3, other: 0, notStated: 0, firstTime: null, note: "" };

describe("calendar", () => {
  it("knows real dates, weekdays, months and Stockholm's today", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-1-01")).toBe(false);
    expect(isoWeekday("2024-03-04")).toBe(1);
    expect(isoWeekday("2024-03-10")).toBe(7);
    expect(monthsBetween("2023-11-15", "2024-02-01")).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    // 23:30 UTC on 31 December is already New Year's Day in Stockholm.
    expect(todayInStockholm(new Date("2024-12-31T23:30:00Z"))).toBe("2025-01-01");
  });
});

describe("attendance rules", () => {
  it("reads counts as whole numbers, empty as 0", () => {
    expect([
      parseCount(""),
      parseCount(" 7 "),
      parseCount("-1"),
      parseCount("2.5"),
      parseCount("1e3"),
      parseCount(null),
    ]).toEqual([0, 7, null, null, null, 0]);
  });

  it("accepts a good registration and zero attendance", () => {
    expect(checkAttendance(base, { activity, today: "2024-12-31" })).toEqual([]);
    expect(checkAttendance({ ...base, women: 0, men: 0 }, { activity, today: "2024-12-31" })).toEqual([]);
  });

  it("names each problem", () => {
    const today = "2024-12-31";
    expect(checkAttendance({ ...base, date: "2025-01-01" }, { activity, today })).toEqual(["errFuture"]);
    expect(checkAttendance({ ...base, date: "2023-12-31" }, { activity, today })).toEqual(["errBeforeStart"]);
    expect(checkAttendance(base, { activity: undefined, today })).toEqual(["errActivity"]);
    expect(checkAttendance(base, { activity: { ...activity, countsAttendance: false }, today })).toEqual([
      "errNotCounted",
    ]);
    expect(checkAttendance(base, { activity: { ...activity, archived: true }, today })).toEqual(["errActivity"]);
    expect(checkAttendance(base, { activity: { ...activity, archived: true }, today, allowArchived: true })).toEqual(
      [],
    );
    expect(checkAttendance({ ...base, men: 201 }, { activity, today })).toEqual(["errTooMany"]);
    expect(checkAttendance({ ...base, men: 150, women: 60 }, { activity, today })).toEqual(["errTooMany"]);
    expect(checkAttendance({ ...base, men: -3 }, { activity, today })).toEqual(["errCount"]);
    expect(checkAttendance({ ...base, firstTime: 6 }, { activity, today })).toEqual(["errFirstTime"]);
    expect(checkAttendance({ ...base, note: "x".repeat(1001) }, { activity, today })).toEqual(["errNote"]);
    expect(checkAttendance({ ...base, activityId: null }, { activity: null, today })).toEqual([]);
  });

  it("parses the form, with drop-in and participant codes", () => {
    const form = new URLSearchParams({
      date: "2024-03-05",
      activityId: "drop-in",
      women: "1",
      men: "2",
      other: "",
      notStated: "",
      codes: "AB12\r\nCD34, EF56\n\n",
      firstTime: "",
    });
    const out = parseAttendanceForm(form);
    expect(out.errors).toEqual({});
    expect(out.input).toMatchObject({ activityId: null, women: 1, men: 2, other: 0, firstTime: null });
    expect(out.codes).toEqual(["AB12", "CD34", "EF56"]);
    expect(parseAttendanceForm(new URLSearchParams({ activityId: "7x", women: "x", codes: "A\nB" })).errors).toEqual({
      activityId: "errActivity",
      counts: "errCount",
      codes: "errCodeMalformed",
    });
    const twice = parseAttendanceForm(new URLSearchParams({ activityId: "drop-in", codes: "AB12\nab-12" }));
    expect(twice.errors.codes).toBe("errCodeTwice");
    expect(twice.codePosition).toBe(2);
  });
});

describe("statistics helpers", () => {
  it("median and share", () => {
    expect(median([])).toBe(0);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(share(34, 131)).toBe(26);
    expect(share(1, 0)).toBeNull();
  });

  it("gives every month of the period, even empty ones, and a histogram of opening days", () => {
    const fact = (date: string, men: number, kind: Fact["kind"] = "regular"): Fact => ({
      date,
      activityId: 1,
      activityName: "Yoga",
      kind,
      women: 0,
      men,
      other: 0,
      notStated: 0,
      firstTime: null,
      codeCount: 0,
    });
    const stats = computeAttendanceStats({
      facts: [fact("2024-01-05", 2), fact("2024-03-01", 4), fact("2024-03-08", 2), fact("2024-03-09", 15, "special")],
      from: "2024-01-01",
      to: "2024-03-31",
    });
    expect(stats.byMonth.map((m) => [m.month, m.total])).toEqual([
      ["2024-01", 2],
      ["2024-02", 0],
      ["2024-03", 21],
    ]);
    expect(stats.perDay?.histogram).toEqual([
      { participants: 2, days: 2 },
      { participants: 3, days: 0 },
      { participants: 4, days: 1 },
    ]);
    expect(stats.reach.uniqueShare).toBeNull();
    expect(stats.reach.enrolled.total).toBe(0);
  });
});
