import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeCsvBytes, parseAttendanceCsv } from "~/activities/attendance-csv.server";

const activities = [
  { id: 1, name: "Sygrupp", countsAttendance: true, archived: false, startsOn: "2023-07-01" },
  { id: 2, name: "Peer support från Bostad Först", countsAttendance: true, archived: true, startsOn: "2023-07-01" },
  { id: 3, name: "Radio Gatan", countsAttendance: false, archived: false, startsOn: null },
];
const today = "2025-06-30";

describe("decodeCsvBytes", () => {
  it("reads UTF-8 with and without a byte-order mark", () => {
    const utf8 = new TextEncoder().encode("datum;aktivitet;kvinnor;män");
    expect(decodeCsvBytes(utf8)).toBe("datum;aktivitet;kvinnor;män");
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe("datum;aktivitet;kvinnor;män");
  });

  it("falls back to Windows-1252 for Excel files", () => {
    const bytes = iconv.encode("2024-01-09;Peer support från Bostad Först;1;2;0;0\r\n", "win1252");
    expect(bytes.includes(0xe5)).toBe(true);
    expect(decodeCsvBytes(new Uint8Array(bytes))).toBe("2024-01-09;Peer support från Bostad Först;1;2;0;0\r\n");
  });
});

describe("parseAttendanceCsv", () => {
  it("reads a header and good rows, with drop-in and archived activities, case-insensitively", () => {
    const text =
      "Datum;Aktivitet;Kvinnor;Män;Annan;Vill inte uppge\r\n2024-01-09;sygrupp;2;4;0;0\r\n\r\n2024-01-11;Drop-in;0;3;;\r\n2024-01-11;Peer support från Bostad Först;1;1;1;1\r\n";
    const out = parseAttendanceCsv(text, { activities, today });
    expect(out.problems).toEqual([]);
    expect(
      out.rows.map((r) => [
        r.line,
        r.input.date,
        r.input.activityId,
        r.input.women,
        r.input.men,
        r.input.other,
        r.input.notStated,
      ]),
    ).toEqual([
      [2, "2024-01-09", 1, 2, 4, 0, 0],
      [4, "2024-01-11", null, 0, 3, 0, 0],
      [5, "2024-01-11", 2, 1, 1, 1, 1],
    ]);
  });

  it("lists every bad line with its reasons", () => {
    const text = [
      "2024-01-09;Sygrupp;2;4;0;0",
      "2024-01-09;Sygrupp;1;1;0;0",
      "2024-13-01;Sygrupp;1;1;0;0",
      "2030-01-01;Sygrupp;1;1;0;0",
      "2023-01-01;Sygrupp;1;1;0;0",
      "2024-01-10;Okänd grupp;1;1;0;0",
      "2024-01-10;Radio Gatan;1;1;0;0",
      "2024-01-12;Sygrupp;-1;1;0;0",
      "2024-01-13;Sygrupp;250;1;0;0",
      "2024-01-14;Sygrupp;två;1;0;0",
      "2024-01-15;Sygrupp;1;1",
    ].join("\n");
    const out = parseAttendanceCsv(text, { activities, today });
    const byLine = Object.fromEntries(out.problems.map((p) => [p.line, p.reasons.map((r) => r.key)]));
    expect(byLine).toEqual({
      2: ["importDuplicateInFile"],
      3: ["errDate"],
      4: ["errFuture"],
      5: ["errBeforeStart"],
      6: ["importUnknownActivity"],
      7: ["errNotCounted"],
      8: ["errCount"],
      9: ["errTooMany"],
      10: ["errCount"],
      11: ["importColumns"],
    });
    expect(out.problems.find((p) => p.line === 6)?.reasons[0].params).toEqual({ name: "Okänd grupp" });
    expect(out.rows.map((r) => r.line)).toEqual([1]);
  });

  it("says plainly when there is nothing to import or too much", () => {
    expect(parseAttendanceCsv("datum;aktivitet;kvinnor;män;annan;vill inte uppge\n", { activities, today }).fatal).toBe(
      "importEmpty",
    );
    const many = Array.from({ length: 5001 }, (_, i) => `2024-01-01;Sygrupp;${i % 5};1;0;0`).join("\n");
    expect(parseAttendanceCsv(many, { activities, today }).fatal).toBe("importTooManyRows");
  });
});

describe("parseAttendanceCsv: the optional column of participant codes", () => {
  it("reads codes separated by spaces, and names the line of a malformed or repeated code", () => {
    const text = [
      "2024-01-09;Sygrupp;2;4;0;0;AB12 cd-34",
      "2024-01-10;Sygrupp;1;0;0;0;",
      "2024-01-11;Sygrupp;1;0;0;0;AB12 A1",
      "2024-01-12;Sygrupp;1;0;0;0;AB12 ab12",
      "2024-01-13;Sygrupp;1;0;0;0;AB12;extra",
    ].join("\n");
    const out = parseAttendanceCsv(text, { activities, today });
    expect(out.rows.map((r) => [r.line, r.codes])).toEqual([
      [1, ["AB12", "CD34"]],
      [2, []],
    ]);
    expect(out.problems).toEqual([
      { line: 3, reasons: [{ key: "importCodeMalformed", params: { position: "2" } }] },
      { line: 4, reasons: [{ key: "importCodeTwice", params: { position: "2" } }] },
      { line: 5, reasons: [{ key: "importColumns" }] },
    ]);
  });
});
