// The production server: migrate and seed first, then serve the Remix build with Express.
// Plain JS on purpose: it runs the compiled build and needs no TypeScript at run time.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";

// `npm start` serves production; Express would otherwise default to development and print stack traces.
process.env.NODE_ENV ??= "production";

const root = path.dirname(fileURLToPath(import.meta.url));
const buildPath = path.join(root, "build", "index.js");
const build = await import(buildPath);
const entry = build.entry.module;

let trustProxy;
try {
  trustProxy = entry.parseTrustProxy(process.env.TRUST_PROXY);
  await entry.prepareApp();
} catch (error) {
  console.error(`Start stopped: ${error instanceof Error ? error.message : error}`);
  await entry.shutdownApp().catch(() => undefined);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy (TRUST_PROXY, see the README), the client address and https come from X-Forwarded-*.
app.set("trust proxy", trustProxy);
app.use(compression());
// Refused staff requests (403, and the 404 that another programme's records answer) are audited, collapsed.
app.use((req, res, next) => {
  if (req.path.startsWith("/staff"))
    res.on("finish", () => {
      if (res.statusCode !== 403 && res.statusCode !== 404) return;
      entry
        .auditRefusal({
          method: req.method,
          path: req.originalUrl,
          status: res.statusCode,
          cookie: req.get("Cookie") ?? null,
          ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
        })
        .catch((error) => console.error(`audit of a refusal failed: ${error}`));
    });
  next();
});
app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  // Staff pages show participants' own words: never keep them in a cache or the back button of a shared computer.
  if (req.path.startsWith("/staff")) res.setHeader("Cache-Control", "no-store");
  next();
});
app.use((req, res, next) => {
  const sameOrigin = entry.isSameOriginRequest({
    method: req.method,
    origin: req.get("Origin") ?? null,
    referer: req.get("Referer") ?? null,
    host: req.get("Host") ?? null,
    forwardedHost: req.get("X-Forwarded-Host") ?? null,
  });
  if (sameOrigin) return next();
  res
    .status(403)
    .type("html")
    .send(entry.foreignOriginPage(req.get("Cookie") ?? null));
});
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV ?? "production",
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

// Anything that escapes the handlers above: a plain page, never a stack trace.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- Express knows an error handler by its four parameters.
app.use((error, _req, res, _next) => {
  console.error(error);
  if (res.headersSent) return;
  res
    .status(500)
    .type("html")
    .send(
      '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Något gick fel</title></head><body><main><h1>Något gick fel hos oss</h1><p>Det är inte ditt fel. Försök igen om en liten stund.</p><p><a href="/">Till startsidan</a></p></main></body></html>',
    );
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
// Survey submissions (POST /s/:code, JSON) are answered before Express: app/surveys/submission-body.server.ts.
const server = http.createServer((req, res) => {
  if (!entry.answerSurveySubmission(req, res)) app(req, res);
});
server.listen(port, host, () => {
  const address = server.address();
  const shown =
    typeof address === "object" && address
      ? `${host === "0.0.0.0" ? "localhost" : host}:${address.port}`
      : String(address);
  console.log(`Deltagarröst is listening on http://${shown}`);
});
server.keepAliveTimeout = 5_000;

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  const force = setTimeout(() => process.exit(1), 5_000);
  force.unref();
  server.close();
  server.closeIdleConnections();
  await entry.shutdownApp().catch((error) => console.error(error));
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
