import { isIP } from "node:net";

const NAMED = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * TRUST_PROXY as Express's "trust proxy" setting. Accepted: unset, "", "0", "false" (no proxy); "true", "yes" or
 * a number of hops ("1": the one reverse proxy in front); or a comma-separated list of the proxies' addresses,
 * subnets (10.0.0.0/8) and the names loopback, linklocal, uniquelocal. "true" means one hop, never "trust every
 * X-Forwarded-For entry", which would let a client choose its own address. Anything else stops the start.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "" || value === "0" || value === "false" || value === "no") return false;
  if (value === "true" || value === "yes") return 1;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error(`TRUST_PROXY=${raw}: at most 10 proxy hops`);
    return hops;
  }
  const entries = value.split(",").map((e) => e.trim());
  for (const entry of entries) {
    if (NAMED.has(entry)) continue;
    const [address, bits, ...rest] = entry.split("/");
    const family = isIP(address);
    const validBits =
      bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32) && rest.length === 0);
    if (!family || !validBits)
      throw new Error(
        `TRUST_PROXY=${raw} is not understood: use true, a number of hops, or the proxies' addresses (e.g. 127.0.0.1 or 10.0.0.0/8 or loopback)`,
      );
  }
  return entries;
}
