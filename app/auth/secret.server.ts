import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "~/env.server";

let cached: string | undefined;

/**
 * The server secret for sessions (and, later, participant-code HMACs): SESSION_SECRET when set,
 * otherwise generated once and kept in db/data so sessions survive a restart.
 */
export function serverSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return (cached = fromEnv);
  const file = path.join(dataDir, "session-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
    if (cached.length >= 32) return cached;
  } catch {
    // first start: fall through and create it
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const fresh = randomBytes(32).toString("hex");
  try {
    fs.writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
    cached = fresh;
  } catch {
    // another process wrote it first: use theirs
    cached = fs.readFileSync(file, "utf8").trim();
  }
  return cached;
}
