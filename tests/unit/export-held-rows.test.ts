import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blankRecord, heldPerClass, heldRowsCover, HeldRowsWriter, readHeldRows } from "~/exports/held-rows";
import { csvRecord, type CsvValue } from "~/privacy/csv";
import { createPlanCursor, isKAnonymous, planSuppression, type QiClass } from "~/privacy/k-anonymity";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-held-rows-"));
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

/** Both passes as the export runs them: hold back each combination's first k - 1 rows, then treat them. */
async function bothPasses(rows: CsvValue[][], k: number) {
  const classIndex = new Map<string, number>();
  const classes: QiClass[] = [];
  const file = path.join(dir, `${k}-${rows.length}.held`);
  const held = new HeldRowsWriter(file);
  const rowClasses: number[] = [];
  const written = { comma: [] as string[], swedish: [] as string[] };
  for (const row of rows) {
    const key = JSON.stringify(valuesOf(row));
    let index = classIndex.get(key);
    if (index === undefined) {
      index = classes.length;
      classIndex.set(key, index);
      classes.push({ stratum: "1", values: valuesOf(row), count: 0 });
    }
    const seen = classes[index].count++;
    rowClasses.push(index);
    if (seen < heldPerClass(k)) held.add(index, csvRecord(row, "comma"), csvRecord(row, "excel-sv"));
    else {
      written.comma.push(csvRecord(row, "comma"));
      written.swedish.push(csvRecord(row, "excel-sv"));
    }
    if (rowClasses.length % 7 === 0) await held.flush();
  }
  await held.close();
  const plan = planSuppression(classes, k, positions.length);
  const next = createPlanCursor(plan, positions.length);
  for await (const row of readHeldRows(file)) {
    const mask = next(row.classIndex);
    if (mask === null) continue;
    written.comma.push(blankRecord(row.comma.toString("utf8"), mask, positions, "comma"));
    written.swedish.push(blankRecord(row.swedish.toString("utf8"), mask, positions, "excel-sv"));
  }
  // What the file must hold: every row treated by the plan in the order it was counted.
  const all = createPlanCursor(plan, positions.length);
  const expected = { comma: [] as string[], swedish: [] as string[], values: [] as (string | null)[][] };
  rows.forEach((row, i) => {
    const mask = all(rowClasses[i]);
    if (mask === null) return;
    const treated = [...row];
    positions.forEach((p, b) => {
      if (mask & (1 << b)) for (const c of p.columns) treated[c] = null;
    });
    expected.comma.push(csvRecord(treated, "comma"));
    expected.swedish.push(csvRecord(treated, "excel-sv"));
    expected.values.push([treated[2] === null ? null : String(treated[2]), `${treated[3] ?? ""},${treated[4] ?? ""}`]);
  });
  return { written, expected, plan, classes };
}

describe("the rows held back for the suppression plan", () => {
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

  it("give the same records as treating every row, in both dialects, and the file is k-anonymous", async () => {
    for (const [count, k] of [
      [40, 5],
      [3000, 5],
      [3000, 50],
    ]) {
      const { written, expected, plan, classes } = await bothPasses(randomRows(count, count + k), k);
      expect(heldRowsCover(plan, classes)).toBe(true);
      expect(plan.suppressedCells.some((n) => n > 0)).toBe(true);
      expect([...written.comma].sort()).toEqual([...expected.comma].sort());
      expect([...written.swedish].sort()).toEqual([...expected.swedish].sort());
      expect(
        isKAnonymous(
          expected.values.map((values) => ({ stratum: "1", values })),
          k,
        ),
      ).toBe(true);
    }
  });

  it("hold every row the plan may touch, whatever the combinations (random strata, skews and k)", () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const touched = { masked: 0, lent: 0, dropped: 0 };
    for (let run = 0; run < 80; run++) {
      const k = 5 + Math.floor(rand() * 6);
      const width = 1 + Math.floor(rand() * 3);
      const nulls = [0, 0.02, 0.15][run % 3];
      const seen = new Map<string, QiClass>();
      const rows = Math.floor(rand() * 150);
      for (let r = 0; r < rows; r++) {
        const stratum = String(1 + Math.floor(rand() * 2));
        const values = Array.from({ length: width }, () => {
          const x = rand();
          return x < nulls ? null : String(Math.floor(x * x * 6));
        });
        const key = stratum + JSON.stringify(values);
        const c = seen.get(key) ?? { stratum, values, count: 0 };
        c.count++;
        seen.set(key, c);
      }
      const classes = [...seen.values()];
      const plan = planSuppression(classes, k, width);
      expect(heldRowsCover(plan, classes)).toBe(true);
      for (const t of plan.treatments) {
        if (t.mask) touched.masked++;
        if (t.fullyBlanked) touched.lent++;
        if (t.dropped) touched.dropped++;
      }
    }
    // The runs met every kind of treatment, so the check above saw each of them.
    expect(touched.masked).toBeGreaterThan(0);
    expect(touched.lent).toBeGreaterThan(0);
    expect(touched.dropped).toBeGreaterThan(0);
  });

  it("notices a plan that reaches beyond the held rows", () => {
    const classes: QiClass[] = [{ stratum: "1", values: ["1"], count: 20 }];
    const plan = {
      k: 5,
      treatments: [{ mask: 0, dropped: 0, fullyBlanked: 5 }],
      suppressedCells: [5],
      droppedRows: 0,
      exact: true,
    };
    expect(heldRowsCover(plan, classes)).toBe(false);
    expect(heldRowsCover({ ...plan, treatments: [{ mask: 1, dropped: 0, fullyBlanked: 0 }] }, classes)).toBe(false);
    expect(heldRowsCover({ ...plan, treatments: [{ mask: 0, dropped: 0, fullyBlanked: 4 }] }, classes)).toBe(true);
  });
});
