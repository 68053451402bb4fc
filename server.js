// The production server: migrate and seed first, then serve the Remix build with Express.
// Plain JS on purpose: it runs the compiled build and needs no TypeScript at run time.
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import compression from "compression";
import { Readable } from "node:stream";
import { createRequestHandler } from "@remix-run/express";

const root = path.dirname(fileURLToPath(import.meta.url));
const buildPath = path.join(root, "build", "index.js");
const build = await import(buildPath);
const entry = build.entry.module;

try {
  await entry.prepareApp();
} catch (error) {
  console.error(`Start stopped: ${error instanceof Error ? error.message : error}`);
  await entry.shutdownApp().catch(() => undefined);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy (TRUST_PROXY=1), the client address and https come from X-Forwarded-*.
if (process.env.TRUST_PROXY) app.set("trust proxy", Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY);
app.use(compression());
app.use((_req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
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
  res.status(403).type("html").send(entry.foreignOriginPage(req.get("Cookie") ?? null));
});
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));
// Survey submissions are a JSON API on the survey page's own URL (the contract): a Remix document POST
// would render HTML, so they are answered here by the app's handler.
app.post("/s/:code", async (req, res, next) => {
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const url = `${req.protocol}://${req.get("Host") ?? "localhost"}${req.originalUrl}`;
    const request = new Request(url, { method: "POST", headers, body: Readable.toWeb(req), duplex: "half" });
    const response = await entry.handleSurveySubmission(request, req.params.code);
    res.status(response.status);
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    next(error);
  }
});
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV ?? "production",
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const server = app.listen(port, host, () => {
  const address = server.address();
  const shown = typeof address === "object" && address ? `${host === "0.0.0.0" ? "localhost" : host}:${address.port}` : String(address);
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
