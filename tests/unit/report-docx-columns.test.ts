import { describe, expect, it } from "vitest";
import type { Draft, ReportTable } from "~/reports/draft-types";
import { reportDocx } from "~/reports/report-docx.server";
import { readZipEntry } from "../support/zip";

/**
 * What a committee sees in Word: a number column wide enough for its head and for "färre än 5", so neither breaks
 * mid-word ("Synpunkt/er" was seen in the demo report). A generous estimate for Calibri 11 pt bold: 125 twips a
 * character, plus the cell's default margins (108 twips on each side).
 */
const neededTwips = (text: string) => text.length * 125 + 2 * 108;

function table(key: string, number: number, columns: string[], rows: string[][]): ReportTable {
  return {
    key,
    number,
    caption: key,
    columns,
    rows: rows.map(([label, ...cells]) => ({ label, cells })),
    source: "Källa: test.",
  };
}

async function gridWidths(tables: ReportTable[]): Promise<number[][]> {
  const draft: Draft = {
    generator: 1,
    period: { from: "2026-01-01", to: "2026-06-30" },
    programNames: ["Bostad Först"],
    scope: "",
    figures: {},
    sections: [],
    tables: Object.fromEntries(tables.map((t) => [t.key, t])),
    charts: {},
  };
  const docx = await reportDocx({
    title: "Test",
    from: "2026-01-01",
    to: "2026-06-30",
    programNames: ["Bostad Först"],
    status: "draft",
    dated: "2026-07-01",
    draft,
    sections: [
      {
        key: "bilaga",
        title: "Statistikbilaga",
        blocks: tables.map((t) => ({ t: "table" as const, key: t.key })),
        edited: false,
        editedAt: null,
        editedByName: null,
        stale: false,
        changedFigures: [],
        figureKeys: [],
        editableText: "",
        generatedText: "",
      },
    ],
  });
  const xml = readZipEntry(docx, "word/document.xml")!;
  return [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) =>
    [...m[1].matchAll(/<w:gridCol w:w="(\d+)"/g)].map((c) => Number(c[1])),
  );
}

describe("the report's Word tables", () => {
  it("give a two-column table's number column room for 'Synpunkter' and 'färre än 5' on one line", async () => {
    const [grid] = await gridWidths([
      table(
        "themes",
        5,
        ["Tema", "Synpunkter"],
        [
          ["aktiviteter", "12"],
          ["trygghet", "färre än 5"],
        ],
      ),
    ]);
    expect(grid).toHaveLength(2);
    expect(grid[1]).toBeGreaterThanOrEqual(neededTwips("Synpunkter"));
    expect(grid[1]).toBeGreaterThanOrEqual(neededTwips("färre än 5"));
  });

  it("give a five-column table's number columns room for 'färre än 5', and the label column at least a third", async () => {
    const [grid] = await gridWidths([
      table(
        "enrolment",
        4,
        ["Program", "Kvinnor", "Män", "Annan eller ej angivet", "Totalt"],
        [["Bostad Först (31 mars 2026)", "42", "117", "färre än 5", "dolt"]],
      ),
    ]);
    expect(grid).toHaveLength(5);
    for (const width of grid.slice(1)) expect(width).toBeGreaterThanOrEqual(neededTwips("färre än 5"));
    const total = grid.reduce((a, b) => a + b, 0);
    expect(grid[0]).toBeGreaterThanOrEqual(total / 3 - 1);
  });
});
