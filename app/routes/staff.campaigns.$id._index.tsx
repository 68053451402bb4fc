import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can, rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { programScope } from "~/auth/scope";
import { clientAddress } from "~/http/context";
import { notFound } from "~/http/errors.server";
import { localeFromRequest } from "~/i18n/locale";
import { getCampaign } from "~/models/campaign.server";
import { countResponses, countResponsesByChannel, readResponses, responseTimes } from "~/models/response.server";
import { findImportOfCampaign } from "~/models/wave-import.server";
import { CampaignPaperLinks } from "~/components/campaign-paper-links";
import { getSurveyVersion } from "~/models/survey-version.server";
import { absoluteUrl } from "~/reports/qr.server";
import { campaignState } from "~/surveys/campaign-state";
import { formatStockholmTime, todayInStockholm } from "~/outcomes/calendar";
import { parseId } from "~/http/params";
import { readableAnswers } from "~/surveys/readable.server";
import { format } from "~/i18n/define";
import { campaigns as strings } from "~/i18n/strings/campaigns";
import { useStrings } from "~/i18n/use-strings";
import { titleFor } from "~/i18n/meta";
import { ColumnHeads } from "~/components/table-heads";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleFor(strings, matches, (t) => data?.campaign.title ?? t.pageCampaign);

const PAGE = 10;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("campaigns") });
  const id = parseId(params.id);
  const campaign = await getCampaign({ id, programIds: programScope(staff) });
  if (!campaign) throw notFound();
  const url = new URL(request.url);
  const locale = localeFromRequest(request);
  const [counts, times, channels, imported] = await Promise.all([
    countResponses({ campaignId: id }),
    responseTimes({ campaignId: id }),
    countResponsesByChannel({ campaignId: id }),
    findImportOfCampaign({ campaignId: id }),
  ]);
  const perDay = new Map<string, number>();
  for (const at of times) {
    const day = todayInStockholm(new Date(at));
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const mayRead = can(staff.role, "responses.read");
  const show = mayRead && url.searchParams.get("visa") === "svar";
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("sida")) || 1));
  let single: {
    id: string;
    submittedAt: string;
    channel: string;
    staffAssisted: boolean;
    hasParticipantCode: boolean;
    answers: { question: string; title: string; answer: string }[];
  }[] = [];
  if (show) {
    const rows = await readResponses({
      campaignId: id,
      page,
      perPage: PAGE,
      by: { actor: staff, ip: clientAddress(context) },
    });
    const versions = new Map<number, Awaited<ReturnType<typeof getSurveyVersion>>>();
    for (const r of rows)
      if (!versions.has(r.surveyVersionId))
        versions.set(r.surveyVersionId, await getSurveyVersion({ id: r.surveyVersionId }));
    single = rows.map((r) => {
      const version = versions.get(r.surveyVersionId);
      return {
        id: r.id,
        submittedAt: r.submittedAt,
        channel: r.channel,
        staffAssisted: r.staffAssisted,
        hasParticipantCode: r.hasParticipantCode,
        answers: version
          ? readableAnswers({ versionId: version.id, json: version.json, answers: r.answers, locale })
          : [],
      };
    });
  }
  return {
    campaign: {
      id: campaign.id,
      code: campaign.code,
      title: campaign.title,
      programName: campaign.programName,
      activityName: campaign.activityName,
      opensOn: campaign.opensOn,
      closesOn: campaign.closesOn,
      mode: campaign.mode,
      kiosk: campaign.kiosk,
    },
    state: campaignState(campaign),
    link: absoluteUrl(request, `/s/${campaign.code}`),
    total: counts.complete,
    partial: counts.partial,
    perDay: [...perDay.entries()].sort(([a], [b]) => (a < b ? 1 : -1)),
    mayRead,
    show,
    page,
    // The single responses list every response, partial ones too.
    hasMore: show && page * PAGE < counts.complete + counts.partial,
    single,
    researcher: staff.role === "researcher",
    paper: {
      paperCount: channels.paper ?? 0,
      imported,
      mayEnter: mayRead && campaignState(campaign) !== "not-yet-open",
      mayImport: can(staff.role, "campaigns.manage"),
    },
  };
}

export default function CampaignDetail() {
  const d = useLoaderData<typeof loader>();
  const t = useStrings(strings);
  const max = Math.max(1, ...d.perDay.map(([, n]) => n));
  return (
    <div className="page">
      <h1>{d.campaign.title}</h1>
      <dl className="facts">
        <div>
          <dt>{t.code}</dt>
          <dd>
            <strong className="code">{d.campaign.code}</strong>
          </dd>
        </div>
        <div>
          <dt>{t.link}</dt>
          <dd>
            <a href={d.link}>{d.link}</a>
          </dd>
        </div>
        <div>
          <dt>{t.state}</dt>
          <dd>
            {t[`state_${d.state}`]} ({d.campaign.opensOn} – {d.campaign.closesOn})
          </dd>
        </div>
        <div>
          <dt>{t.program}</dt>
          <dd>
            {d.campaign.programName}
            {d.campaign.activityName ? ` · ${d.campaign.activityName}` : ""}
          </dd>
        </div>
        <div>
          <dt>{t.mode}</dt>
          <dd>
            {d.campaign.mode === "anonymous" ? t.modeAnonymous : t.modeParticipantCode}
            {d.campaign.kiosk ? ` · ${t.kiosk}` : ""}
          </dd>
        </div>
      </dl>
      <p>
        <Link to={`/staff/campaigns/${d.campaign.id}/poster`} className="button button--secondary">
          {t.poster}
        </Link>
      </p>

      <CampaignPaperLinks campaignId={d.campaign.id} {...d.paper} />

      <h2>{t.responses}</h2>
      <p className="lead">{format(t.total, { n: d.total })}</p>
      {d.partial > 0 ? <p>{d.partial === 1 ? t.partialOne : format(t.partialMany, { n: d.partial })}</p> : null}
      {d.perDay.length === 0 ? (
        <p>{t.noResponses}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t.perDay}</caption>
            <ColumnHeads columns={[t.day, t.count]} />
            <tbody>
              {d.perDay.map(([day, n]) => (
                <tr key={day}>
                  <th scope="row">{day}</th>
                  <td>
                    {/* The longest bar takes 70% of the cell (the rest is for the number): scaled, not cut at 70%. */}
                    <span className="bar" style={{ width: `${(n / max) * 70}%` }} aria-hidden="true" /> {n}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {d.researcher ? <p className="alert alert--info">{t.researcherNote}</p> : null}
      {d.mayRead && d.total + d.partial > 0 ? (
        <section aria-labelledby="single-heading">
          <h2 id="single-heading">{t.single}</h2>
          <p>{t.singleLead}</p>
          {!d.show ? (
            <p>
              <Link to={`/staff/campaigns/${d.campaign.id}?visa=svar`} className="button button--secondary">
                {t.showSingle}
              </Link>
            </p>
          ) : (
            <>
              {d.single.map((r, i) => (
                <article key={r.id} className="card response-card">
                  <h3>{format(t.response, { n: (d.page - 1) * 10 + i + 1 })}</h3>
                  <p className="muted">
                    {t.submittedAt}: <time dateTime={r.submittedAt}>{formatStockholmTime(r.submittedAt)}</time> ·{" "}
                    {t[`channel_${r.channel}` as keyof typeof t] ?? r.channel}
                    {r.staffAssisted ? ` · ${t.assisted}` : ""}
                    {r.hasParticipantCode ? ` · ${t.withCode}` : ""}
                  </p>
                  <dl className="answers">
                    {r.answers.map((a) => (
                      <div key={a.question}>
                        <dt>{a.title}</dt>
                        <dd>{a.answer}</dd>
                      </div>
                    ))}
                  </dl>
                </article>
              ))}
              <nav className="pager" aria-label={t.single}>
                {d.page > 1 ? (
                  <Link to={`/staff/campaigns/${d.campaign.id}?visa=svar&sida=${d.page - 1}`}>{t.newerResponses}</Link>
                ) : null}
                {d.hasMore ? (
                  <Link to={`/staff/campaigns/${d.campaign.id}?visa=svar&sida=${d.page + 1}`}>{t.olderResponses}</Link>
                ) : null}
              </nav>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
