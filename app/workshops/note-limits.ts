/** Limits on notes from phones, so a flood of fresh devices cannot fill the projector (issue 11, point 10). */
export const NOTE_LIMITS = {
  /** Notes one device may send in one phase. */
  perDevicePerPhase: 20,
  /** Notes from one address within the window (a whole room may share the venue's wifi, so it is generous). */
  perAddressInWindow: 120,
  addressWindowMinutes: 10,
  /** Phone notes in one session altogether. */
  perSession: 600,
} as const;

export type NoteLimitProblem = "deviceLimit" | "addressLimit" | "sessionLimit";

export function isNoteLimitProblem(problem: string | undefined): problem is NoteLimitProblem {
  return problem === "deviceLimit" || problem === "addressLimit" || problem === "sessionLimit";
}
