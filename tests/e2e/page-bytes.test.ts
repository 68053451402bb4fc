import { describe, expect, it } from "vitest";
import { baseUrl } from "../support/browser";
import { loginCookie } from "../support/http";

/**
 * Every HTML page is valid UTF-8 with no NUL byte (DESIGN.md). Crawls the app as a visitor, as an admin and
 * in English, following every link on every page it reaches (GET only; loaders only read), and checks the
 * raw bytes of each page.
 */
const MAX_PAGES = 400;
const SKIP = [/^\/staff\/logout/, /^\/sprak\//, /\.(csv|docx|zip|png|svg|pdf)(\?|$)/, /^\/build\//];

async function crawl(start: string[], cookie: string): Promise<{ pages: number; problems: string[] }> {
  const seen = new Set<string>(start);
  const queue = [...start];
  const problems: string[] = [];
  let pages = 0;
  while (queue.length > 0 && pages < MAX_PAGES) {
    const path = queue.shift()!;
    const response = await fetch(`${baseUrl()}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
    const type = response.headers.get("Content-Type") ?? "";
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!type.startsWith("text/html")) continue;
    pages += 1;
    if (bytes.includes(0)) problems.push(`${path}: NUL byte at ${bytes.indexOf(0)}`);
    const html = new TextDecoder("utf-8").decode(bytes);
    if (html.includes("\uFFFD")) problems.push(`${path}: invalid UTF-8 or U+FFFD at ${html.indexOf("\uFFFD")}`);
    for (const match of html.matchAll(/href="([^"#]+)/g)) {
      const href = match[1].replaceAll("&amp;", "&");
      if (!href.startsWith("/") || href.startsWith("//")) continue;
      if (SKIP.some((re) => re.test(href)) || seen.has(href)) continue;
      seen.add(href);
      queue.push(href);
    }
  }
  return { pages, problems };
}

describe("every page's bytes", () => {
  it("has no NUL byte and no U+FFFD, for a visitor and an admin, in Swedish and English", async () => {
    const visitor = ["/", "/s/DEMO", "/s/YOGA", "/w/FRAMTID", "/w/FRAMTID/board", "/forslag", "/tyck-till"];
    const staff = ["/staff", "/staff/feedback", "/staff/attendance/stats", "/staff/workshops", "/staff/quotes"];
    const admin = await loginCookie("admin@demo.local");
    const runs = [
      await crawl(visitor, ""),
      await crawl(visitor, "lang=en"),
      await crawl(staff, admin),
      await crawl(staff, `${admin}; lang=en`),
    ];
    expect(runs.map((r) => r.pages >= visitor.length)).toEqual([true, true, true, true]);
    expect(runs[2].pages, "staff pages reached by links").toBeGreaterThan(40);
    expect(runs.flatMap((r) => r.problems)).toEqual([]);
  });
});
