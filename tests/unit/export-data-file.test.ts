import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blankRecord, DataFile, maskedRecords, planChangesRows } from "~/exports/data-file";
import { csvRecord, type CsvDialect, type CsvValue } from "~/privacy/csv";
import { createPlanCursor, planSuppression, type QiClass } from "~/privacy/k-anonymity";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-data-file-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Columns: response, a free text, gender (quasi-identifier), two checkbox columns (one quasi-identifier).
const positions = [
  { question: "gender", columns: [2] },
  { question: "activities", columns: [3, 4] },
];

function randomRows(count: number, seed: number): CsvValue[][] {
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const texts = ["", "=1+1", 'säger "hej", då; 2.5', "ö\tå", "-3", "Åsa"];
  return Array.from({ length: count }, (_, i) => [
    `R${i.toString(16).padStart(16, "0")}`,
    rand() < 0.3 ? null : texts[Math.floor(rand() * texts.length)],
    rand() < 0.1 ? null : rand() < 0.05 ? 3 + Math.floor(rand() * 40) : 1 + Math.floor(rand() * 2),
    rand() < 0.5 ? 1 : 0,
    rand() < 0.5 ? 1 : 0,
  ]);
}

const valuesOf = (row: CsvValue[]) => [row[2] === null ? null : String(row[2]), [row[3], row[4]].join(",")];

async function passTwo(rows: CsvValue[][], dialect: CsvDialect, k: number) {
  const classIndex = new Map<string, number>();
  const classes: QiClass[] = [];
  const file = new DataFile(path.join(dir, `${dialect}-${k}-${rows.length}.records`));
  const rowClasses: number[] = [];
  for (const row of rows) {
    const key = JSON.stringify(valuesOf(row));
    let index = classIndex.get(key);
    if (index === undefined) {
      index = classes.length;
      classIndex.set(key, index);
      classes.push({ stratum: "1", values: valuesOf(row), count: 0 });
    }
    classes[index].count++;
    rowClasses.push(index);
    file.add(csvRecord(row, dialect));
    if (rowClasses.length % 7 === 0) await file.flush();
  }
  await file.close();
  const plan = planSuppression(classes, k, positions.length);
  const chunks: Buffer[] = [];
  for await (const chunk of maskedRecords({
    file,
    rowClasses: Uint32Array.from(rowClasses),
    plan,
    positions,
    dialect,
    rewrite: planChangesRows(plan, classes),
  }))
    chunks.push(chunk);
  // What pass 2 must give: the same rows treated by the plan and formatted directly.
  const next = createPlanCursor(plan, positions.length);
  let expected = "";
  rows.forEach((row, i) => {
    const mask = next(rowClasses[i]);
    if (mask === null) return;
    const treated = [...row];
    positions.forEach((p, b) => {
      if (mask & (1 << b)) for (const c of p.columns) treated[c] = null;
    });
    expected += csvRecord(treated, dialect);
  });
  return { text: Buffer.concat(chunks).toString("utf8"), expected, plan, classes };
}

describe("the export's data files between the passes", () => {
  it("blanks a record's quasi-identifiers exactly as formatting the blanked row would", () => {
    const row: CsvValue[] = ["R1", 'a "b", c; d', 2, 1, 0];
    for (const dialect of ["comma", "excel-sv"] as const) {
      expect(blankRecord(csvRecord(row, dialect), 0b01, positions, dialect)).toBe(
        csvRecord(["R1", 'a "b", c; d', null, 1, 0], dialect),
      );
      expect(blankRecord(csvRecord(row, dialect), 0b11, positions, dialect)).toBe(
        csvRecord(["R1", 'a "b", c; d', null, null, null], dialect),
      );
    }
    expect(blankRecord(csvRecord(["R2", "=SUM(A1)", 1, 0, 1], "comma"), 0b10, positions, "comma")).toBe(
      "R2,'=SUM(A1),1,,\r\n",
    );
  });

  it("copies records the plan leaves alone and rewrites or drops the rest, in both dialects", async () => {
    for (const [count, k] of [
      [40, 5],
      [3000, 5],
      [3000, 50],
    ]) {
      for (const dialect of ["comma", "excel-sv"] as const) {
        const { text, expected, plan, classes } = await passTwo(randomRows(count, count + k), dialect, k);
        expect(planChangesRows(plan, classes)).toBe(true);
        expect(text).toBe(expected);
      }
    }
  });

  it("is a plain copy when the plan changes nothing", async () => {
    const rows = randomRows(500, 9).map((r) => [r[0], r[1], 1, 0, 1]);
    const { text, expected, plan, classes } = await passTwo(rows, "comma", 5);
    expect(planChangesRows(plan, classes)).toBe(false);
    expect(text).toBe(expected);
    expect(text.split("\r\n").length - 1).toBe(500);
  });
});
