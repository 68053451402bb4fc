import { describe, expect, it } from "vitest";
import { recordPair, writeRecordPair, type ByteSink } from "~/exports/record-pair";
import { csvRecord, type CsvValue } from "~/privacy/csv";

/** A sink with little room, so records often straddle two of its chunks. */
function smallSink(): ByteSink & { bytes: () => string } {
  const done: Buffer[] = [];
  const sink = {
    buffer: Buffer.alloc(64),
    used: 0,
    reserve(bytes: number) {
      if (sink.used + bytes <= sink.buffer.length) return;
      done.push(Buffer.from(sink.buffer.subarray(0, sink.used)));
      sink.buffer = Buffer.alloc(Math.max(64, bytes));
      sink.used = 0;
    },
    bytes: () => Buffer.concat([...done, sink.buffer.subarray(0, sink.used)]).toString("utf8"),
  };
  return sink;
}

const hostile: CsvValue[] = [
  null,
  undefined,
  0,
  7,
  10,
  99,
  100,
  255,
  256,
  -3,
  1.5,
  -0.25,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  12345678901234567890n,
  "",
  "R0123456789abcdef",
  "=SUMMA(A1)",
  "+46 70",
  "-x",
  "@a",
  "\tflik",
  "\rvagn",
  'säger "hej", då; 2.5',
  "a,b",
  "a;b",
  "rad ett\r\nrad två",
  "ensam\nrad",
  "Åsa Öberg 🙂",
  "x".repeat(40) + "é",
  "'redan",
  "2026-03",
  "P0123456789abcdef",
  'a"b',
  "x".repeat(32),
  "y".repeat(33),
  "kö",
  "~ok",
  "a\u007fb",
];

describe("a row's two records from one walk", () => {
  it("are byte for byte what csvRecord gives in each dialect, for hostile rows", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const comma = smallSink();
    const swedish = smallSink();
    let expectedComma = "";
    let expectedSwedish = "";
    for (let r = 0; r < 500; r++) {
      const row = Array.from(
        { length: 1 + Math.floor(rand() * 12) },
        () => hostile[Math.floor(rand() * hostile.length)],
      );
      writeRecordPair(row, comma, swedish);
      const pair = recordPair(row);
      expect(pair.comma).toBe(csvRecord(row, "comma"));
      expect(pair.swedish).toBe(csvRecord(row, "excel-sv"));
      expectedComma += pair.comma;
      expectedSwedish += pair.swedish;
    }
    expect(comma.bytes()).toBe(expectedComma);
    expect(swedish.bytes()).toBe(expectedSwedish);
  });
});
