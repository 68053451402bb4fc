import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "~/env.server";
import { findAppSecret, keepAppSecret } from "~/models/app-secret.server";

let cached: string | undefined;

const NAME = "server";

/**
 * The server secret for session cookies and participant-code HMACs: SESSION_SECRET when set, otherwise one
 * generated per DATABASE and kept in it, so two instances run from one checkout never share it. Loaded once at
 * start, after the migrations (docs/decisions/0013).
 */
export async function loadServerSecret({ databaseHasData }: { databaseHasData: boolean }): Promise<string> {
  cached = undefined;
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return (cached = fromEnv);
  const stored = await findAppSecret({ name: NAME });
  if (stored) return (cached = stored);
  // Before 0013 the secret lived in db/data for the whole checkout. A database that already holds data keeps
  // that one, or its participant-code hashes would no longer match; a new database gets its own.
  const legacy = databaseHasData ? readLegacySecret() : null;
  return (cached = await keepAppSecret({ name: NAME, value: legacy ?? randomBytes(32).toString("hex") }));
}

/** The loaded secret; SESSION_SECRET needs no loading. */
export function serverSecret(): string {
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return fromEnv;
  if (!cached) throw new Error("The server secret is not loaded yet: prepareApp() loads it at start.");
  return cached;
}

function readLegacySecret(): string | null {
  try {
    const value = fs.readFileSync(path.join(dataDir, "session-secret"), "utf8").trim();
    return value.length >= 32 ? value : null;
  } catch {
    return null;
  }
}
