import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PERMISSIONS } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { programScope } from "~/auth/scope";
import { Field, FormAlert, SelectField, fieldProps, labelledOptions } from "~/components/forms";
import { PaperQuestionFields } from "~/components/paper-question";
import { requireForm } from "~/http/body.server";
import { clientAddress } from "~/http/context";
import { notFound } from "~/http/errors.server";
import { parseId } from "~/http/params";
import { format } from "~/i18n/define";
import { LOCALES, localeFromRequest } from "~/i18n/locale";
import { titleFor } from "~/i18n/meta";
import { paper as strings } from "~/i18n/strings/paper";
import { useStrings } from "~/i18n/use-strings";
import { getCampaign } from "~/models/campaign.server";
import { countResponsesByChannel, responseChannel } from "~/models/response.server";
import { findImportOfCampaign } from "~/models/wave-import.server";
import { enterPaperResponse, newFormToken, paperEntryRefusal, paperSurveyOf } from "~/paper/paper-entry.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleFor(strings, matches, (t) => format(t.pagePaper, { title: data?.campaign.title ?? "" }));

const UUID = /^[0-9a-f-]{36}$/;

/** Who may type in paper questionnaires: whoever may read the campaign's responses, within their programmes. */
async function campaignFor(request: Request, rawId: string | undefined) {
  const staff = await requireStaff(request, { roles: PERMISSIONS["responses.read"] });
  const campaign = await getCampaign({ id: parseId(rawId), programIds: programScope(staff) });
  if (!campaign) throw notFound();
  const imported = Boolean(await findImportOfCampaign({ campaignId: campaign.id }));
  return { staff, campaign, refusal: paperEntryRefusal(campaign, { imported }) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign, refusal } = await campaignFor(request, params.id);
  const locale = localeFromRequest(request);
  const saved = new URL(request.url).searchParams;
  const savedId = saved.get("sparad") ?? "";
  const wasSaved = UUID.test(savedId) && (await responseChannel({ id: savedId, campaignId: campaign.id })) === "paper";
  const survey = refusal ? null : await paperSurveyOf(campaign, locale);
  const paperCount = (await countResponsesByChannel({ campaignId: campaign.id })).paper ?? 0;
  return {
    campaign: {
      id: campaign.id,
      title: campaign.title,
      opensOn: campaign.opensOn,
      withCode: campaign.mode !== "anonymous",
    },
    refusal: refusal ?? (survey ? null : ("errNoSurvey" as const)),
    questions: wasSaved ? [] : (survey?.questions ?? []),
    token: newFormToken(),
    saved: wasSaved
      ? { duplicate: saved.get("igen") === "1", ignored: Math.max(0, Number(saved.get("ej")) || 0) }
      : null,
    paperCount,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, campaign, refusal } = await campaignFor(request, params.id);
  const locale = localeFromRequest(request);
  const survey = refusal ? null : await paperSurveyOf(campaign, locale);
  if (refusal || !survey) return data({ formError: refusal ?? "errNoSurvey", errors: {}, echo: {} }, { status: 409 });
  const form = await requireForm(request, { maxBytes: 256 * 1024 });
  const result = await enterPaperResponse({
    campaign,
    survey,
    form,
    locale,
    by: { actor: staff, ip: clientAddress(context) },
  });
  if (!result.ok) return data(result, { status: 422 });
  const query = new URLSearchParams({ sparad: result.id });
  if (result.status === "duplicate") query.set("igen", "1");
  if (result.ignored > 0) query.set("ej", String(result.ignored));
  return redirect(`/staff/campaigns/${campaign.id}/paper?${query}`, 303);
}

export default function PaperEntry() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useStrings(strings);
  const back = `/staff/campaigns/${d.campaign.id}`;
  const echo: Record<string, string[]> = result?.echo ?? {};
  const errors: Record<string, string> = result?.errors ?? {};
  const formError = result?.formError;
  // The sent form's first value of each field, and its error, wired by name.
  const field = fieldProps(Object.fromEntries(Object.entries(echo).map(([k, v]) => [k, v[0]])), (name) => errors[name]);
  return (
    <div className="page page--narrow paper-entry">
      <p>
        <Link to={back}>{t.paperBack}</Link>
      </p>
      <h1>{t.paperTitle}</h1>
      <p className="muted">
        {d.campaign.title} · {format(t.paperCount, { n: d.paperCount })}
      </p>
      {d.saved ? (
        <>
          <FormAlert tone="ok" focus>
            <p>{format(d.saved.duplicate ? t.paperSavedBefore : t.paperSaved, { n: d.paperCount })}</p>
            {d.saved.ignored > 0 ? <p>{format(t.paperIgnored, { n: d.saved.ignored })}</p> : null}
          </FormAlert>
          <p className="actions">
            <Link to={`/staff/campaigns/${d.campaign.id}/paper`} className="button">
              {t.paperNext}
            </Link>
            <Link to={back} className="button button--secondary">
              {t.paperBack}
            </Link>
          </p>
        </>
      ) : d.refusal ? (
        <FormAlert>{format(t[d.refusal], { date: d.campaign.opensOn })}</FormAlert>
      ) : (
        <>
          <p className="lead">{t.paperLead}</p>
          <Form method="post" className="stack" noValidate key={d.token}>
            <FormAlert focus>
              {formError ? format(t[formError as keyof typeof t] ?? t.errForm, { date: d.campaign.opensOn }) : null}
            </FormAlert>
            <input type="hidden" name="token" value={d.token} />
            <SelectField
              label={t.paperLocale}
              options={labelledOptions(LOCALES, (l) => (l === "sv" ? t.paperLocaleSv : t.paperLocaleEn))}
              {...field("locale", "sv")}
            />
            {d.campaign.withCode ? (
              <Field
                label={t.paperCode}
                hint={t.paperCodeHint}
                autoComplete="off"
                maxLength={40}
                {...field("participantCode")}
              />
            ) : null}
            {d.questions.map((q, i) => (
              <PaperQuestionFields
                key={q.name}
                question={q}
                number={i + 1}
                values={echo}
                error={errors[q.name]}
                t={t}
              />
            ))}
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t.paperSave}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
