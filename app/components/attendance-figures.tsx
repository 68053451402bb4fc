import type { ReactNode } from "react";
import { CountStepper } from "~/components/count-stepper";
import { ChoiceGroup, NumberField, TextareaField } from "~/components/forms";
import { NewVisitorQuestions, useCodeErrorText } from "~/components/new-visitor-questions";
import { format } from "~/i18n/define";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import type { Program } from "~/models/program.server";
import { GENDERS, MAX_COUNT, type Gender } from "~/outcomes/attendance-rules";
import type { ParsedAttendanceForm } from "~/activities/attendance-form";

type Errors = Partial<Record<keyof ParsedAttendanceForm["errors"], string>>;

/**
 * The figures of a registration, the same on the register and the correction page: the counts per gender with
 * steppers, then first-timers, participant codes (with the two questions for new codes) and a note. `values` are
 * the fields as the staff member sent them (after an error), `defaults` what to show otherwise.
 */
export function AttendanceFigures({
  errors,
  values,
  defaults,
  countsHint,
  codesHint,
  codeDetail,
  newCodes,
  programs,
  afterCodes,
  moreLabel,
}: {
  errors: Errors;
  values: Record<string, string> | undefined;
  defaults: { counts: Record<Gender, number>; firstTime: number | null; note: string };
  /** Shown under the counts' legend (the coded visitors already counted). */
  countsHint?: ReactNode;
  codesHint: ReactNode;
  codeDetail?: { position?: number; count?: number };
  newCodes: string[];
  programs: Pick<Program, "id" | "name">[];
  /** After the codes' questions (the correction's "remove the codes" box). */
  afterCodes?: ReactNode;
  /** Folds first-timers, codes and note under this summary (the register page), open when any is filled in. */
  moreLabel?: string;
}) {
  const t = useStrings(attendanceStrings);
  const codeError = useCodeErrorText();
  const message = (key: string | undefined) => (key ? t[key as keyof typeof t] : undefined);
  const details = (
    <>
      <NumberField
        label={t.firstTime}
        name="firstTime"
        min={0}
        max={MAX_COUNT}
        defaultValue={values?.firstTime ?? defaults.firstTime ?? ""}
        error={message(errors.firstTime)}
      />
      <TextareaField
        label={t.codes}
        name="codes"
        hint={codesHint}
        rows={3}
        autoComplete="off"
        defaultValue={values?.codes ?? ""}
        error={errors.codes ? codeError(errors.codes, codeDetail) : undefined}
      >
        <NewVisitorQuestions codes={newCodes} programs={programs} values={values} />
        {afterCodes}
      </TextareaField>
      <TextareaField
        label={t.note}
        name="note"
        hint={t.noteHint}
        rows={3}
        maxLength={1000}
        defaultValue={values?.note ?? defaults.note}
        error={message(errors.note)}
      />
    </>
  );
  return (
    <>
      <ChoiceGroup legend={t.counts} name="counts" hint={countsHint} error={message(errors.counts)}>
        {GENDERS.map((g) => (
          <CountStepper
            key={`${g}-${values ? "r" : "n"}`}
            name={g}
            label={t[g]}
            defaultValue={values ? Number(values[g]) || 0 : defaults.counts[g]}
            max={MAX_COUNT}
            decreaseLabel={format(t.decrease, { label: t[g] })}
            increaseLabel={format(t.increase, { label: t[g] })}
            invalid={Boolean(errors.counts)}
          />
        ))}
      </ChoiceGroup>
      {moreLabel ? (
        <details
          className="more"
          open={Boolean(
            errors.firstTime || errors.note || errors.codes || values?.firstTime || values?.note || values?.codes,
          )}
        >
          <summary>{moreLabel}</summary>
          <div className="stack">{details}</div>
        </details>
      ) : (
        details
      )}
    </>
  );
}
