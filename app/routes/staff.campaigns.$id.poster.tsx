import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { programScope } from "~/auth/scope";
import { QrPoster } from "~/components/qr-poster";
import { notFound } from "~/http/errors.server";
import { parseId } from "~/http/params";
import { getCampaign } from "~/models/campaign.server";
import { absoluteUrl, qrSvg } from "~/reports/qr.server";
import { campaigns as strings } from "~/i18n/strings/campaigns";
import { useStrings } from "~/i18n/use-strings";
import { titleFor } from "~/i18n/meta";
import { format } from "~/i18n/define";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleFor(strings, matches, (t) => format(t.pagePoster, { title: data?.title ?? t.pageCampaign }), {
    appName: false,
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("campaigns") });
  const id = parseId(params.id);
  const campaign = await getCampaign({ id, programIds: programScope(staff) });
  if (!campaign) throw notFound();
  const link = absoluteUrl(request, `/s/${campaign.code}`);
  return {
    id,
    title: campaign.title,
    code: campaign.code,
    link,
    svg: await qrSvg(link),
    withCode: campaign.mode === "participant_code",
  };
}

export default function Poster() {
  const d = useLoaderData<typeof loader>();
  const t = useStrings(strings);
  return (
    <div className="page">
      <p className="no-print">
        <Link to={`/staff/campaigns/${d.id}`}>{t.back}</Link>
      </p>
      <QrPoster
        title={d.title}
        line={d.withCode ? t.posterLineCode : t.posterLine}
        svg={d.svg}
        shortLink={d.link.replace(/^https?:\/\//, "")}
        code={d.code}
        codeLabel={t.posterCodeLabel}
        printLabel={t.posterPrint}
      />
    </div>
  );
}
