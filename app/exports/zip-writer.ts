import { createHash } from "node:crypto";
import fs from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import zlib from "node:zlib";

/**
 * A ZIP file (PKWARE APPNOTE 6.3) written from entries whose checksum and sizes are known before their bytes:
 * small files given as buffers, and data files already deflated elsewhere (`compressed-entry.ts`), copied in
 * as they are. So a data file is compressed once, while it is being produced, and the ZIP is assembled after.
 * Names are UTF-8 (flag bit 11); ZIP64 fields are written where a size or an offset needs them. The SHA-256
 * and the length of the whole ZIP are kept on the way.
 */

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const MAX32 = 0xffffffff;
/** Made by: Unix (3), spec 4.5, so the external attributes below are read as a file mode. */
const MADE_BY = (3 << 8) | 45;
/** A regular file readable by everyone (0o100644) in the high half. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;

export interface DeflatedData {
  /** The raw deflate stream, as a file. */
  path: string;
  crc32: number;
  /** Bytes before compression. */
  size: number;
  compressedSize: number;
}

interface CentralEntry {
  name: Buffer;
  crc32: number;
  size: number;
  compressedSize: number;
  offset: number;
  time: number;
  date: number;
}

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

export class ZipWriter {
  private readonly out: fs.WriteStream;
  private readonly hash = createHash("sha256");
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private error: Error | null = null;

  /** `forceZip64` writes the ZIP64 fields even when nothing needs them (for tests). */
  constructor(
    path: string,
    private readonly options: { forceZip64?: boolean } = {},
  ) {
    this.out = fs.createWriteStream(path);
    this.out.on("error", (error) => (this.error = error));
  }

  private async write(bytes: Buffer) {
    if (this.error) throw this.error;
    this.hash.update(bytes);
    this.offset += bytes.length;
    if (!this.out.write(bytes)) await once(this.out, "drain");
  }

  private async header(name: string, mtime: Date, crc: number, size: number, compressedSize: number) {
    const entry: CentralEntry = {
      name: Buffer.from(name, "utf8"),
      crc32: crc,
      size,
      compressedSize,
      offset: this.offset,
      ...dosDateTime(mtime),
    };
    const zip64 = this.options.forceZip64 || size >= MAX32 || compressedSize >= MAX32;
    const extra = Buffer.alloc(zip64 ? 20 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(compressedSize), 12);
    }
    const fixed = Buffer.alloc(30);
    fixed.writeUInt32LE(LOCAL, 0);
    fixed.writeUInt16LE(zip64 ? 45 : 20, 4);
    fixed.writeUInt16LE(UTF8_NAMES, 6);
    fixed.writeUInt16LE(DEFLATE, 8);
    fixed.writeUInt16LE(entry.time, 10);
    fixed.writeUInt16LE(entry.date, 12);
    fixed.writeUInt32LE(crc, 14);
    fixed.writeUInt32LE(zip64 ? MAX32 : compressedSize, 18);
    fixed.writeUInt32LE(zip64 ? MAX32 : size, 22);
    fixed.writeUInt16LE(entry.name.length, 26);
    fixed.writeUInt16LE(extra.length, 28);
    this.entries.push(entry);
    await this.write(Buffer.concat([fixed, entry.name, extra]));
  }

  /** A small file, deflated here. */
  async addBuffer(name: string, data: Buffer, mtime: Date) {
    const deflated = zlib.deflateRawSync(data);
    await this.header(name, mtime, zlib.crc32(data), data.length, deflated.length);
    await this.write(deflated);
  }

  /** A file deflated elsewhere: its raw deflate stream is copied in as it is. */
  async addDeflated(name: string, data: DeflatedData, mtime: Date) {
    await this.header(name, mtime, data.crc32, data.size, data.compressedSize);
    let copied = 0;
    for await (const chunk of fs.createReadStream(data.path, { highWaterMark: 1 << 18 })) {
      copied += (chunk as Buffer).length;
      await this.write(chunk as Buffer);
    }
    if (copied !== data.compressedSize) throw new Error(`${name}: the deflated file changed size`);
  }

  /** Writes the central directory and closes the file; the whole ZIP's SHA-256 and length. */
  async end(): Promise<{ sha256: string; bytes: number }> {
    const start = this.offset;
    for (const e of this.entries) {
      const zip64 = this.options.forceZip64 || e.size >= MAX32 || e.compressedSize >= MAX32 || e.offset >= MAX32;
      const extra = Buffer.alloc(zip64 ? 28 : 0);
      if (zip64) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(24, 2);
        extra.writeBigUInt64LE(BigInt(e.size), 4);
        extra.writeBigUInt64LE(BigInt(e.compressedSize), 12);
        extra.writeBigUInt64LE(BigInt(e.offset), 20);
      }
      const fixed = Buffer.alloc(46);
      fixed.writeUInt32LE(CENTRAL, 0);
      fixed.writeUInt16LE(MADE_BY, 4);
      fixed.writeUInt16LE(zip64 ? 45 : 20, 6);
      fixed.writeUInt16LE(UTF8_NAMES, 8);
      fixed.writeUInt16LE(DEFLATE, 10);
      fixed.writeUInt16LE(e.time, 12);
      fixed.writeUInt16LE(e.date, 14);
      fixed.writeUInt32LE(e.crc32, 16);
      fixed.writeUInt32LE(zip64 ? MAX32 : e.compressedSize, 20);
      fixed.writeUInt32LE(zip64 ? MAX32 : e.size, 24);
      fixed.writeUInt16LE(e.name.length, 28);
      fixed.writeUInt16LE(extra.length, 30);
      fixed.writeUInt32LE(FILE_ATTRIBUTES, 38);
      fixed.writeUInt32LE(zip64 ? MAX32 : e.offset, 42);
      await this.write(Buffer.concat([fixed, e.name, extra]));
    }
    const size = this.offset - start;
    const zip64 = this.options.forceZip64 || start >= MAX32 || size >= MAX32 || this.entries.length >= 0xffff;
    if (zip64) {
      const end64 = Buffer.alloc(56 + 20);
      end64.writeUInt32LE(END64, 0);
      end64.writeBigUInt64LE(44n, 4);
      end64.writeUInt16LE(MADE_BY, 12);
      end64.writeUInt16LE(45, 14);
      end64.writeBigUInt64LE(BigInt(this.entries.length), 24);
      end64.writeBigUInt64LE(BigInt(this.entries.length), 32);
      end64.writeBigUInt64LE(BigInt(size), 40);
      end64.writeBigUInt64LE(BigInt(start), 48);
      end64.writeUInt32LE(END64_LOCATOR, 56);
      end64.writeBigUInt64LE(BigInt(this.offset), 64);
      end64.writeUInt32LE(1, 72);
      await this.write(end64);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(zip64 ? 0xffff : this.entries.length, 8);
    end.writeUInt16LE(zip64 ? 0xffff : this.entries.length, 10);
    end.writeUInt32LE(zip64 ? MAX32 : size, 12);
    end.writeUInt32LE(zip64 ? MAX32 : start, 16);
    await this.write(end);
    this.out.end();
    await finished(this.out);
    if (this.error) throw this.error;
    return { sha256: this.hash.digest("hex"), bytes: this.offset };
  }

  /** Stops writing after a failure (the caller removes the file). */
  destroy() {
    this.out.destroy();
  }
}
