import { readCapped } from "~/http/body.server";
import { badRequest, payloadTooLarge } from "~/http/errors.server";

/**
 * A multipart upload under a size cap: the declared length is checked first, then the bytes as they
 * stream in, so a large body is refused with 413 before it is held in memory.
 */
export async function readMultipart(request: Request, maxBytes: number): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) throw badRequest("content-type");
  if (Number(request.headers.get("Content-Length") ?? "0") > maxBytes) throw payloadTooLarge();
  const body = await readCapped(request, maxBytes);
  if (body === "too-large") throw payloadTooLarge();
  if (body === "unreadable") throw badRequest("unreadable");
  try {
    return await new Request("http://local/", { method: "POST", headers: { "Content-Type": type }, body }).formData();
  } catch {
    throw badRequest("unreadable");
  }
}
