import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Marks a new feedback item as read once a person has it on screen: a POST from the page, because a loader
 * only reads (a link preview or a prefetch is not a person reading).
 */
export function useMarkAsRead(status: string): void {
  const { submit } = useFetcher();
  const sent = useRef(false);
  useEffect(() => {
    if (status !== "ny" || sent.current) return;
    sent.current = true;
    submit({ intent: "read" }, { method: "post" });
  }, [status, submit]);
}
