import { describe, expect, it } from "vitest";
import { detectDelimiter } from "~/http/csv-delimiter";
import { readCsv } from "~/paper/wave-csv";

// One delimiter detection for both CSV readers (issue 9): the attendance import and the wave import.
describe("detectDelimiter", () => {
  it("picks semicolons, commas or tabs from the first non-empty line, ignoring quoted text", () => {
    expect(detectDelimiter("datum;aktivitet;kvinnor;män;annan;vill inte uppge\n", ",")).toBe(";");
    expect(detectDelimiter("gender;visits\nKvinna;Aldrig", ",")).toBe(";");
    expect(detectDelimiter('2024-01-09,"Sy, och sånt",1,2,0,0', ";")).toBe(",");
    expect(detectDelimiter('gender,"a;b"\n', ";")).toBe(",");
    expect(detectDelimiter("a\tb\tc", ",")).toBe("\t");
    expect(detectDelimiter('\n\n"x;y",a,b', ";")).toBe(",");
    expect(detectDelimiter('\r\n"a;b;c";x\r\n', ",")).toBe(";");
  });

  it("gives the caller's fallback for a line with no delimiter at all", () => {
    expect(detectDelimiter("gender\n", ",")).toBe(",");
    expect(detectDelimiter("gender\n", ";")).toBe(";");
    expect(detectDelimiter("", "\t")).toBe("\t");
    expect(detectDelimiter('"a;b,c"\n', ";")).toBe(";");
  });

  it("lets the wave reader read a one-column file as comma-separated", () => {
    const read = readCsv("gender\nKvinna;Man\n");
    expect(read.ok && read.records.map((r) => r.cells)).toEqual([["Kvinna;Man"]]);
  });
});
