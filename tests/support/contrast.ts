import type { Page } from "playwright-core";
import { expect } from "vitest";

/**
 * Contrast from computed colours, for what axe cannot judge (text over backgrounds it cannot see, drawn faces,
 * control borders): every visible text node against the first opaque background behind it (4.5:1, or 3:1 for
 * large text), and every element marked as a graphic or control boundary (`svg`, radio and checkbox labels,
 * text boxes) against its background (3:1, WCAG 1.4.11).
 */
export async function expectReadableContrast(page: Page, label: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const parse = (c: string): [number, number, number, number] | null => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0.5) return c;
      }
      return [255, 255, 255];
    };
    const visible = (el: Element) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return (
        s.visibility !== "hidden" && s.display !== "none" && Number(s.opacity) > 0.1 && r.width > 2 && r.height > 2
      );
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (
        !el ||
        !n.textContent?.trim() ||
        !visible(el) ||
        el.closest("script,style,noscript,.visually-hidden,.skip-link")
      )
        continue;
      const s = getComputedStyle(el);
      const fg = parse(s.color);
      if (!fg) continue;
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      const need = large ? 3 : 4.5;
      const got = ratio(fg, background(el));
      if (got < need) out.push(`text "${n.textContent.trim().slice(0, 30)}" ${got.toFixed(2)}:1 < ${need}:1`);
    }
    for (const el of document.querySelectorAll("svg, .survey-choice, .smiley, input[type=text], textarea")) {
      if (!visible(el)) continue;
      const s = getComputedStyle(el);
      const edge = parse(el.tagName.toLowerCase() === "svg" ? s.color : s.borderTopColor);
      if (!edge) continue;
      const got = ratio(edge, background(el.parentElement));
      if (got < 3)
        out.push(`${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""} edge ${got.toFixed(2)}:1 < 3:1`);
    }
    return out;
  });
  expect(problems, `contrast on ${label}`).toEqual([]);
}
