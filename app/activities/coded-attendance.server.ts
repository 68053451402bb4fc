import { parseNewVisitors } from "~/activities/new-visitors";
import type { CodedRegistrationError, CodedVisitors } from "~/models/attendance.server";
import type { CodeRef } from "~/models/visitor.server";
import { participantCodeHmac } from "~/privacy/participant-code.server";

export function codeRefs(codes: string[]): CodeRef[] {
  return codes.map((code) => ({ code, hmac: participantCodeHmac(code) }));
}

/**
 * The codes of a staff registration with what new visitors stated on the same form. Null `codes`: the
 * field was left out (a correction then keeps the codes it had).
 */
export function readCodedVisitors(
  form: URLSearchParams,
  codes: string[] | null,
  programIds: readonly number[],
): { coded: CodedVisitors | undefined; error: "errNewGender" | "errNewProgram" | null } {
  if (codes === null) return { coded: undefined, error: null };
  const { newVisitors, error } = parseNewVisitors(form, codes, programIds);
  return { coded: { codes: codeRefs(codes), newVisitors, source: "staff" }, error };
}

/** A refusal from the register as the form shows it: the message key, and the codes to ask about. */
export function codedProblem(result: CodedRegistrationError): {
  key: "errUnknownCodes" | "errTooManyWithCodes";
  count: number;
  newCodes: string[];
} {
  if (result.error === "unknownCodes")
    return { key: "errUnknownCodes", count: result.codes.length, newCodes: result.codes };
  return { key: "errTooManyWithCodes", count: result.total, newCodes: [] };
}
