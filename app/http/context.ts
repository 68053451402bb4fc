import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server saw it (respecting a trusted proxy). */
    clientAddress?: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}

export function clientAddress(context: AppLoadContext | undefined): string {
  return context?.clientAddress ?? "unknown";
}
