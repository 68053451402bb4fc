import { createContext, useContext, type ReactNode } from "react";
import { useMatches } from "@remix-run/react";
import type { LinkDescriptor } from "@remix-run/node";

/**
 * Pages a person on a cheap phone must see at once (the participant's survey) are painted before any script:
 * their styles come inside the page, and the scripts that enhance them start only after the page has loaded
 * (decision 0029). A route asks for this with `export const handle = { paintFirst: true }`.
 */
export interface PaintFirstHandle {
  paintFirst?: boolean;
}

/** The `id` of the page's inlined `<style>`: the browser reads the same text back when it hydrates. */
export const INLINE_STYLES_ID = "inline-styles";

/** The styles a paint-first page carries: their text, and the stylesheets (hrefs) it was made from. */
export interface InlineStyles {
  css: string;
  hrefs: string[];
}

const InlineStylesContext = createContext<InlineStyles | null>(null);

export function InlineStylesProvider({ value, children }: { value: InlineStyles | null; children: ReactNode }) {
  return <InlineStylesContext.Provider value={value}>{children}</InlineStylesContext.Provider>;
}

/** In the browser: the styles the server put inside the page, or null when it linked them. */
export function inlineStylesInDocument(): InlineStyles | null {
  const element = document.getElementById(INLINE_STYLES_ID);
  const css = element?.textContent;
  if (!element || !css) return null;
  return { css, hrefs: (element.dataset.hrefs ?? "").split(" ").filter(Boolean) };
}

/**
 * A route's stylesheets, less those the page already carries inside it. Before Remix commits the answer to a form
 * posted to a route (a survey step), it preloads the route's linked stylesheets that are not linked in the page,
 * and waits for them. A paint-first page links none: each step then fetched the stylesheet it already had, and its
 * answer waited for that (on a slow phone, the whole file on the first step). The server still gets every one, to
 * put inside the page.
 */
export function stylesheetsNotInPage(...hrefs: string[]): LinkDescriptor[] {
  const inPage = typeof document === "undefined" ? [] : (inlineStylesInDocument()?.hrefs ?? []);
  return hrefs.filter((href) => !inPage.includes(href)).map((href) => ({ rel: "stylesheet", href }));
}

export function usePaintFirst(): boolean {
  return useMatches().some((m) => (m.handle as PaintFirstHandle | undefined)?.paintFirst);
}

/** The styles to put inside this page: only for a paint-first page, and only when the server had them. */
export function useInlineStyles(): InlineStyles | null {
  const css = useContext(InlineStylesContext);
  return usePaintFirst() ? css : null;
}

/**
 * Starts the scripts the server left inert (`deferModuleScripts`) once the page has loaded and painted: the module
 * preloads become real ones and Remix's module script runs. Kept tiny and dependency-free: it is inlined.
 */
export const START_DEFERRED_SCRIPTS = `(function(){function go(){var l=document.querySelectorAll('link[rel="x-deferred-modulepreload"]');for(var i=0;i<l.length;i++)l[i].rel="modulepreload";var m=document.querySelector('script[type="x-deferred-module"]');if(!m)return;var s=document.createElement("script");s.type="module";s.nonce=m.nonce;s.textContent=m.textContent;document.body.appendChild(s);}function later(){requestAnimationFrame(function(){setTimeout(go,0);});}if(document.readyState==="complete")later();else addEventListener("load",later);})();`;
