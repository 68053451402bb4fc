import type { SurveyPageData } from "./participant-page.server";

/**
 * What a survey step's post returns to the page with scripts: the server's page for the step, or word that the
 * step never reached the server (the connection went while it was on its way). Then the page keeps the step and
 * sends it again when the connection returns (decision 0041).
 */
export type StepReply = SurveyPageData | StepNotSent;

export interface StepNotSent {
  notSent: true;
  /** The number the page gave the step (as the server echoes it on its page). */
  step: string;
}

export function isStepNotSent(reply: unknown): reply is StepNotSent {
  return typeof reply === "object" && reply !== null && (reply as Partial<StepNotSent>).notSent === true;
}

/**
 * Whether an error thrown by a step's request means it never got an answer: `fetch` rejects with a TypeError
 * when the network fails (no connection, the connection dropped, the server unreachable). An error the server
 * sent (a thrown Response, an "Unexpected Server Error") is not one.
 */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError;
}

/**
 * Every reply as the route's `clientAction` receives it. The step queue (`useSurveySteps`) takes each reply in from
 * here as well as from the fetcher's data: on a slow phone a reply committed with the fetcher's data was sometimes
 * never seen by the effect that reads it, and from then on no step left the page (decision 0041). Taking a reply in
 * twice is harmless: the queue matches it to the step on its way, once.
 */
const listeners = new Set<(reply: StepReply) => void>();

export function onStepReply(listener: (reply: StepReply) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function announceStepReply(reply: StepReply): void {
  for (const listener of listeners) listener(reply);
}
