/**
 * Participant codes as people type them (pure: no hashing here, see participant-code.server.ts).
 * The scheme is the survey's: 4 to 20 letters or digits; spaces and dashes are ignored, case too.
 */
export const PARTICIPANT_CODE = /^[\p{L}\p{N}]{4,20}$/u;

/** At most this many codes in one registration: more people than that is never one activity. */
export const MAX_CODES_PER_REGISTRATION = 200;
/** Longer than this and the field is not a list of codes at all; refused before it is split. */
export const MAX_CODE_FIELD_LENGTH = MAX_CODES_PER_REGISTRATION * 24;

export function canonicalCode(code: string): string {
  return code
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.]+/g, "");
}

export function isParticipantCode(code: string): boolean {
  return PARTICIPANT_CODE.test(code.normalize("NFKC").replace(/[\s-]/g, ""));
}

export type CodeListError = "errCodesTooLong" | "errCodesTooMany" | "errCodeMalformed" | "errCodeTwice";

export interface CodeList {
  /** Canonical codes (upper case, no spaces or dashes), in the order given. */
  codes: string[];
  error: CodeListError | null;
  /** For errCodeMalformed / errCodeTwice: the 1-based position of the first offending code. */
  position?: number;
}

/**
 * Splits a typed list of codes. The form separates codes by line, comma or semicolon (a code may contain
 * spaces); the CSV import's column by spaces. A code given twice is an error, not silently merged: it
 * usually means a typing mistake for another person's code.
 */
export function parseCodeList(
  raw: string | null | undefined,
  { separator }: { separator: "lines" | "spaces" },
): CodeList {
  const text = (raw ?? "").trim();
  if (text === "") return { codes: [], error: null };
  if (text.length > MAX_CODE_FIELD_LENGTH) return { codes: [], error: "errCodesTooLong" };
  const parts = text
    .split(separator === "lines" ? /[\r\n,;]+/ : /[\s,;]+/)
    .map((c) => c.trim())
    .filter((c) => c !== "");
  if (parts.length > MAX_CODES_PER_REGISTRATION) return { codes: [], error: "errCodesTooMany" };
  const codes: string[] = [];
  const seen = new Set<string>();
  for (const [i, part] of parts.entries()) {
    if (!isParticipantCode(part)) return { codes: [], error: "errCodeMalformed", position: i + 1 };
    const code = canonicalCode(part);
    if (seen.has(code)) return { codes: [], error: "errCodeTwice", position: i + 1 };
    seen.add(code);
    codes.push(code);
  }
  return { codes, error: null };
}
