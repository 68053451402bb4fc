import { randomInt } from "node:crypto";

/** Letters and digits that cannot be mistaken for each other when typed from a poster: no 0/O, no 1/I. */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function generateJoinCode(length = 5): string {
  let code = "";
  for (let i = 0; i < length; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** What a person typed, made comparable: case, spaces and dashes do not matter. */
export function normalizeJoinCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .slice(0, 32);
}

/**
 * Makes a code that `isTaken` does not know yet. Five characters give 33 million codes,
 * so a clash is rare; a few tries are plenty.
 */
export async function uniqueJoinCode(isTaken: (code: string) => Promise<boolean>, length = 5): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = generateJoinCode(length);
    if (!(await isTaken(code))) return code;
  }
  throw new Error("could not find a free join code");
}
