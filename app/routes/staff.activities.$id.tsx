import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireStaff } from "~/auth/guards.server";
import { CATALOGUE_EDITORS } from "~/auth/capabilities";
import { recordScope } from "~/auth/scope";
import { programsFor } from "~/activities/programs.server";
import { parseActivityForm } from "~/activities/activity-form";
import { parseId } from "~/http/params";
import { requireForm } from "~/http/body.server";
import { badRequest, notFound, refuseLeftOutFields } from "~/http/errors.server";
import { archiveActivity, editActivity, getActivity } from "~/models/activity.server";
import type { StaffUser } from "~/models/staff.server";
import { ActivityForm } from "~/components/activity-form";
import { FormAlert, IntentForm } from "~/components/forms";
import { format } from "~/i18n/define";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/attendance.css";
import { pageTitle } from "~/i18n/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta = pageTitle(attendanceStrings, "pageEditActivity");

/** Another programme's activity answers 404 like an unknown id. */
async function visibleActivity(staff: StaffUser, id: number) {
  const activity = await getActivity({ id, scope: recordScope(staff, "shared") });
  if (!activity) throw notFound();
  return activity;
}

/** An activity of an archived programme keeps it in the picker, so saving does not move it. */
const keepOf = (activity: { programId: number | null }) => (activity.programId === null ? [] : [activity.programId]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: CATALOGUE_EDITORS });
  const activity = await visibleActivity(staff, parseId(params.id));
  return { activity, programs: await programsFor(staff, { keep: keepOf(activity) }) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: CATALOGUE_EDITORS });
  const id = parseId(params.id);
  const before = await visibleActivity(staff, id);
  const form = await requireForm(request, { maxBytes: 16 * 1024 });
  const ip = clientAddress(context);
  const intent = form.get("intent");
  if (intent === "archive" || intent === "unarchive") {
    await archiveActivity({ id, archived: intent === "archive", by: { actor: staff, ip } });
    return redirect(`/staff/activities/${id}?saved=1`);
  }
  if (intent !== "save") throw badRequest();
  const parsed = parseActivityForm(
    form,
    (await programsFor(staff, { keep: keepOf(before) })).map((p) => p.id),
  );
  refuseLeftOutFields(parsed);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 422 });
  await editActivity({ before, value: parsed.value, by: { actor: staff, ip } });
  return redirect(`/staff/activities/${id}?saved=1`);
}

export default function EditActivity() {
  const { activity, programs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(attendanceStrings);
  const archive = activity.archived ? "unarchive" : "archive";
  return (
    <div className="page page--narrow">
      <h1>{format(t.editActivity, { name: activity.name })}</h1>
      {activity.archived ? <p className="tag">{t.archived}</p> : null}
      <FormAlert tone="ok">{params.has("saved") && !result ? t.activitySaved : null}</FormAlert>
      <ActivityForm key={activity.id} programs={programs} errors={result?.errors} defaults={activity} />
      <h2>{t[archive]}</h2>
      <IntentForm intent={archive} hint={t.archiveHint} hintId="archive-hint" submit={t[archive]} tone="secondary" />
    </div>
  );
}
