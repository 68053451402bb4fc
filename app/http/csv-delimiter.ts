/**
 * Which delimiter an uploaded CSV file uses: semicolon (Swedish Excel), comma or tab, whichever its first
 * non-empty line has most of outside quotes. A line with none of them (a single column) gives `fallback`:
 * each reader names the one its own files most often use. Pure and not `.server`: the wave reader that calls it
 * reaches the browser bundle.
 */
export type CsvDelimiter = ";" | "," | "\t";

const CANDIDATES: readonly CsvDelimiter[] = [";", ",", "\t"];

export function detectDelimiter(text: string, fallback: CsvDelimiter): CsvDelimiter {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const unquoted = first.replace(/"[^"]*"/g, "");
  const counts = CANDIDATES.map((d) => unquoted.split(d).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return counts[best] > 0 ? CANDIDATES[best] : fallback;
}
