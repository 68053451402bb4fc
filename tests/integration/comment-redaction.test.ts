import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { correctAttendance, registerAttendance } from "~/models/attendance.server";
import { listAudit } from "~/models/audit.server";
import { addFeedbackComment, clearFeedbackFlag, flagFeedback, getFeedback } from "~/models/feedback.server";
import { recordFeedback } from "~/models/feedback-intake.server";
import { addRedactionName } from "~/models/redaction-name.server";
import type { AttendanceInput } from "~/outcomes/attendance-rules";
import { makePrograms, makeStaff, resetDatabase, makeActivity } from "../support/fixtures";

beforeEach(resetDatabase);

const TYPED = "Ringde 19850412-1230 och skrev till anna@example.se, Mona Berg var med.";
const MASKED = "Ringde [personnummer] och skrev till [e-post], [namn] var med.";

/** Issue 10, point 6: staff comments and attendance notes are masked like feedback, stored and shown. */
describe("internal comments and notes are redacted", () => {
  it("stores and shows a feedback comment, a flag comment and a clearing comment masked", async () => {
    const [bf] = await makePrograms();
    const cm = await makeStaff({ role: "coordinator", programIds: [bf.id] });
    await addRedactionName({ name: "Mona", actor: cm, ip: "x" });
    const item = await recordFeedback({ source: "form", programId: bf.id, text: "Mer yoga", consentToQuote: false });
    const viewer = { id: cm.id, email: cm.email, role: cm.role, programIds: cm.programIds };
    expect(await addFeedbackComment({ id: item.id, viewer, ip: "x", body: TYPED })).not.toBe("invalid");
    await flagFeedback({ id: item.id, viewer, ip: "x", comment: TYPED });
    await clearFeedbackFlag({ id: item.id, viewer, ip: "x", comment: TYPED });
    const stored: { body: string }[] = await db("feedback_comments").select("body");
    expect(stored.map((r) => r.body)).toEqual([MASKED, MASKED, MASKED]);
    const shown = await getFeedback({ id: item.id, viewer });
    expect(shown!.comments.map((c) => c.body)).toEqual([MASKED, MASKED, MASKED]);
  });

  it("masks a comment stored before the rule when it is shown", async () => {
    const [bf] = await makePrograms();
    const cm = await makeStaff({ role: "coordinator", programIds: [bf.id] });
    const item = await recordFeedback({ source: "form", programId: bf.id, text: "Mer yoga", consentToQuote: false });
    await db("feedback_comments").insert({
      feedback_id: item.id,
      author_id: cm.id,
      kind: "comment",
      body: "Gammal: 19850412-1230",
      created_at: new Date().toISOString(),
    });
    const viewer = { id: cm.id, email: cm.email, role: cm.role, programIds: cm.programIds };
    expect((await getFeedback({ id: item.id, viewer }))!.comments[0].body).toBe("Gammal: [personnummer]");
  });

  it("stores an attendance note masked, and the audit log copies only the masked note", async () => {
    const [bf] = await makePrograms();
    const coordinator = await makeStaff({ role: "coordinator", programIds: [bf.id] });
    await addRedactionName({ name: "Mona", actor: coordinator, ip: "x" });
    const activityId = await makeActivity({ name: "Sygrupp", startsOn: "2023-01-01" });
    const input: AttendanceInput = {
      date: "2024-03-05",
      activityId,
      women: 2,
      men: 3,
      other: 0,
      notStated: 0,
      firstTime: null,
      note: TYPED,
    };
    const out = await registerAttendance({ actor: coordinator, ip: "x", input });
    expect(out.ok).toBe(true);
    const id = (out as { id: number }).id;
    expect((await db("attendance").where({ id }).first()).note).toBe(MASKED);
    await correctAttendance({ actor: coordinator, ip: "x", id, input: { ...input, note: `${TYPED} Igen.` } });
    expect((await db("attendance").where({ id }).first()).note).toBe(`${MASKED} Igen.`);
    const log = JSON.stringify(await listAudit({}));
    expect(log).not.toContain("19850412-1230");
    expect(log).not.toContain("anna@example.se");
    expect(log).not.toContain("Berg");
  });
});
