import { useEffect } from "react";

/** A shared tablet forgets the answers after this long without a touch, and the start returns. */
export const KIOSK_IDLE_MS = 60 * 1000;
/** How long the thank-you shows on a shared tablet before the start returns. */
export const KIOSK_THANKS_MS = 8 * 1000;

/** Calls `onIdle` after `ms` without a touch, a key or a scroll; every touch starts the wait again. */
export function useIdle(enabled: boolean, onIdle: () => void | Promise<void>, ms: number) {
  useEffect(() => {
    if (!enabled) return;
    let timer = window.setTimeout(onIdle, ms);
    const touch = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, ms);
    };
    const events = ["pointerdown", "keydown", "scroll", "input"] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, touch);
    };
  }, [enabled, onIdle, ms]);
}

/** The start page of a kiosk survey, loaded afresh: nothing of the last person stays in the page or its history. */
export function restartKiosk(code: string) {
  window.location.replace(`/s/${encodeURIComponent(code)}?kiosk=1`);
}
