import { format } from "~/i18n/define";
import { programs as programStrings } from "~/i18n/strings/programs";
import { useStrings } from "~/i18n/use-strings";
import type { ProgramUse, ProgramUseKey } from "~/models/program.server";

const ORDER: ProgramUseKey[] = [
  "activities",
  "enrolments",
  "campaigns",
  "workshops",
  "feedback",
  "quotes",
  "visitors",
  "reports",
  "staff",
];

/** What refers to a programme, in words ("3 aktiviteter, 1 enkät"), or "Inga uppgifter". */
export function useProgramUseWords(): (use: ProgramUse) => string[] {
  const t = useStrings(programStrings);
  return (use) =>
    ORDER.filter((key) => (use[key] ?? 0) > 0).map((key) =>
      format(t[`use_${key}_${use[key] === 1 ? "one" : "other"}`], { n: use[key] ?? 0 }),
    );
}
