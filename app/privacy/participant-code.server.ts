import { createHmac } from "node:crypto";
import { serverSecret } from "~/auth/secret.server";
import { canonicalCode } from "~/privacy/participant-code";

/**
 * A participant code (made by the person from facts they always remember) is never stored:
 * only this keyed hash is, so the same person can be counted or followed across surveys and
 * attendance without anyone learning who they are. Spaces, dashes and case do not matter.
 */
export function normalizeParticipantCode(code: string): string {
  return canonicalCode(code);
}

export function participantCodeHmac(code: string): string {
  return createHmac("sha256", serverSecret())
    .update(`participant-code:v1:${normalizeParticipantCode(code)}`)
    .digest("hex");
}
