import { findCampaignByCode, type Campaign } from "~/models/campaign.server";

const TTL_MS = 2000;
const cache = new Map<string, { at: number; campaign: Promise<Campaign | null> }>();

/**
 * Campaigns by code, remembered for two seconds: every survey submission needs its campaign, and under load
 * the same few codes are asked for thousands of times. Two seconds is the most a date change can lag.
 */
export function cachedCampaignByCode(code: string, now = Date.now()): Promise<Campaign | null> {
  const hit = cache.get(code);
  if (hit && now - hit.at < TTL_MS) return hit.campaign;
  const campaign = findCampaignByCode({ code });
  cache.set(code, { at: now, campaign });
  if (cache.size > 1000) cache.delete(cache.keys().next().value as string);
  campaign.catch(() => cache.delete(code));
  return campaign;
}

export function forgetCachedCampaigns(): void {
  cache.clear();
}
