import { useEffect, useState, type ReactNode } from "react";

/** True once React has hydrated in the browser; false during server rendering and without JavaScript. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * Renders browser-only widgets (from `*.client.tsx` modules) after hydration. The fallback should
 * take the same space, so the page does not jump.
 */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  return useHydrated() ? <>{children()}</> : <>{fallback}</>;
}
