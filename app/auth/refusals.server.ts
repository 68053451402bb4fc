import { auditRepeated } from "~/models/audit.server";
import { getStaff } from "./guards.server";

/**
 * Audits a refused staff request (403, or 404, which is also how another programme's records answer): who,
 * what, when. Repeats collapse into one row with a count; anonymous refusals collapse per address whatever the
 * path, so a loop or a scan over made-up URLs writes one row, not thousands.
 */
export async function auditRefusal({
  method,
  path,
  status,
  cookie,
  ip,
}: {
  method: string;
  path: string;
  status: number;
  cookie: string | null;
  ip: string;
}): Promise<void> {
  const request = new Request(`http://local.invalid${path.startsWith("/") ? path : "/"}`, {
    headers: cookie ? { Cookie: cookie } : {},
  });
  const staff = await getStaff(request).catch(() => null);
  const pathname = new URL(request.url).pathname.slice(0, 300);
  await auditRepeated({
    actor: staff ? { id: staff.id, email: staff.email } : null,
    action: status === 403 ? "access.forbidden" : "access.not_found",
    entityType: staff ? "path" : undefined,
    entityId: staff ? pathname.slice(0, 64) : undefined,
    ip,
    details: { method, path: pathname, status },
  });
}

/**
 * One line for an error caused by what a request sent (a 4xx, a malformed URL), without a stack: bad anonymous
 * input must not flood the log. Anything else is a bug of ours and keeps its stack.
 */
export function logRequestError(error: unknown, request: { method: string; url: string }): void {
  const status = (error as { status?: unknown } | null)?.status;
  const clientError =
    (typeof status === "number" && status >= 400 && status < 500) ||
    error instanceof URIError ||
    (error instanceof TypeError && /Invalid URL/i.test(error.message));
  if (!clientError) {
    console.error(error);
    return;
  }
  const path = (() => {
    try {
      return new URL(request.url).pathname.slice(0, 200);
    } catch {
      return "?";
    }
  })();
  const what = error instanceof Error ? `${error.name}: ${error.message}` : `status ${String(status)}`;
  console.warn(`${request.method} ${path}: ${what.split("\n")[0].slice(0, 200)}`);
}
