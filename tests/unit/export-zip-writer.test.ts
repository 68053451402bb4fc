import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { Compressor } from "~/exports/compressed-entry";
import { ZipWriter } from "~/exports/zip-writer";
import { listZipEntries, readZipEntry } from "../support/zip";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-zip-writer-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const hasUnzip = spawnSync("unzip", ["-v"]).status === 0;

/** The CRC-32 of `data` as gzip's trailer states it (a second opinion, independent of `zlib.crc32`). */
function gzipCrc(data: Buffer): number {
  const gz = zlib.gzipSync(data);
  return gz.readUInt32LE(gz.length - 8);
}

async function writeZip(name: string, options: { forceZip64?: boolean } = {}) {
  const data = Buffer.from("\uFEFFresponse,gender\r\n".concat("R1,2\r\nR2,1\r\n".repeat(5000)), "utf8");
  const deflated = path.join(dir, `${name}.deflate`);
  fs.writeFileSync(deflated, zlib.deflateRawSync(data, { level: 3 }));
  const file = path.join(dir, name);
  const zip = new ZipWriter(file, options);
  const mtime = new Date(2026, 10, 29, 17, 45, 12);
  await zip.addBuffer("LÄS_MIG.txt", Buffer.from("Hej då åäö\r\n", "utf8"), mtime);
  await zip.addDeflated(
    "data.csv",
    { path: deflated, crc32: zlib.crc32(data), size: data.length, compressedSize: fs.statSync(deflated).size },
    mtime,
  );
  await zip.addBuffer("manifest.json", Buffer.from("{}\n"), mtime);
  const result = await zip.end();
  return { file, data, result };
}

describe("the export's ZIP writer", () => {
  it("writes entries that read back with their names, bytes and checksum", async () => {
    const { file, data, result } = await writeZip("plain.zip");
    const zip = fs.readFileSync(file);
    expect(result.bytes).toBe(zip.length);
    expect(result.sha256).toBe(createHash("sha256").update(zip).digest("hex"));
    expect(listZipEntries(zip)).toEqual(["LÄS_MIG.txt", "data.csv", "manifest.json"]);
    expect(readZipEntry(zip, "data.csv")).toBe(data.toString("utf8"));
    expect(readZipEntry(zip, "LÄS_MIG.txt")).toBe("Hej då åäö\r\n");
  });

  it("takes a data file's CRC-32 and SHA-256 over every chunk while compressing it, as the ZIP's reader checks", async () => {
    // More than four 256 KiB chunks, with multi-byte characters across chunk ends.
    const text = "\uFEFFresponse,gender,wishes\r\n".concat(
      Array.from({ length: 40_000 }, (_, i) => `R${i},${i % 3},Längre öppettider på fredagar\r\n`).join(""),
    );
    const data = Buffer.from(text, "utf8");
    expect(data.length).toBeGreaterThan(4 * (1 << 18));
    const compressor = new Compressor();
    try {
      const entry = compressor.open(path.join(dir, "round-trip.deflate"), 1);
      for (let at = 0; at < text.length; at += 7_919) {
        entry.add(text.slice(at, at + 7_919));
        await entry.flush();
      }
      const done = await entry.end();
      expect(done.size).toBe(data.length);
      expect(done.crc32).toBe(gzipCrc(data));
      expect(done.sha256).toBe(createHash("sha256").update(data).digest("hex"));
      expect(zlib.inflateRawSync(fs.readFileSync(done.path)).equals(data)).toBe(true);

      const file = path.join(dir, "from-compressor.zip");
      const zip = new ZipWriter(file);
      await zip.addDeflated("data.csv", done, new Date(2026, 10, 29));
      await zip.end();
      expect(readZipEntry(fs.readFileSync(file), "data.csv")).toBe(text);
      if (hasUnzip) expect(execFileSync("unzip", ["-t", file], { encoding: "utf8" })).toContain("No errors detected");
    } finally {
      await compressor.close();
    }
  });

  it.skipIf(!hasUnzip)("passes unzip's own test, with and without ZIP64 fields", async () => {
    for (const [name, forceZip64] of [
      ["checked.zip", false],
      ["checked64.zip", true],
    ] as const) {
      const { file, data } = await writeZip(name, { forceZip64 });
      const report = execFileSync("unzip", ["-t", file], { encoding: "utf8" });
      expect(report).toContain("No errors detected");
      expect(execFileSync("unzip", ["-p", file, "data.csv"])).toEqual(data);
    }
  });
});
