/**
 * Parts of a text read aloud as sentences: each ends with a full stop unless it already ends with its own mark, so
 * a title that is a question is not read as "idéer?." and empty parts are left out.
 */
export function spokenSentences(parts: readonly (string | null | undefined)[]): string {
  return parts
    .map((p) => (p ?? "").trim())
    .filter(Boolean)
    .map((p) => (/[.?!…:]$/.test(p) ? p : `${p}.`))
    .join(" ");
}
