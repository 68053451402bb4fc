import { createHmac, randomBytes } from "node:crypto";

/**
 * Pseudonyms that live in one export only. Each export makes a fresh random key, uses it for every row, and
 * forgets it: inside the export the same participant-code HMAC always gives the same pseudonym (so a person
 * links across waves), while two exports, or an export and the database, cannot be joined on it.
 *
 * Pseudonyms start with a letter so Excel never reads them as numbers ("12e45" would be 1.2E+46).
 */
export type ExportKey = Buffer;

export function newExportKey(): ExportKey {
  return randomBytes(32);
}

function digest(key: ExportKey, purpose: string, value: string, length: number): string {
  return createHmac("sha256", key).update(`${purpose}\u0000${value}`).digest("hex").slice(0, length);
}

/** A response's pseudonym: 64 bits, so a million rows have no realistic collision. */
export function responsePseudonym(key: ExportKey, responseId: string): string {
  return `R${digest(key, "response", responseId, 16)}`;
}

/** A participant's pseudonym from the stored participant-code HMAC; null stays null (anonymous response). */
export function participantPseudonym(key: ExportKey, participantCodeHmac: string | null): string | null {
  return participantCodeHmac === null ? null : `P${digest(key, "participant", participantCodeHmac, 16)}`;
}
