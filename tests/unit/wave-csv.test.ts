import { describe, expect, it } from "vitest";
import {
  canonicalText,
  cellChoices,
  decodeWaveFile,
  hostileCell,
  labelIndex,
  matchColumns,
  readCsv,
  yesNo,
} from "~/paper/wave-csv";
import { withoutObligation } from "~/paper/survey-without-obligation.server";

const bytes = (s: string) => new TextEncoder().encode(s);
const choice = (value: string, text: string, other = false) => ({
  value,
  text,
  other,
  exclusive: false,
  valueType: "string" as const,
});
const gender = {
  name: "gender",
  kind: "single" as const,
  choices: [choice("kvinna", "Kvinna"), choice("man", "Man"), choice("vill_inte", "Vill inte svara")],
};
const barriers = {
  name: "barriers",
  kind: "multiple" as const,
  choices: [choice("dagsform", "Min dagsform"), choice("tider", "Tiderna passar inte"), choice("other", "Annat", true)],
};
const ucla = {
  name: "ucla_left_out",
  kind: "single" as const,
  choices: [
    { ...choice("1", "Nästan aldrig"), valueType: "number" as const },
    { ...choice("2", "Ibland"), valueType: "number" as const },
  ],
};

describe("decoding an uploaded wave file", () => {
  it("takes UTF-8 with or without a byte-order mark", () => {
    expect(decodeWaveFile(bytes("gender\nKvinna\n"))).toEqual({ ok: true, text: "gender\nKvinna\n" });
    expect(decodeWaveFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("gender\nMan")]))).toEqual({
      ok: true,
      text: "gender\nMan",
    });
  });

  it("refuses UTF-16, Windows-1252, binary and empty files by name, never guessing", () => {
    expect(decodeWaveFile(new Uint8Array([0xff, 0xfe, 0x67, 0x00]))).toEqual({ ok: false, problem: "errFileUtf16" });
    // "Sällan" saved by an old Excel as Windows-1252: ä is the single byte 0xE4.
    expect(decodeWaveFile(new Uint8Array([0x53, 0xe4, 0x6c, 0x6c, 0x61, 0x6e]))).toEqual({
      ok: false,
      problem: "errFileEncoding",
    });
    expect(decodeWaveFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toEqual({
      ok: false,
      problem: "errFileBinary",
    });
    expect(decodeWaveFile(new Uint8Array([]))).toEqual({ ok: false, problem: "errFileEmpty" });
    expect(decodeWaveFile(bytes(" \n\n"))).toEqual({ ok: false, problem: "errFileEmpty" });
  });

  it("hashes the same content alike whatever its line endings or byte-order mark", () => {
    expect(canonicalText("\uFEFFa;b\r\n1;2\r\n")).toBe(canonicalText("a;b\n1;2\n"));
  });
});

describe("reading the CSV", () => {
  it("gives each record the line it ends on, skipping empty rows, with quoted cells across lines", () => {
    const read = readCsv('gender;wishes\nKvinna;"Mer\nyoga"\n;\n\nMan;x\n');
    expect(read).toEqual({
      ok: true,
      header: ["gender", "wishes"],
      records: [
        { line: 3, cells: ["Kvinna", "Mer\nyoga"] },
        { line: 6, cells: ["Man", "x"] },
      ],
    });
  });

  it("refuses a file with only a header, or with a broken quote", () => {
    expect(readCsv("gender;visits\n")).toEqual({ ok: false, problem: "errFileNoRows" });
    expect(readCsv('gender\n"Kvinna\n')).toEqual({ ok: false, problem: "errFileUnreadable" });
  });
});

describe("matching columns to the survey's questions", () => {
  it("matches names in any case, the Annat text, the participant code and the date; lists the rest", () => {
    const m = matchColumns(
      ["GENDER", "barriers", "barriers_annat", "Deltagarkod", "datum", "Tidsstämpel"],
      [gender, barriers],
    );
    expect(m.ok && m.columns.map((c) => c.role)).toEqual([
      { kind: "question", question: "gender" },
      { kind: "question", question: "barriers" },
      { kind: "other", question: "barriers" },
      { kind: "code" },
      { kind: "date" },
      { kind: "unknown" },
    ]);
  });

  it("refuses a question given twice and a file with no question at all", () => {
    expect(matchColumns(["gender", "Gender"], [gender])).toEqual({
      ok: false,
      problem: "errFileDuplicateColumn",
      column: "Gender",
    });
    expect(matchColumns(["namn", "personnummer"], [gender])).toMatchObject({
      ok: false,
      problem: "errFileNoQuestions",
    });
  });
});

describe("reading an answer cell", () => {
  const labels = (q: { choices: { value: string; text: string }[] }) =>
    labelIndex([q as never, { choices: q.choices.map((c) => ({ ...c, text: `${c.text} (en)` })) } as never]);

  it("takes a coded value or a label, in any case, in Swedish or English", () => {
    expect(cellChoices("kvinna", gender, labels(gender))).toEqual(["kvinna"]);
    expect(cellChoices("  KVINNA ", gender, labels(gender))).toEqual(["kvinna"]);
    expect(cellChoices("Vill inte svara", gender, labels(gender))).toEqual(["vill_inte"]);
    expect(cellChoices("Man (en)", gender, labels(gender))).toEqual(["man"]);
    expect(cellChoices("2", ucla, labels(ucla))).toEqual(["2"]);
    expect(cellChoices("Ibland", ucla, labels(ucla))).toEqual(["2"]);
    expect(cellChoices("Kvinnor", gender, labels(gender))).toBeNull();
    expect(cellChoices("kvinna|man", gender, labels(gender))).toBeNull();
  });

  it("splits a checkbox cell on |, ; or , and refuses it when a part is no option", () => {
    expect(cellChoices("dagsform|tider", barriers, labels(barriers))).toEqual(["dagsform", "tider"]);
    expect(cellChoices("Min dagsform, Tiderna passar inte", barriers, labels(barriers))).toEqual(["dagsform", "tider"]);
    expect(cellChoices("dagsform;annat", barriers, labels(barriers))).toEqual(["dagsform", "other"]);
    expect(cellChoices("dagsform|regn", barriers, labels(barriers))).toBeNull();
  });

  it("reads yes and no in both languages", () => {
    expect(["Ja", "yes", "1", "SANT"].map(yesNo)).toEqual(["true", "true", "true", "true"]);
    expect(["nej", "No", "0"].map(yesNo)).toEqual(["false", "false", "false"]);
    expect(yesNo("kanske")).toBeNull();
  });
});

describe("hostile cells", () => {
  it("refuses spreadsheet formulas and HTML, but not a dash, a phone number or a heart", () => {
    for (const f of ["=1+1", ' =HYPERLINK("http://x")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3(", "\t=1"])
      expect(hostileCell(f), f).toBe("errCellFormula");
    for (const h of ["<script>alert(1)</script>", "hej <img src=x onerror=alert(1)>", "</b>"])
      expect(hostileCell(h), h).toBe("errCellHtml");
    for (const ok of ["- mer mat", "+46 70 123 45 67", "jag <3 Mallis", "-1", "Kvinna", "a < b > c"])
      expect(hostileCell(ok), ok).toBeNull();
  });
});

describe("the survey without obligation", () => {
  it("drops isRequired and requiredIf everywhere, keeping conditions and choices", () => {
    const json = {
      pages: [
        {
          elements: [
            { type: "radiogroup", name: "a", isRequired: true, choices: ["x"] },
            {
              type: "panel",
              name: "p",
              elements: [{ type: "text", name: "b", requiredIf: "{a} = 'x'", visibleIf: "{a} = 'x'" }],
            },
          ],
        },
      ],
    };
    expect(withoutObligation(json)).toEqual({
      pages: [
        {
          elements: [
            { type: "radiogroup", name: "a", choices: ["x"] },
            { type: "panel", name: "p", elements: [{ type: "text", name: "b", visibleIf: "{a} = 'x'" }] },
          ],
        },
      ],
    });
  });
});
