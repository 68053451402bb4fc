import { useEffect, useLayoutEffect, type RefObject } from "react";

// On the server there is no layout to measure; in the browser the fit must happen before the first paint.
const useBeforePaint = typeof window === "undefined" ? useEffect : useLayoutEffect;

/**
 * Scales the board's text (the CSS variable `--fit` on `ref`, 1 = the full size) down in small steps until the
 * whole board fits the screen without scrolling, but never below `min`: past that, reading from the back of the
 * room matters more than seeing every note at once, and the page scrolls. Runs again when `content` changes
 * (a note, a theme, a dot) and when the window is resized.
 */
export function useFitToScreen(ref: RefObject<HTMLElement>, content: string, { min = 0.6, step = 0.05 } = {}) {
  useBeforePaint(() => {
    const el = ref.current;
    if (!el) return;
    const overflows = () => document.documentElement.scrollHeight > window.innerHeight + 1;
    const fit = () => {
      let scale = 1;
      el.style.setProperty("--fit", "1");
      while (scale > min && overflows()) {
        scale = Math.max(min, Math.round((scale - step) * 100) / 100);
        el.style.setProperty("--fit", String(scale));
      }
      el.dataset.fit = String(scale);
    };
    fit();
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  }, [ref, content, min, step]);
}
