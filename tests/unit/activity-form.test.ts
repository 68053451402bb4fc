import { describe, expect, it } from "vitest";
import { parseActivityForm } from "~/activities/activity-form";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const valid = {
  name: "Yoga",
  place: "Mallis",
  description: "",
  kind: "regular",
  scope: "mallis",
  countsAttendance: "on",
  startsOn: "2026-01-12",
  programId: "2",
  weekday0: "1",
  startsAt0: "13:00",
  endsAt0: "14:30",
  weekday1: "",
  startsAt1: "",
  endsAt1: "",
  weekday2: "",
  startsAt2: "",
  endsAt2: "",
  weekday3: "",
  startsAt3: "",
  endsAt3: "",
};

describe("the activity catalogue form", () => {
  it("reads details and the weekly slots, leaving out rows without a weekday", () => {
    const parsed = parseActivityForm(form({ ...valid, weekday2: "4", startsAt2: "10:00" }), [1, 2]);
    expect(parsed).toEqual({
      ok: true,
      value: {
        name: "Yoga",
        place: "Mallis",
        description: "",
        kind: "regular",
        scope: "mallis",
        countsAttendance: true,
        startsOn: "2026-01-12",
        programId: 2,
        schedule: [
          { weekday: 1, startsAt: "13:00", endsAt: "14:30" },
          { weekday: 4, startsAt: "10:00", endsAt: null },
        ],
      },
    });
    const blank = Object.fromEntries(Object.keys(valid).map((k) => [k, ""]));
    const bare = parseActivityForm(form({ ...blank, name: "Öppet hus", kind: "special", scope: "city" }), []);
    expect(bare).toMatchObject({ ok: true, value: { countsAttendance: false, startsOn: null, programId: null } });
  });

  it("answers a form that leaves out a field with what is missing, and a radio group with nothing chosen as unchosen", () => {
    const { place: _place, weekday1: _weekday1, ...leftOut } = valid;
    expect(parseActivityForm(form(leftOut), [1, 2])).toMatchObject({ ok: false, missing: ["place"] });
    const { kind: _kind, ...noKind } = valid;
    expect(parseActivityForm(form(noKind), [1, 2])).toEqual({ ok: false, errors: { kind: "errKind" }, missing: [] });
  });

  it("says every problem at once, the schedule's with the details', as string keys", () => {
    const parsed = parseActivityForm(
      form({ ...valid, name: " ", kind: "<script>", programId: "3", startsOn: "2026-13-01", endsAt0: "12:00" }),
      [1, 2],
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        name: "errName",
        kind: "errKind",
        startsOn: "errStartsOn",
        programId: "errProgram",
        schedule: "errSchedule",
      },
      missing: [],
    });
  });

  it("refuses a programme the staff member may not choose, a weekday out of range and an hour past 23", () => {
    const errors = (fields: Record<string, string>) => {
      const parsed = parseActivityForm(form({ ...valid, ...fields }), [1]);
      return parsed.ok ? {} : parsed.errors;
    };
    expect(errors({})).toEqual({ programId: "errProgram" });
    expect(errors({ programId: "", weekday0: "8" })).toEqual({ schedule: "errSchedule" });
    expect(errors({ programId: "x", startsAt0: "24:00" })).toEqual({
      programId: "errProgram",
      schedule: "errSchedule",
    });
  });
});
