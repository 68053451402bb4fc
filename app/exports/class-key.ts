import type { CsvValue } from "~/privacy/csv";
import type { QiPosition } from "./variables";

/** How a blank quasi-identifier shows in a text key (codes and joined checkboxes never hold it). */
const NULL_KEY = "\u0002";

/**
 * A row's combination as a number: the wave and each quasi-identifier's code (0 for blank), when every
 * quasi-identifier is one column of small integer codes (most surveys); else a string key of its own kind (a
 * number and a string never meet in the map, and the same combination always takes the same kind).
 */
export function numericClassKey(
  wave: number,
  cells: readonly CsvValue[],
  positions: readonly QiPosition[],
): number | string {
  let key = wave;
  for (const p of positions) {
    const v = cells[p.columns[0]];
    if (v === null || v === undefined) key = key * 1025;
    else if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 1024) key = key * 1025 + v + 1;
    else return classKeyOf(wave, cells, positions);
  }
  return key;
}

/** A row's combination as text: the wave and each quasi-identifier's value (a checkbox joined by commas). */
export function classKeyOf(wave: number, cells: readonly CsvValue[], positions: readonly QiPosition[]): string {
  let classKey = String(wave);
  for (const p of positions) {
    classKey += "\u0001";
    if (p.columns.length === 1) {
      const v = cells[p.columns[0]];
      classKey += v === null || v === undefined ? NULL_KEY : String(v);
    } else {
      let joined = "";
      let empty = true;
      for (let j = 0; j < p.columns.length; j++) {
        const v = cells[p.columns[j]];
        if (v !== null && v !== undefined) empty = false;
        joined += j === 0 ? String(v ?? "") : `,${v ?? ""}`;
      }
      classKey += empty ? NULL_KEY : joined;
    }
  }
  return classKey;
}
