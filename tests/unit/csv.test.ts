import { once } from "node:events";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  createCsvStream,
  CSV_BOM,
  csvRecord,
  csvRecords,
  excelSvFromComma,
  excelSvFromCommaBytes,
  csvResponse,
  formatCell,
  neutraliseFormula,
  writeCsv,
  type CsvDialect,
  type CsvValue,
} from "~/privacy/csv";

async function streamToText(rows: CsvValue[][], dialect: CsvDialect, header?: string[]): Promise<string> {
  const stream = createCsvStream({ dialect, header });
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer | string) => chunks.push(Buffer.from(c)));
  for (const row of rows) if (!stream.write(row)) await once(stream, "drain");
  stream.end();
  await once(stream, "end");
  return Buffer.concat(chunks).toString("utf8");
}

const hostile = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "ok", "a=b", " =spaced"];

describe("neutraliseFormula", () => {
  it("prefixes a quote to every cell that starts with = + - @ tab or CR, and nothing else", () => {
    expect(hostile.map(neutraliseFormula)).toEqual([
      '\'=HYPERLINK("http://x")',
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tTab",
      "'\rCR",
      "ok",
      "a=b",
      " =spaced",
    ]);
  });
});

describe("formatCell", () => {
  it("writes decimal points or commas by dialect, booleans as 1/0, missing as empty", () => {
    expect(formatCell(1.5, "comma")).toBe("1.5");
    expect(formatCell(1.5, "excel-sv")).toBe("1,5");
    expect(formatCell(42, "excel-sv")).toBe("42");
    expect(formatCell(true, "comma")).toBe("1");
    expect(formatCell(false, "excel-sv")).toBe("0");
    expect(formatCell(null, "comma")).toBe("");
    expect(formatCell(undefined, "comma")).toBe("");
    expect(formatCell(Number.NaN, "comma")).toBe("");
    expect(formatCell(-3, "comma")).toBe("'-3");
    expect(formatCell(10n, "comma")).toBe("10");
  });
});

describe("writeCsv", () => {
  it("starts with the BOM, ends rows with CRLF and neutralises the header too", () => {
    const text = writeCsv([["Anna, Bo", 2.25]], { dialect: "comma", header: ["namn", "=värde"] });
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text).toBe(`${CSV_BOM}namn,'=värde\r\n"Anna, Bo",2.25\r\n`);
  });

  it("writes semicolons and decimal commas for Swedish Excel, quoting cells with semicolons", () => {
    const text = writeCsv([["a;b", 0.5, "x"]], { dialect: "excel-sv" });
    expect(text).toBe(`${CSV_BOM}"a;b";0,5;x\r\n`);
  });

  it("round-trips hostile text through a CSV reader: every formula cell neutralised, quotes and newlines kept", () => {
    const cells = [...hostile, 'he said "hi"', "line\nbreak", "åäö ÅÄÖ", "=1;2"];
    for (const dialect of ["comma", "excel-sv"] as const) {
      const text = writeCsv([cells], { dialect });
      const [back] = parse(text.slice(1), { delimiter: dialect === "comma" ? "," : ";" }) as string[][];
      expect(back).toEqual(cells.map(neutraliseFormula));
      for (const cell of back) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it("writes just the BOM for nothing at all", () => {
    expect(writeCsv([], { dialect: "comma" })).toBe(CSV_BOM);
  });
});

describe("createCsvStream", () => {
  it("streams the same bytes as writeCsv, BOM first, for both dialects", async () => {
    const rows: CsvValue[][] = [
      ["=cmd", 1.25, null, true],
      ["vanlig", -1, undefined, "a;b,c"],
    ];
    for (const dialect of ["comma", "excel-sv"] as const) {
      const streamed = await streamToText(rows, dialect, ["a", "b", "c", "d"]);
      expect(streamed).toBe(writeCsv(rows, { dialect, header: ["a", "b", "c", "d"] }));
    }
  });

  it("writes the BOM and header even with no rows", async () => {
    expect(await streamToText([], "comma", ["x"])).toBe(`${CSV_BOM}x\r\n`);
  });

  it("handles many rows with back-pressure", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [i, `rad ${i}`, i % 2 === 0]);
    const text = await streamToText(rows, "comma");
    const lines = text.slice(1).split("\r\n");
    expect(lines.length).toBe(20_001);
    expect(lines[19_999]).toBe("19999,rad 19999,0");
  });
});

describe("csvRecords", () => {
  it("gives the rows of writeCsv without the BOM, for batch writers", () => {
    const rows: CsvValue[][] = [
      ["=x", 2.5, null],
      ["a;b", -1, true],
    ];
    for (const dialect of ["comma", "excel-sv"] as const)
      expect(CSV_BOM + csvRecords(rows, dialect)).toBe(writeCsv(rows, { dialect }));
    expect(csvRecords([], "comma")).toBe("");
  });
});

describe("csvRecord", () => {
  it("writes a record byte for byte as csv-stringify does, for any cell", () => {
    let seed = 20261129;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      "a",
      "ö",
      " ",
      ",",
      ";",
      '"',
      "'",
      "=",
      "+",
      "-",
      "@",
      "\t",
      "\r",
      "\n",
      "1",
      ".",
      "😀",
      "\uFEFF",
    ];
    const cell = (): CsvValue => {
      const r = rand();
      if (r < 0.1) return null;
      if (r < 0.15) return undefined;
      if (r < 0.3) return Math.floor(rand() * 300);
      if (r < 0.4) return Math.round((rand() - 0.5) * 1e5) / 100;
      if (r < 0.43) return [Number.NaN, Number.POSITIVE_INFINITY, 1e21, -0, 255, 256][Math.floor(rand() * 6)];
      if (r < 0.46) return rand() < 0.5;
      if (r < 0.48) return BigInt(Math.floor((rand() - 0.5) * 1e6));
      if (r < 0.5) return "";
      return Array.from(
        { length: 1 + Math.floor(rand() * 6) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join("");
    };
    let derivedNot = 0;
    for (let n = 0; n < 3000; n++) {
      const row = Array.from({ length: 1 + Math.floor(rand() * 5) }, cell);
      for (const dialect of ["comma", "excel-sv"] as const)
        expect(csvRecord(row, dialect)).toBe(csvRecords([row], dialect));
      const swedish = excelSvFromComma(csvRecord(row, "comma"));
      if (swedish !== null) expect(swedish).toBe(csvRecord(row, "excel-sv"));
      else derivedNot++;
      const bytes = Buffer.from(csvRecord(row, "comma"), "utf8");
      const target = Buffer.alloc(bytes.length + 3, 0x7e);
      const written = excelSvFromCommaBytes(bytes, target, 3);
      if (swedish === null) expect(written).toBe(-1);
      else expect(target.toString("utf8", 3, 3 + written)).toBe(swedish);
    }
    // Both kinds of rows were met: derived and formatted again.
    expect(derivedNot).toBeGreaterThan(100);
    expect(derivedNot).toBeLessThan(2900);
    expect(excelSvFromComma("R1f,,1,2026-03,0\r\n")).toBe("R1f;;1;2026-03;0\r\n");
    expect(excelSvFromComma('a,"b,c"\r\n')).toBeNull();
    expect(excelSvFromComma("2.5,x\r\n")).toBeNull();
    expect(excelSvFromComma("a;b,x\r\n")).toBeNull();
  });
});

describe("csvResponse", () => {
  it("answers with a CSV attachment named in UTF-8, not cached", async () => {
    const res = csvResponse([["x"]], { fileName: "närvaro 2026.csv", dialect: "excel-sv" });
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="narvaro 2026.csv"; filename*=UTF-8''n%C3%A4rvaro%202026.csv`,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("keeps a quote or backslash in a file name out of the header's quoted part", () => {
    expect(attachmentDisposition('a"b\\c.csv')).toMatch(/^attachment; filename="a_b_c.csv"; filename\*=/);
  });
});
