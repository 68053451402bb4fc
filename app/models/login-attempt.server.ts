import { db, nowIso } from "~/db.server";

export async function recordLoginAttempt({
  email,
  ip,
  success,
}: {
  email: string;
  ip: string;
  success: boolean;
}): Promise<void> {
  await db("login_attempts").insert({ at: nowIso(), email: email.slice(0, 254), ip: ip.slice(0, 64), success });
}

/**
 * Failed attempts since `since`, per account (after its latest success) and per address,
 * with the oldest counted failure so the caller can say when the limit lifts.
 */
export async function recentFailures({
  email,
  ip,
  since,
}: {
  email: string;
  ip: string;
  since: string;
}): Promise<{ byEmail: number; byIp: number; oldestByEmail: string | null; oldestByIp: string | null }> {
  const lastSuccess: { at: string } | undefined = await db("login_attempts")
    .where({ email, success: true })
    .where("at", ">=", since)
    .orderBy("at", "desc")
    .first("at");
  const emailSince = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since;
  const [byEmail] = await db("login_attempts")
    .where({ email, success: false })
    .where("at", ">", emailSince)
    .select(db.raw("count(*) as n"), db.raw("min(at) as oldest"));
  const [byIp] = await db("login_attempts")
    .where({ ip, success: false })
    .where("at", ">", since)
    .select(db.raw("count(*) as n"), db.raw("min(at) as oldest"));
  return {
    byEmail: Number(byEmail.n),
    byIp: Number(byIp.n),
    oldestByEmail: byEmail.oldest ?? null,
    oldestByIp: byIp.oldest ?? null,
  };
}

/** Old attempts are of no use once their window has passed. */
export async function pruneLoginAttempts({ before }: { before: string }): Promise<void> {
  await db("login_attempts").where("at", "<", before).delete();
}
