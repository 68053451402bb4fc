import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeCsv } from "~/privacy/csv";

const APP = path.resolve(import.meta.dirname, "../../app");
const WRITER = path.join(APP, "privacy", "csv.ts");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe("every CSV the app writes", () => {
  it("goes through the one Excel-safe writer (app/privacy/csv.ts)", () => {
    const offenders = sources(APP)
      .filter((file) => file !== WRITER)
      .filter((file) => {
        const text = fs.readFileSync(file, "utf8");
        return /from "csv-stringify/.test(text) || /["']text\/csv/.test(text);
      })
      .map((file) => path.relative(APP, file));
    expect(offenders).toEqual([]);
  });

  it("writes an activity name typed as a formula as text", () => {
    const csv = writeCsv(
      [
        ["Aktivitet", "Antal"],
        ['=HYPERLINK("http://evil.example","Klicka")', 7],
        ["@SUM(1+1)", 3],
        ["+46701234567", 1],
      ],
      { dialect: "excel-sv" },
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Klicka"")"`);
    expect(csv).toContain("'@SUM(1+1)");
    expect(csv).toContain("'+46701234567");
    expect(csv).not.toMatch(/(^|[;\n])=/m);
  });
});
