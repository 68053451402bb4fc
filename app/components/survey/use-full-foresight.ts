import { useCallback, useEffect, useState } from "react";
import type { SurveyPageData } from "~/surveys/participant-page.server";
import { aheadKey, type AheadPage, type QuestionPage } from "~/surveys/question-view";

type Foresight = Pick<QuestionPage, "ahead" | "aheadByAnswer">;

/** Follows the answers given from the page loaded along what lies ahead, to the page of question `name`. */
export function findAhead(
  from: Foresight & { question: { name: string } },
  answers: Record<string, unknown>,
  name: string,
): AheadPage | null {
  let at: Foresight & { question: { name: string } } = from;
  for (let steps = 0; steps < 1000; steps++) {
    const next = at.aheadByAnswer
      ? at.aheadByAnswer.pages[aheadKey(at.aheadByAnswer.by, answers[at.question.name])]
      : at.ahead;
    if (!next) return null;
    if (next.question.name === name) return next;
    at = next;
  }
  return null;
}

/**
 * What lies ahead of a fresh start is the same for everyone (no answers yet): kept for the page's life, so a shared
 * tablet that starts afresh for the next person without a connection still sees the whole survey ahead.
 */
const freshForesights = new Map<string, Foresight>();

function isFresh(page: QuestionPage): boolean {
  return page.isFirst && Object.keys(page.state.answers).length === 0;
}

/**
 * The page loaded (the first question, or the one a post without scripts led to) and each step's answer are sent
 * seeing only a few questions ahead, so they stay small on a slow phone and cheap on the server. Once scripts run,
 * the rest is fetched in the background, once; `withForesight` then gives any page reached from the loaded one
 * everything that lies ahead of it. A failed fetch costs nothing: "Nästa" then asks the server, as without scripts.
 */
export function useFullForesight(initial: SurveyPageData) {
  const view = initial.view;
  const landing = view.kind === "question" ? view : null;
  const freshKey = landing && isFresh(landing) ? `${initial.code}|${initial.locale}|${landing.state.version}` : null;
  const [more, setMore] = useState<{ id: string; foresight: Foresight } | null>(() => {
    const known = freshKey ? freshForesights.get(freshKey) : undefined;
    return landing && known ? { id: landing.state.id, foresight: known } : null;
  });
  useEffect(() => {
    if (!landing || more?.id === landing.state.id) return;
    const controller = new AbortController();
    const body = new URLSearchParams({ state: JSON.stringify(landing.state), question: landing.question.name });
    fetch(`/s/${encodeURIComponent(initial.code)}/framat`, {
      method: "POST",
      body,
      credentials: "same-origin",
      signal: controller.signal,
    })
      .then((r) => (r.ok ? (r.json() as Promise<Foresight>) : null))
      .then((foresight) => {
        if (!foresight) return;
        if (freshKey) freshForesights.set(freshKey, foresight);
        setMore({ id: landing.state.id, foresight });
      })
      .catch(() => undefined);
    return () => controller.abort();
    // Fetched once for the page loaded (`more` is set from it, or was known before).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial.code, landing, freshKey]);

  return useCallback(
    (page: QuestionPage): QuestionPage => {
      if (!landing || !more || more.id !== page.state.id) return page;
      if (page.question.name === landing.question.name) return { ...page, ...more.foresight };
      if (page.ahead || page.aheadByAnswer || page.isLast) return page;
      const found = findAhead(
        { ...more.foresight, question: landing.question },
        page.state.answers,
        page.question.name,
      );
      return found ? { ...page, ahead: found.ahead, aheadByAnswer: found.aheadByAnswer } : page;
    },
    [landing, more],
  );
}
