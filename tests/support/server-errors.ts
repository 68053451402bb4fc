/**
 * The server's half of "a test fails on an unexpected error" (page-errors.ts is the browser's, console-errors.ts the
 * test process's): what an e2e server writes to stderr while a test file runs fails that file, unless it is one of
 * the exceptions named here. A server-side bug behind a page that still renders (a 500 on a data request, an error
 * logged after the page's first bytes, a refused audit) shows there and nowhere else.
 */

/** What an e2e server may write to stderr, each with the reason it is not a fault. */
export const ALLOWED_SERVER_STDERR: readonly { line: RegExp; why: string }[] = [
  {
    // app/auth/refusals.server.ts `logRequestError`: a 4xx, a malformed URL. Tests send such requests on purpose
    // (a crafted redirect, a foreign origin, a stale form); the server answers them and says so in one line.
    line: /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \S*: [^\n]+$/,
    why: "a request refused for what it sent: one line, no stack",
  },
];

/** The lines of `stderr` that no exception allows. */
export function unexpectedServerErrors(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((line) => line.trim() !== "")
    .filter((line) => !ALLOWED_SERVER_STDERR.some((allowed) => allowed.line.test(line)));
}

/** Throws with the server's own lines when it wrote anything to stderr that no exception allows. */
export function expectNoServerErrors(stderr: string, whose: string): void {
  const unexpected = unexpectedServerErrors(stderr);
  if (unexpected.length > 0)
    throw new Error(`${whose} wrote ${unexpected.length} unexpected line(s) to stderr:\n${unexpected.join("\n")}`);
}
