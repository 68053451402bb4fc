import { StringDecoder } from "node:string_decoder";
import { Transform, type TransformCallback } from "node:stream";

const MODULE_PRELOAD = /<link rel="modulepreload"/g;
const MODULE_SCRIPT = /<script( nonce="[^"]*")? type="module" async="">/g;
/** The longest opening tag rewritten here, so a tag split between two chunks is never missed. */
const CARRY = 200;

/**
 * For paint-first pages (decision 0029): Remix's module preloads and module script are made inert as the page
 * streams out, and `START_DEFERRED_SCRIPTS` (components/paint-first.tsx) brings them to life after the page has
 * loaded. Only attributes change, so React hydrates the page as it was rendered.
 */
export class DeferModuleScripts extends Transform {
  private tail = "";
  private decoder = new StringDecoder("utf8");

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = this.tail + this.decoder.write(chunk);
    // Keep back the end of the text if it could be the start of a tag, so it is rewritten with what follows.
    const open = text.lastIndexOf("<");
    const cut = open !== -1 && text.length - open < CARRY && text.indexOf(">", open) === -1 ? open : text.length;
    this.tail = text.slice(cut);
    done(null, Buffer.from(rewrite(text.slice(0, cut)), "utf8"));
  }

  override _flush(done: TransformCallback): void {
    const rest = this.tail + this.decoder.end();
    done(null, rest ? Buffer.from(rewrite(rest), "utf8") : undefined);
  }
}

export function rewrite(html: string): string {
  return html
    .replace(MODULE_PRELOAD, '<link rel="x-deferred-modulepreload"')
    .replace(
      MODULE_SCRIPT,
      (_m, nonce: string | undefined) => `<script${nonce ?? ""} type="x-deferred-module" async="">`,
    );
}
