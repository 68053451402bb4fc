import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useFitToScreen } from "~/components/workshop-board/use-fit-to-screen";
import { boardSnapshot, requireBoard, type BoardSnapshot } from "~/workshops/board.server";
import { isWritingPhase } from "~/workshops/rules";
import { format } from "~/i18n/define";
import { workshopPublic } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import { security as securityStrings } from "~/i18n/strings/security";
import styles from "~/styles/workshops.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(workshopPublic, "pageBoard", { appName: false });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const workshop = await requireBoard(request, params.code ?? "");
  const key = new URL(request.url).searchParams.get("key");
  return { snapshot: await boardSnapshot(request, workshop), key };
}

const POLL_MS = 2000;

type LiveState = "live" | "offline" | "locked";

/** A snapshot as the live feed sends it; anything else (an error body, a login page) is not shown. */
function isSnapshot(value: unknown): value is BoardSnapshot {
  const v = value as BoardSnapshot | null;
  return Boolean(v && typeof v === "object" && typeof v.code === "string" && Array.isArray(v.groups));
}

/**
 * Follows the session by polling; keeps the last good picture when the network drops or access ends (the
 * facilitator logged out, the key changed), and says so calmly instead of turning into an error page.
 */
function useLiveBoard(initial: BoardSnapshot, key: string | null): { board: BoardSnapshot; state: LiveState } {
  const [board, setBoard] = useState(initial);
  const [state, setState] = useState<LiveState>("live");
  useEffect(() => {
    let stopped = false;
    const params = new URLSearchParams({ board: "1" });
    if (key) params.set("key", key);
    const url = `/w/${initial.code}/live?${params}`;
    const tick = async () => {
      try {
        const res = await fetch(url, {
          headers: { Accept: "application/json" },
          cache: "no-store",
          redirect: "manual",
        });
        if (stopped) return;
        if (res.status === 401 || res.status === 403 || res.type === "opaqueredirect") {
          setState("locked");
          return;
        }
        if (!res.ok) throw new Error(String(res.status));
        const next: unknown = await res.json();
        if (stopped) return;
        if (!isSnapshot(next)) throw new Error("not a board");
        setBoard(next);
        setState("live");
      } catch {
        if (!stopped) setState("offline");
      }
    };
    const timer = window.setInterval(tick, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [initial.code, key]);
  return { board, state };
}

export default function Board() {
  const { snapshot, key } = useLoaderData<typeof loader>();
  const { board, state } = useLiveBoard(snapshot, key);
  const t = useStrings(workshopPublic);
  const s = useStrings(securityStrings);
  const writing = isWritingPhase(board.phase);
  const frame = useRef<HTMLDivElement>(null);
  useFitToScreen(frame, JSON.stringify([board.phase, board.groups, board.voting, state]));
  return (
    <div className="board" ref={frame}>
      <div className="board__head">
        <h1 className="board__question">
          {isWritingPhase(board.phase)
            ? t[`question_${board.phase}`]
            : board.phase === "forberedelse"
              ? t.waitingTitle
              : t[`phase_${board.phase}`]}
        </h1>
        <p className="board__join">
          {format(t.boardJoin, { url: board.joinUrl.replace(/^https?:\/\//, "") })} ·{" "}
          <strong className="board__code">{board.code}</strong>
        </p>
        {state === "offline" ? (
          <p className="alert alert--warn" role="status">
            {t.boardOffline}
          </p>
        ) : state === "locked" ? (
          <p className="alert alert--warn" role="status">
            {s.boardLocked}
          </p>
        ) : null}
      </div>
      <div className={board.voting ? "board__body board__body--with-results" : "board__body"}>
        <section aria-label={t.boardTitle} className="board__notes">
          {writing && board.noteCount === 0 ? <p className="board__empty">{t.boardNoNotes}</p> : null}
          {board.groups.map((g) =>
            g.notes.length === 0 && g.title === null ? null : (
              <section
                key={g.themeId ?? "loose"}
                className={
                  board.groups.length === 1 && g.title === null ? "board__group board__group--all" : "board__group"
                }
                aria-label={g.title ?? t.boardNoTheme}
              >
                {board.groups.length === 1 && g.title === null ? null : (
                  <h2 className="board__theme">{g.title ?? t.boardNoTheme}</h2>
                )}
                <ul className="board__list">
                  {g.notes.map((n) => (
                    <li key={n.id} className="board__note">
                      {n.text}
                    </li>
                  ))}
                </ul>
              </section>
            ),
          )}
        </section>
        {board.voting ? (
          <section aria-labelledby="board-results" className="board__results">
            <h2 id="board-results">{t.boardResults}</h2>
            <p>{board.voting.open ? format(t.boardVotingOpen, { dots: board.voting.dots }) : t.boardVotingClosed}</p>
            <ol className="board__ranking">
              {board.voting.results.map((r, i) => (
                <li key={r.key}>
                  <span className="board__rank" aria-hidden="true">
                    {i + 1}.
                  </span>
                  <span className="board__ranking-text">{r.text}</span>
                  <span className="board__ranking-dots">
                    {r.dots === 1 ? t.boardDot : format(t.boardDots, { n: r.dots })}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
    </div>
  );
}
