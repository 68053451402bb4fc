import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { updateWorkshopDetails } from "~/models/workshop.server";
import {
  parseWorkshopForm,
  requireStaffWorkshop,
  visibleWorkshops,
  type WorkshopFormErrors,
} from "~/workshops/staff.server";
import { WorkshopForm } from "~/components/workshop-form";
import { format } from "~/i18n/define";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import { programsFor } from "~/activities/programs.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(workshopStaff, "pageEdit");

async function load(request: Request, id: string | undefined) {
  const { staff, workshop } = await requireStaffWorkshop(request, id);
  // An archived programme stays listed for the workshop that already has it, or saving would silently drop it.
  const keep = workshop.programId === null ? [] : [workshop.programId];
  const [programs, workshops] = await Promise.all([programsFor(staff, { keep }), visibleWorkshops(staff)]);
  return {
    staff,
    workshop,
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
    earlier: workshops.filter((w) => w.id !== workshop.id).map((w) => ({ id: w.id, title: w.title, heldOn: w.heldOn })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workshop, programs, earlier } = await load(request, params.id);
  return {
    workshop: {
      id: workshop.id,
      title: workshop.title,
      heldOn: workshop.heldOn,
      place: workshop.place,
      programId: workshop.programId,
      followsIds: workshop.followsIds,
    },
    programs,
    earlier,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, workshop, programs, earlier } = await load(request, params.id);
  const form = await requireForm(request);
  const parsed = parseWorkshopForm(form, {
    programIds: programs.map((p) => p.id),
    workshopIds: earlier.map((w) => w.id),
  });
  if (!parsed.ok) return data({ errors: parsed.errors as WorkshopFormErrors }, { status: 422 });
  await updateWorkshopDetails({ id: workshop.id, ...parsed.value, by: { actor: staff, ip: clientAddress(context) } });
  return redirect(`/staff/workshops/${workshop.id}`);
}

export default function EditWorkshop() {
  const { workshop, programs, earlier } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(workshopStaff);
  return (
    <div className="page page--narrow">
      <h1>{format(t.editTitle, { title: workshop.title })}</h1>
      <WorkshopForm
        programs={programs}
        earlier={earlier}
        defaults={workshop}
        errors={result?.errors}
        submitLabel={t.formSave}
      />
      <p>
        <Link to={`/staff/workshops/${workshop.id}`}>{t.back}</Link>
      </p>
    </div>
  );
}
