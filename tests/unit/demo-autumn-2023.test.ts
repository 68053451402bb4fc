import { describe, expect, it } from "vitest";
import { generateDemoAttendance } from "../../db/seeds/demo/attendance";
import { computeAttendanceStats, type Fact } from "~/outcomes/attendance-stats";

const MALLIS = [
  "Sygrupp",
  "Matlagningskurs",
  "Peer support från Bostad Först",
  "Digital verkstad",
  "Skrivargrupp",
  "Kortfilmsgrupp",
  "Ekonomiska frågor",
  "Yoga",
  "Bostad Först Social Club",
  "Kvinnogrupp",
];
const SPECIAL = ["Framtidsverkstad", "Julfirande"];

/** Issue 10, point 16: the demo's autumn 2023 tells seed 000's story. */
describe("the demo's autumn 2023", () => {
  const ids = new Map([...MALLIS, ...SPECIAL].map((name, i) => [name, i + 1]));
  const names = new Map([...ids].map(([n, id]) => [id, n]));
  const rows = generateDemoAttendance({ activityIds: ids, until: "2023-12-31" });
  const facts: Fact[] = rows.map(({ input, code }) => ({
    ...input,
    activityName: input.activityId === null ? null : names.get(input.activityId)!,
    kind: input.activityId !== null && SPECIAL.includes(names.get(input.activityId)!) ? "special" : "regular",
    codeCount: code?.length ?? 0,
  }));
  const stats = computeAttendanceStats({ facts, from: "2023-07-01", to: "2023-12-31" });

  it("has two to six participants a day at Mallis", () => {
    expect(stats.perDay).toMatchObject({ min: 2, max: 6 });
  });

  it("has attendance at all ten Mallis activities, on every weekday Monday to Friday", () => {
    const withVisits = stats.perActivity.filter((a) => a.total > 0).map((a) => a.label);
    for (const name of MALLIS) expect(withVisits, name).toContain(name);
    expect(stats.perWeekday.map((w) => w.weekday)).toEqual([1, 2, 3, 4, 5]);
  });

  it("has about 15 at Framtidsverkstad and the Christmas party", () => {
    expect(stats.specials.map((s) => s.label)).toEqual(["Framtidsverkstad", "Julfirande"]);
    for (const s of stats.specials) expect(s.total).toBeGreaterThanOrEqual(12);
    for (const s of stats.specials) expect(s.total).toBeLessThanOrEqual(18);
  });

  it("has about a quarter women among the visitors, as among the enrolled (34 of 131)", () => {
    expect(stats.shares.women).toBeGreaterThan(18);
    expect(stats.shares.women).toBeLessThan(34);
  });

  it("has about 40 visits a month in September to December", () => {
    for (const m of stats.byMonth.filter((x) => x.month >= "2023-09")) {
      expect(m.total, m.month).toBeGreaterThan(25);
      expect(m.total, m.month).toBeLessThan(60);
    }
  });
});
