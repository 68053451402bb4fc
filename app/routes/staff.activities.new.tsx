import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { refuseLeftOutFields } from "~/http/errors.server";
import { useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS } from "~/auth/capabilities";
import { programsFor } from "~/activities/programs.server";
import { parseActivityForm } from "~/activities/activity-form";
import { requireForm } from "~/http/body.server";
import { addActivity } from "~/models/activity.server";
import { ActivityForm } from "~/components/activity-form";
import { todayInStockholm } from "~/outcomes/calendar";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/attendance.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(attendanceStrings, "newActivity");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: CATALOGUE_EDITORS });
  return { programs: await programsFor(staff), today: todayInStockholm() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: CATALOGUE_EDITORS });
  const form = await requireForm(request, { maxBytes: 16 * 1024 });
  const programs = await programsFor(staff);
  const parsed = parseActivityForm(
    form,
    programs.map((p) => p.id),
  );
  refuseLeftOutFields(parsed);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 422 });
  const id = await addActivity({ value: parsed.value, by: { actor: staff, ip: clientAddress(context) } });
  return redirect(`/staff/activities/${id}?saved=1`);
}

export default function NewActivity() {
  const { programs, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(attendanceStrings);
  return (
    <div className="page page--narrow">
      <h1>{t.newActivity}</h1>
      <ActivityForm
        programs={programs}
        errors={result?.errors}
        defaults={{
          name: "",
          place: "Mallis, Malmskillnadsgatan",
          description: "",
          kind: "regular",
          scope: "mallis",
          countsAttendance: true,
          startsOn: today,
          programId: null,
          schedule: [],
        }}
      />
    </div>
  );
}
