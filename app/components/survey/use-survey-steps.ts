import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SurveyPageData } from "~/surveys/participant-page.server";
import { isStepNotSent, onStepReply, type StepReply } from "~/surveys/step-reply";

/** Numbers the steps this page sends, across remounts too (a kept fetcher's answer never matches a new step). */
let stepsSent = 0;

const offline = () => typeof navigator !== "undefined" && navigator.onLine === false;

/**
 * The steps of the survey with scripts: each press of "Nästa" or "Tillbaka" posts the question's form to
 * /s/CODE/svara through one fetcher, and `answer` is the server's page for the latest step.
 *
 * One step is on its way at a time. A fetcher holds one answer: with two steps on their way (the router does not
 * cancel a step still waiting to learn the route, and a busy server answers in any order), the answer to the
 * earlier one could arrive last and overwrite the one that counts before the page ever saw it; the person then
 * waited for ever on a question (decision 0041). A step pressed meanwhile waits, and only the newest waiting one is
 * sent: every step carries all the answers so far, so it stands for the ones before it.
 *
 * A step that finds no connection, whether it waited its turn or was already on its way when the connection went,
 * is held (`held`): the page says so and stays as it is, and the step goes again when the connection returns, when
 * the person asks (`resend`), or gives way to a newer step.
 */
export function useSurveySteps(code: string) {
  const fetcher = useFetcher<StepReply>({ key: `survey-${code}` });
  const [answer, setAnswer] = useState<SurveyPageData | null>(null);
  const [held, setHeld] = useState(false);
  /** The step on its way: its number, and its form (kept to send again if it never reaches the server). */
  const onItsWay = useRef<{ step: string; data: FormData } | null>(null);
  const waiting = useRef<FormData | null>(null);
  const { submit } = fetcher;
  const action = `/s/${encodeURIComponent(code)}/svara`;

  const post = useCallback(
    (data: FormData) => {
      if (offline()) {
        // No connection when its turn came: posting now would only fail, so it waits for the connection, and the
        // page on screen stays as it is.
        onItsWay.current = null;
        waiting.current = data;
        setHeld(true);
        return;
      }
      onItsWay.current = { step: String(data.get("step")), data };
      setHeld(false);
      submit(data, { method: "post", action });
    },
    [submit, action],
  );

  /** Sends the step that waits, if none is on its way (the connection is back, or the person asks). */
  const resend = useCallback(() => {
    const next = waiting.current;
    if (onItsWay.current !== null || !next) return;
    waiting.current = null;
    post(next);
  }, [post]);

  useEffect(() => {
    window.addEventListener("online", resend);
    return () => window.removeEventListener("online", resend);
  }, [resend]);

  const sendStep = useCallback(
    (data: FormData) => {
      data.set("step", String(++stepsSent));
      // This step carries every answer so far: it replaces any step still waiting.
      waiting.current = data;
      resend();
    },
    [resend],
  );

  /** Takes in the reply to the step on its way; any other reply (an earlier step's, or one seen already) is left. */
  const takeReply = useCallback(
    (reply: StepReply | undefined) => {
      const sent = onItsWay.current;
      if (!reply || !sent || reply.step === undefined || reply.step !== sent.step) return;
      onItsWay.current = null;
      if (isStepNotSent(reply)) {
        // The connection went while the step was on its way: it waits (or the newer step pressed meanwhile does).
        waiting.current = waiting.current ?? sent.data;
        setHeld(true);
        return;
      }
      // A later step was pressed meanwhile: this answer is already out of date, and the later one goes now.
      if (waiting.current) resend();
      else setAnswer(reply);
    },
    [resend],
  );

  useEffect(() => takeReply(fetcher.data), [fetcher.data, takeReply]);
  // The same reply as the route's clientAction receives it, once that has returned (decision 0041). A reply still
  // waiting for its turn when the page goes is dropped with it.
  const replyTimers = useRef(new Set<number>());
  useEffect(
    () =>
      onStepReply((reply) => {
        const timer = window.setTimeout(() => {
          replyTimers.current.delete(timer);
          takeReply(reply);
        }, 0);
        replyTimers.current.add(timer);
      }),
    [takeReply],
  );
  useEffect(() => {
    const timers = replyTimers.current;
    return () => {
      for (const timer of timers) window.clearTimeout(timer);
      timers.clear();
    };
  }, []);

  return { Form: fetcher.Form, answer, sendStep, held, resend };
}
