import { Form } from "@remix-run/react";
import { Field, FormAlert } from "~/components/forms";
import { format } from "~/i18n/define";
import { workshopPublic } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import type { ParticipantResult } from "~/workshops/participant-result";
import { NICKNAME_MAX_LENGTH } from "~/workshops/rules";

/** An optional first name the facilitator sees beside the notes. */
export function NicknameSection({
  nickname,
  result,
}: {
  nickname: string | null;
  result: ParticipantResult | undefined;
}) {
  const t = useStrings(workshopPublic);
  const own = result?.intent === "nickname" ? result : null;
  return (
    <section aria-labelledby="nickname-title">
      <h2 id="nickname-title">{t.nicknameTitle}</h2>
      <Form method="post" className="stack" preventScrollReset>
        <input type="hidden" name="intent" value="nickname" />
        <FormAlert tone={own?.ok ? "ok" : "error"}>
          {own ? (own.ok ? t.nicknameSaved : format(t.errNickname, { max: NICKNAME_MAX_LENGTH })) : null}
        </FormAlert>
        <Field
          label={t.nicknameLabel}
          name="nickname"
          hint={t.nicknameHint}
          autoComplete="given-name"
          defaultValue={nickname ?? ""}
        />
        <button type="submit" className="button button--secondary button--block">
          {t.saveNickname}
        </button>
      </Form>
    </section>
  );
}
