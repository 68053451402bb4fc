/**
 * Redaction of free text: masks Swedish identity numbers, phone numbers, e-mail addresses and names
 * from a list the staff keep. Pure functions, shared by the feedback inbox, the quote bank, reports
 * and exports, so the same rules hold wherever free text leaves the database.
 *
 * Detection is deliberately narrow where a false hit would spoil ordinary text: identity numbers must
 * have a real date and a valid Luhn check digit, phone numbers must look like Swedish numbers, and
 * dates, prices, years and clock times are left alone.
 */

export type RedactionKind = "personnummer" | "samordningsnummer" | "telefon" | "epost" | "namn";

export interface RedactionHit {
  kind: RedactionKind;
  /** Position in the original text (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
}

export interface RedactOptions {
  /** Names to mask (first names, full names); matched whole-word, whatever the case. */
  names?: readonly string[];
}

export interface RedactResult {
  text: string;
  found: RedactionHit[];
}

export const MASKS: Record<RedactionKind, string> = {
  personnummer: "[personnummer]",
  samordningsnummer: "[personnummer]",
  telefon: "[telefon]",
  epost: "[e-post]",
  namn: "[namn]",
};

/** Masks everything found; `found` lists what was masked, by kind and position, never the value itself. */
export function redact(text: string, options: RedactOptions = {}): RedactResult {
  const found = findSensitive(text, options);
  let out = "";
  let at = 0;
  for (const hit of found) {
    out += text.slice(at, hit.start) + MASKS[hit.kind];
    at = hit.end;
  }
  return { text: out + text.slice(at), found };
}

/** Only the masked text. */
export function redactText(text: string, options: RedactOptions = {}): string {
  return redact(text, options).text;
}

/** How many of each kind were found, e.g. for an audit entry or a warning. */
export function countByKind(found: readonly RedactionHit[]): Partial<Record<RedactionKind, number>> {
  const counts: Partial<Record<RedactionKind, number>> = {};
  for (const hit of found) counts[hit.kind] = (counts[hit.kind] ?? 0) + 1;
  return counts;
}

/**
 * Everything sensitive in the text, in order and without overlaps. E-mail addresses win over
 * numbers inside them, identity numbers over phone numbers of the same digits, and all of them
 * over names.
 */
export function findSensitive(text: string, options: RedactOptions = {}): RedactionHit[] {
  const accepted: RedactionHit[] = [];
  const detectors = [
    findEmails,
    findIdentityNumbers,
    findPhoneNumbers,
    (t: string) => findNames(t, options.names ?? []),
  ];
  for (const detect of detectors) {
    for (const hit of detect(text)) {
      if (!accepted.some((a) => hit.start < a.end && a.start < hit.end)) accepted.push(hit);
    }
  }
  return accepted.sort((a, b) => a.start - b.start);
}

// --- e-mail -------------------------------------------------------------------------------------

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

export function findEmails(text: string): RedactionHit[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ kind: "epost" as const, start: m.index, end: m.index + m[0].length }));
}

// --- personnummer and samordningsnummer ------------------------------------------------------------

// YYYYMMDD or YYMMDD, then '-', '+' or nothing, then three digits and a check digit.
const IDENTITY = /(?<!\d)((?:19|20)?)(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?!\d)/g;

export function findIdentityNumbers(text: string): RedactionHit[] {
  const hits: RedactionHit[] = [];
  for (const m of text.matchAll(IDENTITY)) {
    const [whole, century, yy, mm, dd, , last4] = m;
    const kind = identityKind({ century, yy, mm, dd, last4 });
    if (kind) hits.push({ kind, start: m.index, end: m.index + whole.length });
  }
  return hits;
}

/** "personnummer", "samordningsnummer", or null when the date or the check digit is wrong. */
export function identityKind({
  century,
  yy,
  mm,
  dd,
  last4,
}: {
  century: string;
  yy: string;
  mm: string;
  dd: string;
  last4: string;
}): RedactionKind | null {
  const month = Number(mm);
  let day = Number(dd);
  let kind: RedactionKind = "personnummer";
  if (day > 60) {
    day -= 60;
    kind = "samordningsnummer";
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(century ? Number(century + yy) : null, month))
    return null;
  return luhnValid(`${yy}${mm}${dd}${last4}`) ? kind : null;
}

/** True for a valid personnummer or samordningsnummer in any of its written forms. */
export function isIdentityNumber(value: string): boolean {
  const m = /^((?:19|20)?)(\d{2})(\d{2})(\d{2})[-+]?(\d{4})$/.exec(value.trim());
  if (!m) return false;
  return identityKind({ century: m[1], yy: m[2], mm: m[3], dd: m[4], last4: m[5] }) !== null;
}

/** The Luhn check used by Swedish identity numbers: weights 2,1,2,1… over the ten digits YYMMDDNNNC. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function daysInMonth(year: number | null, month: number): number {
  if (month === 2) return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// --- phone numbers ------------------------------------------------------------------------------

// +46, 0046 (optionally with "(0)") or a trunk 0; then 7–9 digits in groups split by a space or a dash.
const PHONE =
  /(?<![\p{L}\p{N}+])((?:\+|00)46[ \u00a0-]?(?:\(0\)[ \u00a0-]?)?|0)([1-9](?:(?: ?- ?|[ \u00a0])?\d){6,8})(?!\d)/gu;

export function findPhoneNumbers(text: string): RedactionHit[] {
  const hits: RedactionHit[] = [];
  for (const m of text.matchAll(PHONE)) {
    if (looksLikePhone(m[1], m[2])) hits.push({ kind: "telefon", start: m.index, end: m.index + m[0].length });
  }
  return hits;
}

/**
 * Swedish numbers are written as an area code and groups of two or three digits with at most one
 * dash ("08-508 250 84", "070-123 45 67"). That rules out date ranges such as "05-12 14-16".
 */
function looksLikePhone(prefix: string, national: string): boolean {
  if ((national.match(/-/g) ?? []).length > 1) return false;
  const groups = national.split(/ ?- ?|[ \u00a0]/);
  if (groups.slice(1).some((g) => g.length < 2)) return false;
  // "01 02 2024" is a date, not a number
  if (prefix === "0" && groups.length === 3 && groups[2].length === 4 && /^(19|20)\d\d$/.test(groups[2])) return false;
  return true;
}

// --- names --------------------------------------------------------------------------------------

/**
 * Names from the staff's list, as whole words, with or without a genitive s ("Annas"). Short names
 * (three letters or fewer) must start with a capital in the text, so "bo" and "per" as ordinary
 * words are left alone while "Bo" and "Per" are masked.
 */
export function findNames(text: string, names: readonly string[]): RedactionHit[] {
  const cleaned = [...new Set(names.map((n) => n.trim().replace(/\s+/g, " ")).filter((n) => [...n].length >= 2))];
  cleaned.sort((a, b) => b.length - a.length);
  const hits: RedactionHit[] = [];
  for (const name of cleaned) {
    const body = name.split(" ").map(escapeRegExp).join("\\s+");
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s)?(?![\\p{L}\\p{N}])`, "giu");
    for (const m of text.matchAll(pattern)) {
      if ([...name].length <= 3 && !startsUpper(m[0])) continue;
      // "Mona Berg" with "Mona" on the list: the capitalised words that follow are the rest of the name.
      const rest = FOLLOWING_NAME.exec(text.slice(m.index + m[0].length));
      const end = m.index + m[0].length + (rest ? rest[0].length : 0);
      const hit = { kind: "namn" as const, start: m.index, end };
      if (!hits.some((h) => hit.start < h.end && h.start < hit.end)) hits.push(hit);
    }
  }
  return hits;
}

/** Up to two capitalised words right after a listed name (a surname, a double surname), e.g. " Berg-Lind". */
const FOLLOWING_NAME = /^(?:[ \t]+\p{Lu}[\p{Ll}\p{Lu}'’]*(?:-\p{Lu}?[\p{Ll}]+)*){1,2}(?![\p{L}\p{N}])/u;

function startsUpper(word: string): boolean {
  const first = word[0];
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
