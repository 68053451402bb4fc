import { DEFAULT_LOCALE } from "~/i18n/locale";
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

/**
 * The start page of a kiosk survey, loaded afresh: nothing of the last person stays in the page or its history, nor
 * their choice of language (the language link keeps it for a year, as a phone should): the next person starts in
 * Swedish, and can change it again on any page.
 */
export function restartKiosk(code: string) {
  const start = `/s/${encodeURIComponent(code)}?kiosk=1`;
  const chosen = document.documentElement.lang;
  window.location.replace(
    chosen === DEFAULT_LOCALE ? start : `/sprak/${DEFAULT_LOCALE}?tillbaka=${encodeURIComponent(start)}`,
  );
}
