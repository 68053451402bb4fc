import { randomBytes } from "node:crypto";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { InlineStylesProvider, type InlineStyles, type PaintFirstHandle } from "./components/paint-first";
import { DeferModuleScripts } from "./http/defer-module-scripts.server";
import { DropNulBytes } from "./http/drop-nul-bytes.server";
import { inlineStyles } from "./http/inline-styles.server";
import { securityHeaders } from "./http/security-headers.server";

export { prepareApp, shutdownApp } from "./startup.server";
export { isSameOriginRequest } from "./auth/origin.server";
export { foreignOriginPage } from "./http/foreign-origin-page.server";
export { parseTrustProxy } from "./http/trust-proxy";
export { answerSurveySubmission } from "./surveys/submission-body.server";
export { auditRefusal } from "./auth/refusals.server";
import { logRequestError } from "./auth/refusals.server";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const nonce = randomBytes(16).toString("base64");
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  const paintFirst = paintFirstStyles(remixContext);
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <InlineStylesProvider value={paintFirst.styles}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </InlineStylesProvider>
      </NonceProvider>,
      {
        nonce,
        [callback]() {
          shellRendered = true;
          const body = new DropNulBytes();
          const stream = createReadableStreamFromReadable(paintFirst.on ? body.pipe(new DeferModuleScripts()) : body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          for (const [name, value] of Object.entries(securityHeaders(nonce))) responseHeaders.set(name, value);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it they reach handleError.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * A paint-first page (decision 0029) carries its stylesheets inside it and starts its scripts after loading.
 * The styles are the stylesheets its matched routes link, read from the build.
 */
function paintFirstStyles({ staticHandlerContext, routeModules }: EntryContext): {
  on: boolean;
  styles: InlineStyles | null;
} {
  const matched = staticHandlerContext.matches.map((m) => routeModules[m.route.id]);
  if (!matched.some((m) => (m?.handle as PaintFirstHandle | undefined)?.paintFirst)) return { on: false, styles: null };
  const hrefs = matched.flatMap((m) =>
    (m?.links?.() ?? []).flatMap((l) =>
      "rel" in l && l.rel === "stylesheet" && "href" in l && l.href ? [l.href] : [],
    ),
  );
  const css = inlineStyles(hrefs);
  return { on: true, styles: css === null ? null : { css, hrefs } };
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
};

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logRequestError(error, request);
}
