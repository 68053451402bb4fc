import { CheckboxField, Field } from "~/components/forms";
import { format } from "~/i18n/define";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import { useStrings } from "~/i18n/use-strings";
import type { SurveyPageData } from "~/surveys/participant-page.server";
import type { FlowState } from "~/surveys/question-view";

/** Above the first question: how long it takes, that it is anonymous, what may be skipped, and who is helping. */
export function SurveyIntro({
  page,
  intro,
  state,
  speech,
}: {
  page: SurveyPageData;
  intro: NonNullable<SurveyPageData["intro"]>;
  state: FlowState;
  speech: boolean;
}) {
  const t = useStrings(surveyStrings);
  return (
    <div className="survey-intro">
      <p className="lead">{intro.minutes === 1 ? t.introLeadOne : format(t.introLead, { minutes: intro.minutes })}</p>
      <ul className="survey-intro__points">
        <li>{t.introAnonymous}</li>
        <li>{t.introSkip}</li>
        {speech ? <li>{t.introReadAloud}</li> : null}
      </ul>
      {intro.withParticipantCode ? (
        <fieldset className="field survey-code">
          <legend>{t.codeTitle}</legend>
          <p>{t.codeExplain}</p>
          <ol>
            <li>{t.codeStep1}</li>
            <li>{t.codeStep2}</li>
            <li>{t.codeStep3}</li>
          </ol>
          <p className="hint">{t.codeExample}</p>
          <Field
            id="participant-code"
            name="participantCode"
            label={t.codeLabel}
            hint={`${t.codeHint} ${t.codeSkip}`}
            error={intro.participantCodeError ?? undefined}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            defaultValue={state.participantCode}
          />
        </fieldset>
      ) : (
        <input type="hidden" name="participantCode" value="" />
      )}
      {page.kiosk ? null : (
        <CheckboxField
          className="field survey-assisted"
          name="assisted"
          label={t.assisted}
          defaultChecked={state.assisted}
        />
      )}
    </div>
  );
}
