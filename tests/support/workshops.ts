import { createWorkshop } from "~/models/workshop.server";
import type { Phase } from "~/workshops/rules";
import { makePrograms, makeStaff, sessionCookie } from "./fixtures";

/**
 * The demo programmes, a facilitator of the first, and a session of theirs ("Verkstad", 2025-05-20 at Mallis) in
 * `phase`, with the facilitator's session cookie: the start of every workshop integration test.
 */
export async function makeFacilitatedWorkshop(phase: Phase = "kritik") {
  const programs = await makePrograms();
  const facilitator = await makeStaff({ role: "facilitator", programIds: [programs[0].id] });
  const workshop = await createWorkshop({
    title: "Verkstad",
    heldOn: "2025-05-20",
    place: "Mallis",
    programId: programs[0].id,
    followsIds: [],
    facilitatorId: facilitator.id,
    phase,
  });
  return { programs, facilitator, workshop, cookie: await sessionCookie(facilitator) };
}
