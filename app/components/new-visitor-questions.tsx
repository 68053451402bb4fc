import { ChoiceGroup, SelectField, labelledOptions, namedOptions } from "~/components/forms";
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
        <ChoiceGroup
          key={code}
          className="field new-visitor"
          legend={format(t.newVisitorLegend, { code })}
          name={`new-visitor-${i}`}
        >
          <ChoiceGroup
            legend={t.newGender}
            name={newGenderField(code)}
            type="radio"
            options={labelledOptions(GENDERS, (g) => (
              <span>{a[g]}</span>
            ))}
            defaultValue={values?.[newGenderField(code)]}
          />
          <SelectField
            label={t.newProgram}
            id={`new-program-${i}`}
            name={newProgramField(code)}
            empty="–"
            options={[...namedOptions(programs), { value: NO_PROGRAM, label: t.noProgram }]}
            defaultValue={values?.[newProgramField(code)] ?? ""}
          />
        </ChoiceGroup>
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
