import { data } from "@remix-run/node";
import { z } from "zod";
import { badRequest, notFound, refuseLeftOutFields } from "~/http/errors.server";
import { parseForm } from "~/http/parse-form";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { audited, type ChangedBy } from "~/models/audit.server";
import { setHoldNotes, setWorkshopPhase, type Workshop } from "~/models/workshop.server";
import {
  addFacilitatorNote,
  createTheme,
  deleteTheme,
  getNote,
  listThemes,
  reviewHeldNote,
  renameTheme,
  sendToQuoteBank,
  updateNote,
} from "~/models/workshop-note.server";
import { checkNoteText, PHASES, WRITING_PHASES, type WritingPhase } from "./rules";

/**
 * What the facilitator does on a session's control page (`/staff/workshops/:id`): one function per intent,
 * each change written with its audit entry in one transaction. The route reads the form and calls
 * `controlIntent`.
 */
const id = z.coerce.number().int().positive();
const noteText = z.string().max(20_000);
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("phase"), phase: z.enum(PHASES), confirm: z.literal("yes").optional() }),
  z.object({ intent: z.literal("hold-notes"), hold: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("review-note"), noteId: id, decision: z.enum(["approve", "hide"]) }),
  z.object({
    intent: z.literal("add-note"),
    phase: z.enum(WRITING_PHASES),
    text: noteText,
    channel: z.enum(["facilitator", "paper"]),
  }),
  z.object({
    intent: z.literal("save-note"),
    noteId: id,
    text: noteText,
    themeId: z.string(),
    hidden: z.string().optional(),
  }),
  z.object({ intent: z.literal("add-theme"), phase: z.enum(WRITING_PHASES), title: z.string() }),
  z.object({ intent: z.literal("rename-theme"), themeId: id, title: z.string() }),
  z.object({ intent: z.literal("delete-theme"), themeId: id }),
  z.object({ intent: z.literal("quote-note"), noteId: id, consent: z.string().optional() }),
  z.object({ intent: z.literal("quote-said"), text: noteText, consent: z.string().optional(), ref: z.string().uuid() }),
]);

export type ControlResult = {
  intent: string;
  ok: boolean;
  message: string;
  values?: Record<string, string>;
  noteId?: number;
  /** Nothing changed yet: the page asks "end the session?" and sends the same intent again with `confirm`. */
  confirm?: "end";
};

type Input = z.infer<typeof schema>;
type Of<I extends Input["intent"]> = Extract<Input, { intent: I }>;
interface Context {
  workshop: Workshop;
  by: ChangedBy;
}

const fail = (intent: string, message: string, values?: Record<string, string>, noteId?: number) =>
  data<ControlResult>({ intent, ok: false, message, values, noteId }, { status: 422 });
const ok = (intent: string, message: string, noteId?: number): ControlResult => ({ intent, ok: true, message, noteId });

/** An audit entry about the session, written in the change's transaction. */
const logged =
  <T>(ctx: Context, action: string, details: (result: T) => Record<string, unknown>) =>
  (result: T) => ({
    ...ctx.by,
    action,
    entityType: "workshop",
    entityId: ctx.workshop.id,
    details: details(result),
  });

export async function controlIntent(form: URLSearchParams, ctx: Context) {
  const parsed = parseForm(form, schema);
  refuseLeftOutFields(parsed);
  if (!parsed.ok) throw badRequest();
  const input = parsed.value;
  switch (input.intent) {
    case "phase":
      return changePhase(ctx, input);
    case "hold-notes":
      return holdNotes(ctx, input);
    case "review-note":
      return reviewNote(ctx, input);
    case "add-note":
      return addNote(ctx, input);
    case "save-note":
      return saveNote(ctx, input);
    case "add-theme":
    case "rename-theme":
      return nameTheme(ctx, input);
    case "delete-theme":
      return removeTheme(ctx, input);
    case "quote-note":
    case "quote-said":
      return quote(ctx, input);
  }
}

async function changePhase({ workshop, ...ctx }: Context, input: Of<"phase">) {
  // Ending closes every phone's page: asked once more, as a second submit, so it works without JavaScript.
  if (input.phase === "avslutad" && workshop.phase !== "avslutad" && input.confirm !== "yes")
    return { intent: input.intent, ok: true, message: "", confirm: "end" } satisfies ControlResult;
  await audited(
    logged({ workshop, ...ctx }, "workshop.phase", () => ({ from: workshop.phase, to: input.phase })),
    (trx) => setWorkshopPhase({ id: workshop.id, phase: input.phase }, trx),
  );
  return ok(input.intent, "phaseChanged");
}

/** The switch "hold new notes for review" (issue 11, point 10). */
async function holdNotes(ctx: Context, input: Of<"hold-notes">) {
  const hold = input.hold === "on";
  await audited(
    logged(ctx, hold ? "workshop.hold_notes_on" : "workshop.hold_notes_off", () => ({})),
    (trx) => setHoldNotes({ id: ctx.workshop.id, hold }, trx),
  );
  return ok(input.intent, hold ? "holdOn" : "holdOff");
}

/** Show a held note on the board, or hide it like any hidden note. */
async function reviewNote(ctx: Context, input: Of<"review-note">) {
  await audited(
    logged(ctx, input.decision === "approve" ? "workshop.note_approve" : "workshop.note_hide", () => ({
      noteId: input.noteId,
    })),
    async (trx) => {
      if (!(await reviewHeldNote({ id: input.noteId, workshopId: ctx.workshop.id, decision: input.decision }, trx)))
        throw notFound();
      return true;
    },
  );
  return ok(input.intent, input.decision === "approve" ? "reviewApproved" : "reviewHidden");
}

async function addNote(ctx: Context, input: Of<"add-note">) {
  const checked = checkNoteText(input.text);
  if (!checked.ok)
    return fail(input.intent, checked.problem === "empty" ? "errNoteEmpty" : "errNoteLong", {
      text: input.text.slice(0, 4000),
      length: String(checked.length),
    });
  await audited(
    logged(ctx, "workshop.note_add", (note: { id: number }) => ({
      noteId: note.id,
      phase: input.phase,
      channel: input.channel,
    })),
    (trx) =>
      addFacilitatorNote(
        {
          workshopId: ctx.workshop.id,
          phase: input.phase,
          text: checked.text,
          channel: input.channel,
          enteredBy: ctx.by.actor.id,
        },
        trx,
      ),
  );
  return ok(input.intent, "noteAdded");
}

async function saveNote(ctx: Context, input: Of<"save-note">) {
  const { workshop } = ctx;
  const note = await getNote({ id: input.noteId });
  if (!note || note.workshopId !== workshop.id) throw notFound();
  const checked = checkNoteText(input.text);
  if (!checked.ok)
    return fail(
      input.intent,
      checked.problem === "empty" ? "errNoteEmpty" : "errNoteLong",
      { length: String(checked.length) },
      note.id,
    );
  const themeId = input.themeId === "" ? null : Number(input.themeId);
  if (themeId !== null && !(await themeIdsOf(workshop.id, note.phase)).includes(themeId)) throw badRequest();
  const hidden = input.hidden === "on";
  const action =
    hidden !== note.hidden ? (hidden ? "workshop.note_hide" : "workshop.note_unhide") : "workshop.note_edit";
  await audited(
    logged(ctx, action, () => ({ noteId: note.id })),
    (trx) => updateNote({ id: note.id, workshopId: workshop.id, text: checked.text, themeId, hidden }, trx),
  );
  return ok(input.intent, "noteSaved", note.id);
}

async function themeIdsOf(workshopId: number, phase: WritingPhase) {
  return (await listThemes({ workshopId, phase })).map((t) => t.id);
}

async function nameTheme(ctx: Context, input: Of<"add-theme" | "rename-theme">) {
  const title = input.title.trim();
  if (title === "" || title.length > 120) return fail(input.intent, "errThemeTitle");
  const workshopId = ctx.workshop.id;
  if (input.intent === "add-theme") {
    await audited(
      logged(ctx, "workshop.theme_add", (theme: { id: number }) => ({ themeId: theme.id })),
      (trx) => createTheme({ workshopId, phase: input.phase, title }, trx),
    );
  } else {
    const renamed = await audited(
      (done: boolean) => (done ? logged(ctx, "workshop.theme_rename", () => ({ themeId: input.themeId }))(done) : null),
      (trx) => renameTheme({ id: input.themeId, workshopId, title }, trx),
    );
    if (!renamed) throw notFound();
  }
  return ok(input.intent, "saved");
}

async function removeTheme(ctx: Context, input: Of<"delete-theme">) {
  const deleted = await audited(
    (done: boolean) => (done ? logged(ctx, "workshop.theme_delete", () => ({ themeId: input.themeId }))(done) : null),
    (trx) => deleteTheme({ id: input.themeId, workshopId: ctx.workshop.id }, trx),
  );
  if (!deleted) throw notFound();
  return ok(input.intent, "saved");
}

async function quote(ctx: Context, input: Of<"quote-note" | "quote-said">) {
  const { workshop } = ctx;
  if (input.consent !== "on")
    return fail(
      input.intent,
      "errConsent",
      input.intent === "quote-said" ? { said: input.text.slice(0, 4000) } : undefined,
      input.intent === "quote-note" ? input.noteId : undefined,
    );
  const consentNote = format(workshopStaff.sv.consentNote, { date: workshop.heldOn });
  const base = { workshopId: workshop.id, programId: workshop.programId, consentNote, createdBy: ctx.by.actor.id };
  if (input.intent === "quote-note") {
    const note = await getNote({ id: input.noteId });
    if (!note || note.workshopId !== workshop.id) throw notFound();
    await audited(
      logged(ctx, "workshop.quote", (sent: { feedbackId: number }) => ({
        noteId: note.id,
        feedbackId: sent.feedbackId,
      })),
      (trx) => sendToQuoteBank({ ...base, noteId: note.id, text: note.text }, trx),
    );
    return ok(input.intent, "quoteSent", note.id);
  }
  const checked = checkNoteText(input.text);
  if (!checked.ok && checked.problem === "empty") return fail(input.intent, "errNoteEmpty", { said: "" });
  await audited(
    logged(ctx, "workshop.quote", (sent: { feedbackId: number }) => ({ said: true, feedbackId: sent.feedbackId })),
    (trx) => sendToQuoteBank({ ...base, spokenRef: input.ref, text: input.text.trim().slice(0, 2000) }, trx),
  );
  return ok(input.intent, "quoteSent");
}
