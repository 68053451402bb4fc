import type { ActionFunctionArgs } from "@remix-run/node";
import { isKioskOpen } from "~/auth/kiosk.server";
import { readCapped } from "~/http/body.server";
import { checkInBody, toCheckInInput } from "~/activities/kiosk-checkin.server";
import { storeCheckIn } from "~/models/kiosk-checkin.server";
import { kiosk as kioskStrings } from "~/i18n/strings/kiosk";

const MAX_BODY = 4 * 1024;

function reply(status: number, body: Record<string, unknown>) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * POST /incheckning/checkin: one check-in from the tablet, as JSON. 201 stored, 200 duplicate (the same id
 * again), 409 `needsFacts` (a first-timer's questions are needed; nothing stored), 403 when the tablet has not
 * been opened by staff, 4xx with a Swedish message for anything malformed.
 */
export async function action({ request }: ActionFunctionArgs) {
  const t = kioskStrings.sv;
  if (request.method !== "POST") return reply(405, { error: t.error });
  if (!(await isKioskOpen(request))) return reply(403, { error: t.lockedTitle });
  const bytes = await readCapped(request, MAX_BODY);
  if (bytes === "too-large") return reply(413, { error: t.error });
  if (bytes === "unreadable") return reply(400, { error: t.error });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return reply(400, { error: t.error });
  }
  const parsed = checkInBody.safeParse(json);
  if (!parsed.success) return reply(422, { error: t.error, problem: "errBody" });
  const checked = await toCheckInInput(parsed.data);
  if (!checked.ok) {
    const message = checked.problem === "errCode" ? t.errCode : t.error;
    return reply(422, { error: message, problem: checked.problem });
  }
  let result = await storeCheckIn(checked.input);
  // From the outbox there is nobody left to ask: the visit still counts, as one without a code.
  if (result.status === "needsFacts" && checked.queued)
    result = await storeCheckIn({ ...checked.input, code: null, gender: checked.input.gender ?? "notStated" });
  switch (result.status) {
    case "stored":
      return reply(201, { id: checked.input.id, status: "stored" });
    case "duplicate":
      return reply(200, { id: checked.input.id, status: "duplicate" });
    case "needsFacts":
      return reply(409, { id: checked.input.id, status: "needsFacts" });
    case "full":
      return reply(422, { id: checked.input.id, status: "full", error: t.full });
  }
}

export async function loader() {
  return reply(405, { error: kioskStrings.sv.error });
}
