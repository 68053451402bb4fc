import { db, nowIso } from "~/db.server";

export async function recordLoginAttempt({
  email,
  ip,
  success,
  at = nowIso(),
}: {
  email: string;
  ip: string;
  success: boolean;
  at?: string;
}): Promise<void> {
  await db("login_attempts").insert({ at, email: email.slice(0, 254), ip: ip.slice(0, 64), success });
}

/** Old attempts are of no use once their window has passed. */
export async function pruneLoginAttempts({ before }: { before: string }): Promise<void> {
  await db("login_attempts").where("at", "<", before).delete();
}

export interface FailureCount {
  /** Failed attempts counted (since the latest success, where that applies). */
  n: number;
  /** When the latest counted failure was, or null. */
  last: string | null;
}

/**
 * Failed attempts since `since`, in three scopes: this account from this address, this address on any
 * account, and this account from any address. Account scopes count only failures after its latest success.
 */
export async function failureCounts({
  email,
  ip,
  since,
}: {
  email: string;
  ip: string;
  since: string;
}): Promise<{ pair: FailureCount; address: FailureCount; account: FailureCount }> {
  const after = async (where: Record<string, string>): Promise<string> => {
    const success: { at: string } | undefined = await db("login_attempts")
      .where({ ...where, success: true })
      .where("at", ">=", since)
      .orderBy("at", "desc")
      .first("at");
    return success && success.at > since ? success.at : since;
  };
  const count = async (where: Record<string, string>, from: string): Promise<FailureCount> => {
    const [row] = await db("login_attempts")
      .where({ ...where, success: false })
      .where("at", ">", from)
      .select(db.raw("count(*) as n"), db.raw("max(at) as last"));
    return { n: Number(row.n), last: row.last ?? null };
  };
  const [pair, address, account] = await Promise.all([
    after({ email, ip }).then((from) => count({ email, ip }, from)),
    count({ ip }, since),
    after({ email }).then((from) => count({ email }, from)),
  ]);
  return { pair, address, account };
}
