import type { SurveyPageData } from "./participant-page.server";
import type { StepNotSent } from "./step-reply";

/**
 * The replies to the survey's steps, as the route's `clientAction` receives them. The step queue
 * (`useSurveySteps`) takes each reply in from here as well as from the fetcher's data: on a slow phone a reply
 * committed with the fetcher's data was sometimes never seen by the effect that reads it, and from then on no
 * step left the page (decision 0041). Taking a reply in twice is harmless: the queue matches it to the step on
 * its way, once.
 */
export type StepReply = SurveyPageData | StepNotSent;

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
