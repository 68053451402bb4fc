import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { Phase } from "~/workshops/rules";

/** Polls the small public state so the page follows the facilitator without a reload. */
export function useFollowSession(code: string, phase: Phase, votingId: number | null) {
  const revalidator = useRevalidator();
  const state = useRef({ phase, votingId });
  state.current = { phase, votingId };
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      try {
        const res = await fetch(`/w/${code}/live`, { headers: { Accept: "application/json" }, cache: "no-store" });
        if (!res.ok || stopped) return;
        const live = (await res.json()) as { phase: Phase; votingId: number | null };
        if (live.phase !== state.current.phase || live.votingId !== state.current.votingId) revalidator.revalidate();
      } catch {
        // offline for a moment: the next tick tries again
      }
    };
    const timer = window.setInterval(tick, 3000);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
    // revalidator is a new object each render; the interval only needs the code
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);
}
