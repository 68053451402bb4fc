import { createActivity, type NewActivity } from "~/models/activity.server";

const MALLIS = "Mallis, Malmskillnadsgatan";
const slot = (weekday: number, startsAt: string, endsAt: string) => ({ weekday, startsAt, endsAt });

/** Seed 000's catalogue (autumn 2023). The weekly times are illustrative: the seed gives the days, not the hours. */
export const DEMO_ACTIVITIES: NewActivity[] = [
  {
    name: "Sygrupp",
    place: MALLIS,
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(1, "13:00", "15:00")],
  },
  {
    name: "Matlagningskurs",
    place: MALLIS,
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(2, "11:00", "13:30")],
  },
  {
    name: "Peer support från Bostad Först",
    place: MALLIS,
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(1, "10:00", "12:00"), slot(4, "10:00", "12:00")],
  },
  {
    name: "Digital verkstad",
    place: MALLIS,
    description: "Hjälp med datorer och mobiltelefoner.",
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(3, "10:00", "12:00")],
  },
  {
    name: "Skrivargrupp",
    place: MALLIS,
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(3, "13:00", "15:00")],
  },
  {
    name: "Kortfilmsgrupp",
    place: MALLIS,
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(4, "13:00", "15:00")],
  },
  {
    name: "Ekonomiska frågor",
    place: MALLIS,
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(2, "14:00", "15:30")],
  },
  {
    name: "Yoga",
    place: MALLIS,
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(5, "10:00", "11:00")],
  },
  {
    name: "Bostad Först Social Club",
    place: MALLIS,
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(5, "12:00", "15:00")],
  },
  {
    name: "Kvinnogrupp",
    place: MALLIS,
    kind: "regular",
    scope: "mallis",
    countsAttendance: true,
    schedule: [slot(2, "10:00", "12:00")],
  },
  { name: "Framtidsverkstad", place: MALLIS, kind: "special", scope: "mallis", countsAttendance: true, schedule: [] },
  { name: "Julfirande", place: MALLIS, kind: "special", scope: "mallis", countsAttendance: true, schedule: [] },
  {
    name: "Fredagsjam i Münchenbryggeriet",
    place: "Münchenbryggeriet",
    kind: "regular",
    scope: "city",
    countsAttendance: false,
    schedule: [slot(5, "17:00", "20:00")],
  },
  {
    name: "Stadsvandringar",
    place: "Olika platser i Stockholm",
    kind: "regular",
    scope: "city",
    countsAttendance: false,
    schedule: [],
  },
  {
    name: "Stadsodling i Koleraparken",
    place: "Koleraparken",
    kind: "regular",
    scope: "city",
    countsAttendance: false,
    schedule: [],
  },
  {
    name: "Skogsvandringar",
    place: "Olika platser runt Stockholm",
    kind: "regular",
    scope: "city",
    countsAttendance: false,
    schedule: [],
  },
  { name: "Radio Gatan", place: "Street Minds", kind: "regular", scope: "city", countsAttendance: false, schedule: [] },
  {
    name: "Snickra och sånt",
    place: "Street Minds",
    kind: "regular",
    scope: "city",
    countsAttendance: false,
    schedule: [],
  },
];

export async function seedActivities(): Promise<{ activityIds: Map<string, number> }> {
  const activityIds = new Map<string, number>();
  for (const activity of DEMO_ACTIVITIES) {
    activityIds.set(activity.name, await createActivity({ ...activity, startsOn: "2023-07-01" }));
  }
  return { activityIds };
}
