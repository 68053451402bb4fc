import { useLayoutEffect, type ReactNode } from "react";

/**
 * The events a press, a tap or typing sends that make React hydrate at once, synchronously, when they reach a part
 * of the page it has not hydrated yet (React 18's `isDiscreteEventThatRequiresHydration`).
 */
const PRESSES = [
  "mousedown",
  "mouseup",
  "touchcancel",
  "touchend",
  "touchstart",
  "auxclick",
  "dblclick",
  "pointercancel",
  "pointerdown",
  "pointerup",
  "dragend",
  "dragstart",
  "drop",
  "compositionend",
  "compositionstart",
  "keydown",
  "keypress",
  "keyup",
  "input",
  "textInput",
  "copy",
  "cut",
  "paste",
  "click",
  "change",
  "contextmenu",
  "reset",
  "submit",
] as const;

/**
 * Until Remix has read the page data, presses go to the page as it is and not to React: the page works without
 * scripts (a form posts itself), so nothing is lost. Remix's first render suspends until it has read the data
 * streamed into the page; a press in that window made React hydrate synchronously, which cannot finish while
 * suspended: React threw "Root did not complete" (#345) and left the root without a task for its pending work, so
 * from then on a step the server answered was never shown (decision 0041). Once the data is read, a press may reach
 * React again (it then hydrates at once, as React does); at the latest the first commit releases. Returns the
 * release.
 */
export function holdPressesUntilHydrated(): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    for (const type of PRESSES) window.removeEventListener(type, hold, { capture: true });
  };
  function hold(event: Event) {
    if (pageDataRead()) release();
    else event.stopPropagation();
  }
  for (const type of PRESSES) window.addEventListener(type, hold, { capture: true });
  return release;
}

/** Remix has decoded the page data streamed into the document (single fetch sets `__remixContext.state` then). */
function pageDataRead(): boolean {
  const context = (window as unknown as { __remixContext?: { state?: unknown } }).__remixContext;
  return context?.state !== undefined;
}

/** Calls `onHydrated` in the commit that finishes hydration, before any later press can reach React. */
export function OnHydrated({ onHydrated, children }: { onHydrated: () => void; children: ReactNode }) {
  useLayoutEffect(onHydrated, [onHydrated]);
  return children;
}
