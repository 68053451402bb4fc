import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { DropNulBytes } from "~/http/drop-nul-bytes.server";

describe("DropNulBytes", () => {
  it("gives back the page React meant to send when a buffer's unwritten tail is zeros", async () => {
    const head = Buffer.from("<p>Bostad F", "utf8");
    const padded = Buffer.concat([head, Buffer.alloc(3)]); // the tail encodeInto left unwritten
    const tail = Buffer.from("örst</p>", "utf8");
    const out = await text(Readable.from([padded, tail]).pipe(new DropNulBytes()));
    expect(out).toBe("<p>Bostad Först</p>");
  });

  it("passes chunks without NUL bytes through unchanged, split multi-byte characters included", async () => {
    const bytes = Buffer.from("Förslag – åäö ✓", "utf8");
    const chunks = [bytes.subarray(0, 2), bytes.subarray(2, 11), bytes.subarray(11)];
    expect(await text(Readable.from(chunks).pipe(new DropNulBytes()))).toBe("Förslag – åäö ✓");
  });
});
