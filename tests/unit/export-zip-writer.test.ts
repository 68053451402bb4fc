import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { crc32, ZipWriter } from "~/exports/zip-writer";
import { listZipEntries, readZipEntry } from "../support/zip";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-zip-writer-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const hasUnzip = spawnSync("unzip", ["-v"]).status === 0;

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
    { path: deflated, crc32: crc32(data), size: data.length, compressedSize: fs.statSync(deflated).size },
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

  it("computes CRC-32 as zlib does", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.from("6789"), crc32(Buffer.from("12345")))).toBe(0xcbf43926);
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
