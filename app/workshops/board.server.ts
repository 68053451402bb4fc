import { timingSafeEqual } from "node:crypto";
import { redirect } from "@remix-run/node";
import { getStaff, loginPath } from "~/auth/guards.server";
import { rolesFor } from "~/auth/capabilities";
import { forbidden, notFound } from "~/http/errors.server";
import { findWorkshopByCode, type Workshop } from "~/models/workshop.server";
import { listNotes, listThemes } from "~/models/workshop-note.server";
import { getLatestVoting, getOpenVoting, votingResults } from "~/models/workshop-vote.server";
import { absoluteUrl } from "~/reports/qr.server";
import { isWritingPhase, type Phase, type VotingTarget } from "~/workshops/rules";
import { canSeeWorkshop } from "~/workshops/staff.server";

export interface BoardSnapshot {
  code: string;
  title: string;
  phase: Phase;
  joinUrl: string;
  groups: { themeId: number | null; title: string | null; notes: { id: number; text: string }[] }[];
  noteCount: number;
  voting: {
    open: boolean;
    dots: number;
    target: VotingTarget;
    results: { key: string; text: string; dots: number }[];
  } | null;
  at: string;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * May this request see the board? The session's board key in the URL, or the login of staff who run
 * workshops and may see the session's programme.
 */
export async function boardAccess(request: Request, workshop: Workshop): Promise<boolean> {
  const key = new URL(request.url).searchParams.get("key");
  if (key && sameSecret(key, workshop.boardKey)) return true;
  const staff = await getStaff(request);
  return Boolean(staff && rolesFor("workshops").includes(staff.role) && canSeeWorkshop(staff, workshop));
}

/**
 * Loads the session for a board request, or throws: unknown code 404, no key and no login → login,
 * wrong key or another programme's session 403.
 */
export async function requireBoard(request: Request, code: string): Promise<Workshop> {
  const workshop = await findWorkshopByCode({ code });
  if (!workshop) throw notFound();
  if (await boardAccess(request, workshop)) return workshop;
  const key = new URL(request.url).searchParams.get("key");
  if (key) throw forbidden("board-key");
  if (!(await getStaff(request))) throw redirect(loginPath(request));
  throw forbidden("board-scope");
}

const VOTING_PHASE: Record<VotingTarget, Phase> = { critique_themes: "kritik", fantasy_notes: "fantasi" };

/** What the projector shows: the current phase's visible notes grouped by theme, and live dot results. */
export async function boardSnapshot(request: Request, workshop: Workshop): Promise<BoardSnapshot> {
  const phase = workshop.phase;
  let groups: BoardSnapshot["groups"] = [];
  let noteCount = 0;
  if (isWritingPhase(phase)) {
    const [notes, themes] = await Promise.all([
      listNotes({ workshopId: workshop.id, phase, includeHidden: false }),
      listThemes({ workshopId: workshop.id, phase }),
    ]);
    noteCount = notes.length;
    groups = themes.map((t) => ({
      themeId: t.id,
      title: t.title,
      notes: notes.filter((n) => n.themeId === t.id).map((n) => ({ id: n.id, text: n.text })),
    }));
    const loose = notes.filter((n) => n.themeId === null || !themes.some((t) => t.id === n.themeId));
    if (loose.length > 0 || groups.length === 0)
      groups.push({ themeId: null, title: null, notes: loose.map((n) => ({ id: n.id, text: n.text })) });
  }
  const open = await getOpenVoting({ workshopId: workshop.id });
  const latest = open ?? (await getLatestVoting({ workshopId: workshop.id }));
  let voting: BoardSnapshot["voting"] = null;
  if (latest && (open || VOTING_PHASE[latest.target] === phase)) {
    const results = await votingResults({ voting: latest });
    voting = {
      open: Boolean(open),
      dots: latest.dots,
      target: latest.target,
      results: results.map((r) => ({ key: `${r.type}:${r.id}`, text: r.text, dots: r.dots })),
    };
  }
  return {
    code: workshop.code,
    title: workshop.title,
    phase,
    joinUrl: absoluteUrl(request, `/w/${workshop.code}`),
    groups,
    noteCount,
    voting,
    at: new Date().toISOString(),
  };
}

/** What any phone may poll: enough to notice that the facilitator moved on or opened a voting. */
export async function publicState(code: string): Promise<{ phase: Phase; votingId: number | null } | null> {
  const workshop = await findWorkshopByCode({ code });
  if (!workshop) return null;
  const open = await getOpenVoting({ workshopId: workshop.id });
  return { phase: workshop.phase, votingId: open?.id ?? null };
}
