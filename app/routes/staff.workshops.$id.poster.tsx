import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { QrPoster } from "~/components/qr-poster";
import { absoluteUrl, qrSvg } from "~/reports/qr.server";
import { requireStaffWorkshop } from "~/workshops/staff.server";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(workshopStaff, "pagePoster", { appName: false });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workshop } = await requireStaffWorkshop(request, params.id);
  const url = absoluteUrl(request, `/w/${workshop.code}`);
  return { title: workshop.title, code: workshop.code, url, svg: await qrSvg(url) };
}

export default function WorkshopPoster() {
  const { title, code, url, svg } = useLoaderData<typeof loader>();
  const t = useStrings(workshopStaff);
  return (
    <div className="page">
      <QrPoster
        title={title}
        line={t.posterLine}
        svg={svg}
        shortLink={url.replace(/^https?:\/\//, "")}
        code={code}
        codeLabel={t.posterCode}
        printLabel={t.posterPrint}
      />
    </div>
  );
}
