import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { START_DEFERRED_SCRIPTS } from "~/components/paint-first";
import { DeferModuleScripts } from "~/http/defer-module-scripts.server";

const PAGE =
  '<main><p>Bostad Först</p></main><link rel="modulepreload" href="/build/entry.client-A.js"/>' +
  '<link rel="modulepreload" href="/build/_shared/chunk-B.js"/><script nonce="n0">window.__remixContext = {};</script>' +
  '<script nonce="n0" type="module" async="">import "/build/root.js";</script>';

describe("DeferModuleScripts (paint-first pages, decision 0029)", () => {
  it("makes Remix's module preloads and module script inert, whatever the chunk boundaries", async () => {
    const bytes = Buffer.from(PAGE, "utf8");
    for (const cut of [1, 7, 40, 61, 95, 120, 180, 230, bytes.length - 3]) {
      const out = await text(
        Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]).pipe(new DeferModuleScripts()),
      );
      expect(out).not.toContain('rel="modulepreload"');
      expect(out).not.toContain('type="module"');
      expect(out.match(/rel="x-deferred-modulepreload"/g)).toHaveLength(2);
      expect(out).toContain('<script nonce="n0" type="x-deferred-module" async="">import "/build/root.js";</script>');
      expect(out).toContain("<p>Bostad Först</p>");
      // Only attributes change: every tag is still there, so React hydrates the page as rendered.
      expect(out.match(/</g)?.length).toBe(PAGE.match(/</g)?.length);
    }
  });

  it("starts them from a small inline script that only looks for what the server made inert", () => {
    expect(START_DEFERRED_SCRIPTS.length).toBeLessThan(700);
    expect(START_DEFERRED_SCRIPTS).toContain('link[rel="x-deferred-modulepreload"]');
    expect(START_DEFERRED_SCRIPTS).toContain('script[type="x-deferred-module"]');
  });
});
