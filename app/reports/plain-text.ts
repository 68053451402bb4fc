import type { Block, Figure, Part } from "./draft-types";
import { partText } from "./figure-book";

/** Printed quotes in Swedish: ”…” on both sides. */
export function quoted(text: string): string {
  const trimmed = text.trim();
  return `”${trimmed}”`;
}

/** A quote block as a sentence: lead, the quote, and a full stop unless the quote ends a sentence itself. */
export function quoteSentence(lead: string, text: string): string {
  const q = quoted(text);
  return /[.!?…]$/.test(text.trim()) ? `${lead} ${q}` : `${lead} ${q}.`;
}

export function partsText(parts: readonly Part[], figures: Record<string, Figure>): string {
  return parts.map((p) => partText(p, figures)).join("");
}

/** A list item line in editable text. */
const BULLET = "– ";

/**
 * The text blocks of a section as the editor shows them: paragraphs separated by a blank line, list
 * items on lines starting with "– ". Tables and charts are not text and stay where they are.
 */
export function blocksToText(blocks: readonly Block[], figures: Record<string, Figure>): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.t === "p") out.push(partsText(b.parts, figures));
    else if (b.t === "list") out.push(b.items.map((item) => `${BULLET}${partsText(item, figures)}`).join("\n"));
    else if (b.t === "quote") out.push(quoteSentence(partsText(b.lead, figures), b.text));
  }
  return out.join("\n\n");
}

/** Edited text back into blocks: blank lines part paragraphs, lines starting with –, - or • are list items. */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const normalised = text.replace(/\r\n?/g, "\n").trim();
  if (normalised === "") return blocks;
  for (const chunk of normalised.split(/\n\s*\n/)) {
    const lines = chunk
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    let paragraph: string[] = [];
    let items: string[] = [];
    const flushParagraph = () => {
      if (paragraph.length > 0) blocks.push({ t: "p", parts: [paragraph.join(" ")] });
      paragraph = [];
    };
    const flushItems = () => {
      if (items.length > 0) blocks.push({ t: "list", items: items.map((i) => [i]) });
      items = [];
    };
    for (const line of lines) {
      const bullet = /^[–\-•*]\s+(.*)$/.exec(line);
      if (bullet) {
        flushParagraph();
        items.push(bullet[1]);
      } else {
        flushItems();
        paragraph.push(line);
      }
    }
    flushParagraph();
    flushItems();
  }
  return blocks;
}

/** Tables and charts of a section: they stay whether or not its text was edited. */
export function nonTextBlocks(blocks: readonly Block[]): Block[] {
  return blocks.filter((b) => b.t === "table" || b.t === "chart");
}
