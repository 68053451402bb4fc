import { newGenderField, newProgramField, NO_PROGRAM } from "~/activities/new-visitors";
import { format } from "~/i18n/define";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { visitors as visitorStrings } from "~/i18n/strings/visitors";
import { useStrings } from "~/i18n/use-strings";
import { GENDERS } from "~/outcomes/attendance-rules";

/**
 * The two questions a first-time visitor answers once, asked on the staff form for each code the register
 * does not know. Answers already given stay chosen when the form comes back.
 */
export function NewVisitorQuestions({
  codes,
  programs,
  values,
}: {
  codes: string[];
  programs: { id: number; name: string }[];
  values?: Record<string, string>;
}) {
  const t = useStrings(visitorStrings);
  const a = useStrings(attendanceStrings);
  return (
    <>
      {codes.map((code, i) => (
        <fieldset key={code} className="field new-visitor">
          <legend>{format(t.newVisitorLegend, { code })}</legend>
          <fieldset className="field">
            <legend>{t.newGender}</legend>
            {GENDERS.map((g) => (
              <label key={g} className="choice">
                <input
                  type="radio"
                  name={newGenderField(code)}
                  value={g}
                  defaultChecked={values?.[newGenderField(code)] === g}
                />
                <span>{a[g]}</span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`new-program-${i}`}>{t.newProgram}</label>
            <select
              id={`new-program-${i}`}
              name={newProgramField(code)}
              defaultValue={values?.[newProgramField(code)] ?? ""}
            >
              <option value="">–</option>
              {programs.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
              <option value={NO_PROGRAM}>{t.noProgram}</option>
            </select>
          </div>
        </fieldset>
      ))}
    </>
  );
}

/** The message for a code-field error, whichever strings group its key is in. */
export function useCodeErrorText() {
  const t = useStrings(visitorStrings);
  const a = useStrings(attendanceStrings);
  return (key: string | undefined, params: { position?: number; count?: number } = {}) => {
    if (!key) return undefined;
    const template = (t as Record<string, string>)[key] ?? (a as Record<string, string>)[key] ?? key;
    return format(template, { position: params.position ?? "", count: params.count ?? "" });
  };
}
