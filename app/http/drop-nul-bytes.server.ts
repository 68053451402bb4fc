import { Transform, type TransformCallback } from "node:stream";

/**
 * React 18.3.1's `renderToPipeableStream` sends its whole 2 KiB buffer when a multi-byte character does not
 * fit at the end, so the unwritten tail goes out as NUL bytes ("Bostad F\0örst"; react/react#31134, fixed in
 * React 19). The tail of a fresh buffer is always zeros, and no UTF-8 character contains a zero byte, so
 * dropping every NUL byte gives back exactly the page React meant to send. HTML never carries NUL itself.
 */
export class DropNulBytes extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (chunk.indexOf(0) === -1) return done(null, chunk);
    let kept = 0;
    const out = Buffer.allocUnsafe(chunk.length);
    for (const byte of chunk) if (byte !== 0) out[kept++] = byte;
    done(null, out.subarray(0, kept));
  }
}
