import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SurveyPageData } from "~/surveys/participant-page.server";

/** Numbers the steps this page sends, across remounts too (a kept fetcher's answer never matches a new step). */
let stepsSent = 0;

/**
 * The steps of the survey with scripts: each press of "Nästa" or "Tillbaka" posts the question's form to
 * /s/CODE/svara through one fetcher, and `answer` is the server's page for the latest step.
 *
 * One step is on its way at a time. A fetcher holds one answer: with two steps on their way (the router does not
 * cancel a step still waiting to learn the route, and a busy server answers in any order), the answer to the
 * earlier one could arrive last and overwrite the one that counts before the page ever saw it; the person then
 * waited for ever on a question (decision 0041). A step pressed meanwhile waits, and only the newest waiting one is
 * sent: every step carries all the answers so far, so it stands for the ones before it.
 */
export function useSurveySteps(code: string) {
  const fetcher = useFetcher<SurveyPageData>({ key: `survey-${code}` });
  const [answer, setAnswer] = useState<SurveyPageData | null>(null);
  const onItsWay = useRef<string | null>(null);
  const waiting = useRef<FormData | null>(null);
  const { submit } = fetcher;
  const action = `/s/${encodeURIComponent(code)}/svara`;

  const post = useCallback(
    (data: FormData) => {
      if (typeof navigator !== "undefined" && navigator.onLine === false) {
        // The connection went while this step waited its turn: posting now would fail into the error page, so it
        // waits for the connection instead, and the page on screen stays as it is.
        onItsWay.current = null;
        waiting.current = data;
        return;
      }
      onItsWay.current = String(data.get("step"));
      submit(data, { method: "post", action });
    },
    [submit, action],
  );

  useEffect(() => {
    const sendWaiting = () => {
      const next = waiting.current;
      if (onItsWay.current !== null || !next) return;
      waiting.current = null;
      post(next);
    };
    window.addEventListener("online", sendWaiting);
    return () => window.removeEventListener("online", sendWaiting);
  }, [post]);

  const sendStep = useCallback(
    (data: FormData) => {
      data.set("step", String(++stepsSent));
      if (onItsWay.current === null) post(data);
      else waiting.current = data;
    },
    [post],
  );

  useEffect(() => {
    const reply = fetcher.data;
    if (!reply || reply.step === undefined || reply.step !== onItsWay.current) return;
    onItsWay.current = null;
    const next = waiting.current;
    waiting.current = null;
    // A later step was pressed meanwhile: this answer is already out of date, and the later one goes now.
    if (next) post(next);
    else setAnswer(reply);
  }, [fetcher.data, post]);

  return { Form: fetcher.Form, answer, sendStep };
}
