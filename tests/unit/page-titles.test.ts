import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Page titles come from the strings (issue 9, item 3): an English user gets an English tab title. A route whose
// `meta` writes a title itself (a Swedish literal, or the Swedish strings picked by hand) fails here.

const ROUTES = path.resolve(import.meta.dirname, "../../app/routes");
const ROOT = path.resolve(import.meta.dirname, "../../app/root.tsx");

/** Pages of other areas that still write their title themselves; each is to be fixed there, then taken off. */
const KNOWN = new Set<string>([]);

/** The text of the `meta` export: from its first line to the first line that starts the next declaration. */
function metaSource(source: string): string | null {
  const lines = source.split("\n");
  const start = lines.findIndex((l) => /^export (const|function|async function) meta\b/.test(l));
  if (start < 0) return null;
  const end = lines.findIndex(
    (l, i) => i > start && /^(export |const |function |async function |\/\*\*|type |interface )/.test(l),
  );
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/** What in a `meta` writes a title itself: the Swedish strings picked by hand, or words in a literal. */
function handWrittenTitle(meta: string): string[] {
  const found: string[] = [];
  if (/\.sv\b|\[\s*["']sv["']\s*\]/.test(meta)) found.push("picks the Swedish strings");
  for (const [, double, single] of meta.matchAll(/"([^"\n]*)"|'([^'\n]*)'/g)) {
    const text = double ?? single;
    // A strings key ("listTitle") is fine; words are not.
    if (text !== undefined && /\p{L}/u.test(text) && !/^[a-z][A-Za-z0-9_]*$/.test(text)) found.push(`"${text}"`);
  }
  for (const [, body] of meta.matchAll(/`([^`]*)`/g)) {
    const words = body.replace(/\$\{[^}]*\}/g, "");
    if (/\p{L}/u.test(words)) found.push(`\`${body}\``);
  }
  return found;
}

describe("page titles", () => {
  it("spots a title written by hand", () => {
    expect(handWrittenTitle('export const meta = () => [{ title: "Rapporter – Deltagarröst" }];')).toHaveLength(1);
    expect(handWrittenTitle("export const meta = () => [{ title: `${s.sv.pageTitle} – Deltagarröst` }];")).toHaveLength(
      2,
    );
    expect(handWrittenTitle('export const meta = pageTitle(strings, "listTitle");')).toEqual([]);
    expect(
      handWrittenTitle("titleFor(strings, matches, (t) => `${data ? data.title : t.listTitle} – ${t.printTitle}`)"),
    ).toEqual([]);
  });

  const files = readdirSync(ROUTES).filter((f) => /\.tsx?$/.test(f));
  it.each(files.filter((f) => !KNOWN.has(f)))("%s takes its title from the strings", (file) => {
    const meta = metaSource(readFileSync(path.join(ROUTES, file), "utf8"));
    if (meta === null) return;
    expect(handWrittenTitle(meta)).toEqual([]);
  });

  it("root takes the app's name from the strings", () => {
    expect(handWrittenTitle(metaSource(readFileSync(ROOT, "utf8")) ?? "")).toEqual([]);
  });
});
