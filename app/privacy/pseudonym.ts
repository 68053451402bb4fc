import * as crypto from "node:crypto";
import { createHmac, randomBytes, randomFillSync } from "node:crypto";

/**
 * Pseudonyms that live in one export only. Each export makes a fresh random key, uses it for every row, and
 * forgets it: inside the export the same participant-code HMAC always gives the same pseudonym (so a person
 * links across waves), while two exports, or an export and the database, cannot be joined on it. A response's
 * pseudonym is plain randomness: a response appears once per export, so nothing needs to derive it again.
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

/** A participant's pseudonym from the stored participant-code HMAC; null stays null (anonymous response). */
export function participantPseudonym(key: ExportKey, participantCodeHmac: string | null): string | null {
  return participantCodeHmac === null ? null : `P${digest(key, "participant", participantCodeHmac, 16)}`;
}

/**
 * The participant pseudonyms of one export, remembered per stored HMAC so a person answering in many waves costs
 * one HMAC. Up to `limit` people are remembered; beyond that each is computed again (the same value).
 */
export function participantPseudonyms(key: ExportKey, limit = 200_000): (hmac: string | null) => string | null {
  const known = new Map<string, string>();
  const hmac = fastHmac(key) ?? ((message: string) => createHmac("sha256", key).update(message).digest("hex"));
  return (stored) => {
    if (stored === null) return null;
    let pseudonym = known.get(stored);
    if (pseudonym === undefined) {
      pseudonym = `P${hmac(`participant\u0000${stored}`).slice(0, 16)}`;
      if (known.size < limit) known.set(stored, pseudonym);
    }
    return pseudonym;
  };
}

type OneShotHash = (algorithm: string, data: Uint8Array, encoding: "buffer" | "hex") => Buffer | string;

/**
 * HMAC-SHA-256 (RFC 2104) from two one-shot hashes over precomputed padded keys: the same digest as
 * `createHmac`, without an object per call. Null where `crypto.hash` is missing (Node before 20.12).
 */
export function fastHmac(key: ExportKey): ((message: string) => string) | null {
  const hash = (crypto as { hash?: OneShotHash }).hash;
  if (typeof hash !== "function" || key.length > 64) return null;
  const inner = Buffer.alloc(64 + 1024, 0);
  const outer = Buffer.alloc(64 + 32, 0);
  key.copy(inner);
  key.copy(outer);
  for (let i = 0; i < 64; i++) {
    inner[i] ^= 0x36;
    outer[i] ^= 0x5c;
  }
  return (message) => {
    const length = Buffer.byteLength(message);
    const data = length <= 1024 ? inner : Buffer.alloc(64 + length);
    if (data !== inner) inner.copy(data, 0, 0, 64);
    data.write(message, 64);
    (hash("sha256", data.subarray(0, 64 + length), "buffer") as Buffer).copy(outer, 64);
    return hash("sha256", outer, "hex") as string;
  };
}

/**
 * Response pseudonyms: 64 random bits each (`R` and 16 hex digits), drawn in blocks, tied to nothing stored,
 * so a million rows have no realistic collision and no pseudonym says anything about its response.
 */
export function responsePseudonyms(): () => string {
  const PER_BLOCK = 4096;
  const bytes = Buffer.alloc(8 * PER_BLOCK);
  let hex = "";
  let next = PER_BLOCK;
  return () => {
    if (next === PER_BLOCK) {
      hex = randomFillSync(bytes).toString("hex");
      next = 0;
    }
    const at = 16 * next++;
    return `R${hex.slice(at, at + 16)}`;
  };
}
