import { useEffect, useRef } from "react";

/**
 * Moves focus to the element (a heading with tabIndex -1) when `key` changes, so keyboard and screen-reader
 * users land on what is new. Not on the first render: a page that has just loaded keeps the browser's focus.
 */
export function useFocusOnChange<T extends HTMLElement>(key: string) {
  const ref = useRef<T>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [key]);
  return ref;
}
