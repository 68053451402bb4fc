import fs from "node:fs";
import path from "node:path";

const cache = new Map<string, string | null>();

/**
 * The text of built stylesheets (their `/build/…` addresses), for pages that must show at once on a slow phone:
 * inlined, they cost no extra round trip before the first paint. Null when a file is not there (tests, dev),
 * and the page keeps its ordinary stylesheet links.
 */
export function inlineStyles(hrefs: string[]): string | null {
  const parts: string[] = [];
  for (const href of hrefs) {
    if (!cache.has(href)) {
      const file = path.join(process.cwd(), "public", path.posix.normalize(href).replace(/^(\.\.\/)+/, ""));
      let text: string | null = null;
      try {
        if (href.startsWith("/build/") && href.endsWith(".css")) text = fs.readFileSync(file, "utf8");
      } catch {
        text = null;
      }
      cache.set(href, text);
    }
    const text = cache.get(href);
    if (!text) return null;
    parts.push(text.replace(/<\/style/gi, "<\\/style"));
  }
  return parts.join("\n");
}
