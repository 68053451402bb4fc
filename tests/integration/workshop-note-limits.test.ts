import { beforeEach, describe, expect, it } from "vitest";
import { action as participantAction } from "~/routes/w.$code._index";
import { loader as liveLoader } from "~/routes/w.$code.live";
import { action as controlAction, loader as controlLoader } from "~/routes/staff.workshops.$id._index";
import { getWorkshop } from "~/models/workshop.server";
import { addParticipantNote, listNotes, noteAddressKey } from "~/models/workshop-note.server";
import { listAudit } from "~/models/audit.server";
import { newDeviceToken } from "~/workshops/device.server";
import { NOTE_LIMITS } from "~/workshops/note-limits";
import { workshopPublic } from "~/i18n/strings/workshops";
import { dataOf, db, get, postForm, resetDatabase, settle, statusOf, loadRoute } from "../support/fixtures";
import { makeFacilitatedWorkshop } from "../support/workshops";

const ctx = { context: { clientAddress: "198.51.100.7" } };

beforeEach(resetDatabase);

const setup = () => makeFacilitatedWorkshop("kritik");

const postNote = (code: string, text: string, cookie?: string, address = "198.51.100.7") =>
  settle(() =>
    participantAction({
      request: postForm(`/w/${code}`, { intent: "note", phase: "kritik", text }, { cookie }),
      params: { code },
      context: { clientAddress: address },
    }),
  );

const control = (id: number, fields: Record<string, string>, cookie: string) =>
  settle(() =>
    controlAction({
      request: postForm(`/staff/workshops/${id}`, fields, { cookie }),
      params: { id: String(id) },
      ...ctx,
    }),
  );

async function boardTexts(code: string, cookie: string): Promise<string[]> {
  const live = (await liveLoader({
    request: get(`/w/${code}/live?board=1`, { cookie }),
    params: { code },
    ...ctx,
  })) as Response;
  const snapshot = await live.json();
  return snapshot.groups.flatMap((g: { notes: { text: string }[] }) => g.notes.map((n) => n.text));
}

describe("limits on participant notes", () => {
  it("refuses the note after the per-device limit in a phase with 429 and a plain message, storing nothing", async () => {
    const { workshop } = await setup();
    const first = await postNote(workshop.code, "Lapp 1");
    expect(statusOf(first)).toBe(200);
    const v = first.value as { init?: { headers?: Record<string, string> } };
    const device = (v.init?.headers?.["Set-Cookie"] ?? "").split(";")[0];
    for (let i = 2; i <= NOTE_LIMITS.perDevicePerPhase; i++)
      expect(statusOf(await postNote(workshop.code, `Lapp ${i}`, device))).toBe(200);
    const over = await postNote(workshop.code, "En lapp för mycket", device);
    expect(statusOf(over)).toBe(429);
    expect(dataOf(over)).toMatchObject({ intent: "note", ok: false, problem: "deviceLimit" });
    const notes = await listNotes({ workshopId: workshop.id });
    expect(notes).toHaveLength(NOTE_LIMITS.perDevicePerPhase);
    expect(notes.map((n) => n.text)).not.toContain("En lapp för mycket");
    // Another phone in the same room can still write.
    expect(statusOf(await postNote(workshop.code, "Från en annan telefon"))).toBe(200);
    expect(workshopPublic.sv.errDeviceLimit).toMatch(/max/);
    expect(workshopPublic.en.errDeviceLimit).toMatch(/most/);
  });

  it("refuses fresh devices from one address over the window limit, but not another address", async () => {
    const { workshop } = await setup();
    const now = new Date();
    for (let i = 0; i < NOTE_LIMITS.perAddressInWindow; i++) {
      const r = await addParticipantNote({
        workshopId: workshop.id,
        token: newDeviceToken(),
        phase: "kritik",
        text: `Spam ${i}`,
        address: "203.0.113.9",
        now,
      });
      expect(r.ok).toBe(true);
    }
    const over = await postNote(workshop.code, "Spam igen", undefined, "203.0.113.9");
    expect(statusOf(over)).toBe(429);
    expect(dataOf(over)).toMatchObject({ ok: false, problem: "addressLimit" });
    expect(await listNotes({ workshopId: workshop.id })).toHaveLength(NOTE_LIMITS.perAddressInWindow);
    expect(statusOf(await postNote(workshop.code, "Annan adress", undefined, "192.0.2.1"))).toBe(200);
    // The address itself is never stored, only a keyed hash.
    const keys = await db("workshop_notes").distinct("address_key");
    expect(keys.map((k: { address_key: string }) => k.address_key).sort()).toEqual(
      [noteAddressKey("203.0.113.9"), noteAddressKey("192.0.2.1")].sort(),
    );
    expect(JSON.stringify(await db("workshop_notes").select("*"))).not.toContain("203.0.113.9");
    // After the window the address may write again.
    const later = new Date(now.getTime() + (NOTE_LIMITS.addressWindowMinutes + 1) * 60_000);
    const after = await addParticipantNote({
      workshopId: workshop.id,
      token: newDeviceToken(),
      phase: "kritik",
      text: "Senare",
      address: "203.0.113.9",
      now: later,
    });
    expect(after.ok).toBe(true);
  });

  it("caps phone notes per session", async () => {
    const { workshop } = await setup();
    const at = new Date(Date.now() - 24 * 3600_000).toISOString();
    const rows = Array.from({ length: NOTE_LIMITS.perSession }, (_, i) => ({
      workshop_id: workshop.id,
      phase: "kritik",
      participant_id: null,
      text: `Lapp ${i}`,
      channel: "phone",
      address_key: `k${i}`,
      created_at: at,
      updated_at: at,
    }));
    for (let i = 0; i < rows.length; i += 100) await db("workshop_notes").insert(rows.slice(i, i + 100));
    const over = await postNote(workshop.code, "En till");
    expect(statusOf(over)).toBe(429);
    expect(dataOf(over)).toMatchObject({ ok: false, problem: "sessionLimit" });
    expect(await listNotes({ workshopId: workshop.id })).toHaveLength(NOTE_LIMITS.perSession);
  });
});

describe("holding new notes for review", () => {
  it("keeps held notes off the board feed until the facilitator shows them, and audits the switch", async () => {
    const { workshop, cookie } = await setup();
    expect(statusOf(await postNote(workshop.code, "Före granskning"))).toBe(200);
    expect(statusOf(await control(workshop.id, { intent: "hold-notes", hold: "on" }, cookie))).toBe(200);
    expect((await getWorkshop({ id: workshop.id }))?.holdNotes).toBe(true);
    expect((await listAudit({ action: "workshop.hold_notes_on" })).entries).toHaveLength(1);

    const sent = await postNote(workshop.code, "Väntande lapp");
    expect(statusOf(sent)).toBe(200);
    expect(dataOf(sent)).toMatchObject({ intent: "note", ok: true, held: true });
    expect(workshopPublic.sv.sentHeld).toMatch(/samtalsledaren/);
    expect(await boardTexts(workshop.code, cookie)).toEqual(["Före granskning"]);

    const page = dataOf(
      await loadRoute(controlLoader, `/staff/workshops/${workshop.id}`, {
        cookie,
        params: { id: String(workshop.id) },
      }),
    ) as { heldNotes: { id: number; text: string }[] };
    expect(page.heldNotes.map((n) => n.text)).toEqual(["Väntande lapp"]);
    const second = await postNote(workshop.code, "Olämplig lapp");
    expect(dataOf(second)).toMatchObject({ held: true });

    const [waiting, bad] = (await listNotes({ workshopId: workshop.id })).filter((n) => n.held);
    await control(workshop.id, { intent: "review-note", noteId: String(waiting.id), decision: "approve" }, cookie);
    await control(workshop.id, { intent: "review-note", noteId: String(bad.id), decision: "hide" }, cookie);
    expect(await boardTexts(workshop.code, cookie)).toEqual(["Före granskning", "Väntande lapp"]);
    expect((await listAudit({ action: "workshop.note_approve" })).entries).toHaveLength(1);
    const hidden = (await listNotes({ workshopId: workshop.id })).find((n) => n.id === bad.id);
    expect(hidden).toMatchObject({ hidden: true, held: false });

    expect(statusOf(await control(workshop.id, { intent: "hold-notes", hold: "off" }, cookie))).toBe(200);
    expect((await listAudit({ action: "workshop.hold_notes_off" })).entries).toHaveLength(1);
    expect(dataOf(await postNote(workshop.code, "Direkt igen"))).toMatchObject({ ok: true, held: false });
    expect(await boardTexts(workshop.code, cookie)).toContain("Direkt igen");
  });
});
