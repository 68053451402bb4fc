import type { ShouldRevalidateFunction } from "@remix-run/react";

/** A step of the survey is answered by its action alone: nothing else on the page needs loading again. */
export const surveyShouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction && /^\/s\/[^/]+\/svara$/.test(formAction.split("?")[0]) ? false : defaultShouldRevalidate;
