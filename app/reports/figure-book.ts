import {
  Publication,
  type FigureOptions,
  type ProtectedCell,
  type ProtectedPublication,
  type ProtectedTable,
  type TableSpec,
} from "~/privacy/small-counts";
import type { Figure, Part } from "./draft-types";
import { capitalise } from "./swedish";

/** What every small count reads as in the report's running text. */
export const FEWER_THAN_FIVE = "färre än fem";

/**
 * Collects the figures a draft states. Each figure has one name, its computation, filters and n; the text
 * only ever mentions a figure through `ref`, so every number on the page can say where it comes from.
 */
export class FigureBook {
  readonly figures: Record<string, Figure> = {};

  add(figure: Figure): Figure {
    const existing = this.figures[figure.key];
    if (existing) {
      if (existing.text !== figure.text || existing.value !== figure.value)
        throw new Error(`figure ${figure.key} defined twice with different values`);
      return existing;
    }
    this.figures[figure.key] = figure;
    return figure;
  }

  ref(key: string, { cap = false }: { cap?: boolean } = {}): Part {
    if (!this.figures[key]) throw new Error(`unknown figure ${key}`);
    return cap ? { f: key, cap: true } : { f: key };
  }

  text(key: string): string {
    const figure = this.figures[key];
    if (!figure) throw new Error(`unknown figure ${key}`);
    return figure.text;
  }
}

/** A part's text as printed. */
export function partText(part: Part, figures: Record<string, Figure>): string {
  if (typeof part === "string") return part;
  const text = figures[part.f]?.text ?? "";
  return part.cap ? capitalise(text) : text;
}

/**
 * Everything the report publishes that counts persons or visits: its tables and the figures its sentences
 * state, protected together in one pass (app/privacy/small-counts), so no sentence can give away what a
 * table hides, nor one table what another hides.
 */
export class ReportPublication {
  private readonly pub = new Publication();
  private out: ProtectedPublication | null = null;

  table(spec: TableSpec): void {
    if (this.out) throw new Error("publication already protected");
    this.pub.table(spec);
  }

  figure(key: string, value: number, options?: FigureOptions): void {
    if (this.out) throw new Error("publication already protected");
    this.pub.figure(key, value, options);
  }

  protect(): void {
    this.out = this.pub.protect();
  }

  private protected(): ProtectedPublication {
    if (!this.out) throw new Error("publication not protected yet");
    return this.out;
  }

  /** Every published figure with its status, and the sums a reader knows: for audits. */
  audit(): {
    figures: ReturnType<ProtectedPublication["all"]>;
    sums: ReturnType<ProtectedPublication["equations"]>;
  } {
    return { figures: this.protected().all(), sums: this.protected().equations() };
  }

  get(id: string): ProtectedTable {
    return this.protected().table(id);
  }

  cell(key: string): ProtectedCell {
    return this.protected().cell(key);
  }
}
