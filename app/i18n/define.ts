import type { Locale } from "./locale";

/** A group of UI strings in both languages; English must have every Swedish key. */
export function defineStrings<const S extends Record<string, string>>(strings: {
  sv: S;
  en: { [K in keyof S]: string };
}): Record<Locale, { [K in keyof S]: string }> {
  return strings;
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

/** 20000 → "20 000", with a no-break space as Swedish writes it, the same on every server and browser. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
}
