import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_SUBMISSION_BYTES, submitSurvey } from "./submission.server";

/**
 * Survey submissions (`POST /s/:code`, JSON: the contract) are answered here, from the raw socket, before
 * Express: a Remix document POST would render HTML, and this is the one hot path under load (a room full of
 * phones at once). `server.js` calls `answerSurveySubmission` first for every request. The body is read up to
 * 64 KiB; a larger one is refused at once with 413 and the rest is not read. Only application/json is accepted,
 * which a page on another site cannot send without a CORS preflight we never grant, so no Origin check is needed.
 */
const SUBMISSION_PATH = /^\/s\/([^/?#]{1,64})\/?(?:\?.*)?$/;

type Body = Uint8Array | "too-large" | "unreadable";

/** Answers the request if it is a survey submission and says so; anything else is left to Express. */
export function answerSurveySubmission(req: IncomingMessage, res: ServerResponse): boolean {
  const match = req.method === "POST" ? SUBMISSION_PATH.exec(req.url ?? "") : null;
  if (!match) return false;
  try {
    readSubmission(req, (body, tooLarge) => void reply(req, res, match[1], body, tooLarge));
  } catch {
    sendJson(res, 400, { error: "Svaren gick inte att läsa.", errors: [] });
  }
  return true;
}

/** Reads the body with the size cap; `done` gets the bytes, or why there are none. */
export function readSubmission(req: IncomingMessage, done: (body: Body, tooLarge: boolean) => void): void {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_SUBMISSION_BYTES) {
    // Answer at once and stop reading; the client gets its 413 instead of waiting to upload the rest.
    done("too-large", true);
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on("data", (chunk: Buffer) => {
    if (tooLarge) return;
    size += chunk.length;
    if (size > MAX_SUBMISSION_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on("end", () => done(tooLarge ? "too-large" : new Uint8Array(Buffer.concat(chunks)), tooLarge));
  req.on("error", () => done("unreadable", false));
}

async function reply(req: IncomingMessage, res: ServerResponse, code: string, body: Body, tooLarge: boolean) {
  try {
    const result = await submitSurvey({
      code: safeDecode(code),
      contentType: req.headers["content-type"] ?? null,
      cookie: req.headers.cookie ?? null,
      bytes: body,
    });
    sendJson(res, result.status, result.body, tooLarge ? { Connection: "close" } : {});
  } catch (error) {
    // The answers stay on the device and are sent again; say so in JSON, never with a stack trace.
    console.error(error);
    if (!res.headersSent)
      sendJson(
        res,
        503,
        { error: "Svaren kunde inte sparas just nu. De skickas igen.", errors: [] },
        { "Retry-After": "30" },
      );
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...extra,
  });
  res.end(payload);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
