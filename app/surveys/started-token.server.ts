import { createHmac, timingSafeEqual } from "node:crypto";
import { serverSecret } from "~/auth/secret.server";

/**
 * "This person started answering while the campaign was open": handed out with the survey page, sent back with
 * the answers. Answers finished on a phone that was offline when the campaign closed are still accepted with it
 * (and marked late); without it a closed campaign answers 410 as the contract says.
 */
const LATE_GRACE_DAYS = 30;

function sign(campaignId: number, responseId: string, day: string): string {
  return createHmac("sha256", serverSecret())
    .update(`survey-started:v1:${campaignId}:${responseId.toLowerCase()}:${day}`)
    .digest("base64url");
}

export function startedToken({ campaignId, responseId, day }: { campaignId: number; responseId: string; day: string }) {
  return `${day}.${sign(campaignId, responseId, day)}`;
}

/** True when the token was made for this campaign and response on a day the campaign was open, not too long ago. */
export function startedWhileOpen({
  token,
  campaign,
  responseId,
  today,
}: {
  token: string | null | undefined;
  campaign: { id: number; opensOn: string; closesOn: string };
  responseId: string;
  today: string;
}): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9_-]{43})$/.exec(token ?? "");
  if (!match) return false;
  const [, day, mac] = match;
  if (day < campaign.opensOn || day > campaign.closesOn) return false;
  const limit = new Date(`${campaign.closesOn}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + LATE_GRACE_DAYS);
  if (today > limit.toISOString().slice(0, 10)) return false;
  const expected = Buffer.from(sign(campaign.id, responseId, day));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
