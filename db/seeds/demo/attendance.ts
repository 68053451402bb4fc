import { insertAttendanceBatch } from "~/models/attendance.server";
import { insertEnrolments } from "~/models/enrolment.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";
import { demoCodePicker, seedVisitorRegister } from "./visitors";
import type { AttendanceInput, GenderCounts } from "~/outcomes/attendance-rules";
import { addDays, isoWeekday, todayInStockholm } from "~/outcomes/calendar";
import type { DemoContext } from "./index";
import { prng } from "./prng";

// Seed 000: activities "enligt schema måndag till fredag" from the autumn term of 2023, two to six a day.
export const DEMO_ATTENDANCE_START = "2023-08-21";

// Seed 000/002: about 40 visits a month in autumn 2023, about 140 a month in 2025.
const TARGETS: [string, number][] = [
  ["2023-09", 38],
  ["2023-12", 42],
  ["2024-06", 80],
  ["2024-12", 120],
  ["2025-06", 140],
  ["2025-12", 142],
  ["2026-12", 150],
];

// Autumn 2023: the schedule runs Monday to Friday, but only about half the scheduled days had anyone come
// (about 40 visits a month at two to six a day). Then 3–4 days a week, five days a week from 2025 (seed 002).
function openWeekdays(date: string): number[] {
  if (date < "2024-01-01") return [1, 2, 3, 4, 5];
  if (date < "2024-07-01") return [1, 2, 4];
  if (date < "2025-01-01") return [1, 2, 3, 4];
  return [1, 2, 3, 4, 5];
}

function monthlyTarget(month: string): number {
  const idx = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const x = idx(month);
  for (let i = 1; i < TARGETS.length; i++) {
    const [m0, v0] = TARGETS[i - 1];
    const [m1, v1] = TARGETS[i];
    if (x <= idx(m1)) return v0 + ((v1 - v0) * Math.max(0, x - idx(m0))) / (idx(m1) - idx(m0));
  }
  return TARGETS[TARGETS.length - 1][1];
}

const SCHEDULE: Record<number, string[]> = {
  1: ["Sygrupp", "Peer support från Bostad Först"],
  2: ["Kvinnogrupp", "Matlagningskurs", "Ekonomiska frågor"],
  3: ["Digital verkstad", "Skrivargrupp"],
  4: ["Peer support från Bostad Först", "Kortfilmsgrupp"],
  5: ["Bostad Först Social Club", "Yoga"],
};

const SPECIALS: [string, string][] = [
  ["2023-11-15", "Framtidsverkstad"],
  ["2023-12-19", "Julfirande"],
  ["2024-10-16", "Framtidsverkstad"],
  ["2024-12-18", "Julfirande"],
  ["2025-10-15", "Framtidsverkstad"],
  ["2025-12-17", "Julfirande"],
  ["2026-10-14", "Framtidsverkstad"],
];

function isHoliday(date: string): boolean {
  const md = date.slice(5);
  return md >= "12-23" || md <= "01-06" || md === "05-01" || md === "06-06";
}

/**
 * Generates the demo attendance from September 2023 to yesterday: two to six a day at first,
 * growing to about 140 visits a month, about 15 at special occasions; participant codes on part of the visits from 2024.
 */
export function generateDemoAttendance({ activityIds, until }: { activityIds: Map<string, number>; until: string }) {
  const rand = prng(20230901);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pickCodes = demoCodePicker(prng(4711));
  const rows: { input: AttendanceInput; code?: string[] }[] = [];

  const split = (n: number, womenOnly: boolean): GenderCounts => {
    const c: GenderCounts = { women: 0, men: 0, other: 0, notStated: 0 };
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (womenOnly) c[r < 0.95 ? "women" : "notStated"] += 1;
      // About a quarter women, as among the enrolled (seed 000: 26 %), with the women's group on top.
      else if (r < 0.2) c.women += 1;
      else if (r < 0.92) c.men += 1;
      else if (r < 0.96) c.other += 1;
      else c.notStated += 1;
    }
    return c;
  };

  const register = (date: string, activityId: number | null, n: number, womenOnly = false) => {
    const counts = split(n, womenOnly);
    let firstTime = 0;
    for (let i = 0; i < n; i++) if (rand() < 0.06) firstTime += 1;
    const input: AttendanceInput = {
      date,
      activityId,
      ...counts,
      firstTime: date < "2024-01-01" ? null : firstTime,
      note: "",
    };
    // Part of the visitors gave a participant code: the visitor register (visitors.ts) knows their gender.
    const code = pickCodes(date, counts);
    rows.push({ input, code });
  };

  const specials = new Map(SPECIALS);
  for (let date = DEMO_ATTENDANCE_START; date <= until; date = addDays(date, 1)) {
    const special = specials.get(date);
    if (special) {
      register(date, activityIds.get(special)!, int(12, 18));
      continue;
    }
    const wd = isoWeekday(date);
    const autumn2023 = date < "2024-01-01";
    if (!openWeekdays(date).includes(wd) || isHoliday(date) || rand() < (autumn2023 ? 0.5 : 0.05)) continue;
    const perMonthDays = openWeekdays(date).length * 4.3;
    const target = monthlyTarget(date.slice(0, 7)) / perMonthDays;
    const total = autumn2023 ? int(2, 6) : Math.max(2, Math.round(target * (0.5 + rand())));
    const names = SCHEDULE[wd] ?? [];
    const name = names[int(0, names.length - 1)];
    if (total >= 7) {
      const dropIn = int(2, Math.max(2, Math.floor(total / 3)));
      register(date, activityIds.get(name)!, total - dropIn, name === "Kvinnogrupp");
      register(date, null, dropIn);
    } else {
      register(date, activityIds.get(name)!, total, name === "Kvinnogrupp");
    }
  }
  return rows;
}

export async function seedAttendance(ctx: DemoContext): Promise<void> {
  const until = addDays(todayInStockholm(), -1);
  const rows = generateDemoAttendance({ activityIds: ctx.activityIds, until });
  const hmacs = new Map<string, string>();
  const hmac = (code: string) => hmacs.get(code) ?? hmacs.set(code, participantCodeHmac(code)).get(code)!;
  await insertAttendanceBatch({ rows: rows.map((r) => ({ input: r.input, codeHmacs: r.code?.map(hmac) })) });
  await seedVisitorRegister(ctx, new Set(rows.flatMap((r) => r.code ?? [])));

  const bf = ctx.programs.find((p) => p.slug === "bostad-forst");
  const fot = ctx.programs.find((p) => p.slug === "fot");
  const enrol = (
    programId: number | undefined,
    onDate: string,
    women: number,
    men: number,
    other = 0,
    notStated = 0,
  ) => (programId ? [{ programId, onDate, women, men, other, notStated }] : []);
  // 31 Dec 2023 is seed 000's figure (131: 34 women, 97 men); spring 2026 totals are from DOMAIN.md, splits illustrative.
  await insertEnrolments({
    rows: [
      ...enrol(bf?.id, "2023-12-31", 34, 97),
      ...enrol(bf?.id, "2024-12-31", 38, 107),
      ...enrol(bf?.id, "2025-12-31", 41, 115, 1),
      ...enrol(bf?.id, "2026-03-31", 42, 117, 1),
      ...enrol(fot?.id, "2026-03-31", 27, 67, 1),
    ],
  });
}
