import { httpError } from "./errors.server";

export type FormResult =
  | { ok: true; form: URLSearchParams }
  | { ok: false; status: 400 | 413 | 415; problem: "too-large" | "encoding" | "unreadable" | "content-type" };

/**
 * Reads a posted form with a size cap, strict UTF-8 and no surprises: a body that is too large,
 * not UTF-8, or not a form comes back as a problem the route can explain, never as a thrown 500.
 */
export async function readForm(
  request: Request,
  { maxBytes = 10 * 1024 }: { maxBytes?: number } = {},
): Promise<FormResult> {
  const rawType = request.headers.get("Content-Type") ?? "";
  // Lower-cased for the type check only: a multipart boundary is case-sensitive.
  const type = rawType.toLowerCase();
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) return { ok: false, status: 413, problem: "too-large" };
  const body = await readCapped(request, maxBytes);
  if (body === "too-large") return { ok: false, status: 413, problem: "too-large" };
  if (body === "unreadable") return { ok: false, status: 400, problem: "unreadable" };

  if (type.startsWith("multipart/form-data")) {
    try {
      const parsed = await new Request("http://local/", {
        method: "POST",
        headers: { "Content-Type": rawType },
        body: body as Uint8Array<ArrayBuffer>,
      }).formData();
      const form = new URLSearchParams();
      for (const [key, value] of parsed) if (typeof value === "string") form.append(key, value);
      return { ok: true, form };
    } catch {
      return { ok: false, status: 400, problem: "unreadable" };
    }
  }
  if (type !== "" && !type.startsWith("application/x-www-form-urlencoded")) {
    return { ok: false, status: 415, problem: "content-type" };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return { ok: false, status: 400, problem: "encoding" };
  }
  try {
    // URLSearchParams decodes %XX sequences leniently; re-check that nothing invalid slipped in.
    const form = new URLSearchParams(text);
    for (const [key, value] of form)
      if (key.includes("\uFFFD") || value.includes("\uFFFD")) return { ok: false, status: 400, problem: "encoding" };
    return { ok: true, form };
  } catch {
    return { ok: false, status: 400, problem: "unreadable" };
  }
}

export async function readCapped(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | "too-large" | "unreadable"> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return "too-large";
      }
      chunks.push(value);
    }
  } catch {
    return "unreadable";
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A single text field, trimmed; absent → "". */
export function field(form: URLSearchParams, name: string): string {
  return (form.get(name) ?? "").trim();
}

/** For staff forms: an unreadable body ends in the shared error page with its 4xx status. */
export async function requireForm(request: Request, options?: { maxBytes?: number }): Promise<URLSearchParams> {
  const result = await readForm(request, options);
  if (!result.ok) throw httpError(result.status === 415 ? 400 : result.status, result.problem);
  return result.form;
}
