import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { todayInStockholm } from "~/outcomes/calendar";
import { useActionData, useLoaderData } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { requireForm } from "~/http/body.server";
import { audited } from "~/models/audit.server";
import { createWorkshop, type Workshop } from "~/models/workshop.server";
import {
  parseWorkshopForm,
  requireWorkshopStaff,
  visibleWorkshops,
  type WorkshopFormErrors,
} from "~/workshops/staff.server";
import { WorkshopForm } from "~/components/workshop-form";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";
import { programsFor } from "~/activities/programs.server";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle(workshopStaff, "newWorkshop");

async function choices(staff: Awaited<ReturnType<typeof requireWorkshopStaff>>) {
  const [programs, workshops] = await Promise.all([programsFor(staff), visibleWorkshops(staff)]);
  return {
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
    earlier: workshops.map((w) => ({ id: w.id, title: w.title, heldOn: w.heldOn })),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireWorkshopStaff(request);
  return { ...(await choices(staff)), today: todayInStockholm() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireWorkshopStaff(request);
  const form = await requireForm(request);
  const { programs, earlier } = await choices(staff);
  const parsed = parseWorkshopForm(form, {
    programIds: programs.map((p) => p.id),
    workshopIds: earlier.map((w) => w.id),
  });
  if (!parsed.ok) return data({ errors: parsed.errors as WorkshopFormErrors }, { status: 422 });
  const workshop = await audited(
    (created: Workshop) => ({
      actor: staff,
      ip: clientAddress(context),
      action: "workshop.create",
      entityType: "workshop",
      entityId: created.id,
      details: { code: created.code },
    }),
    (trx) => createWorkshop({ ...parsed.value, facilitatorId: staff.id }, trx),
  );
  return redirect(`/staff/workshops/${workshop.id}`);
}

export default function NewWorkshop() {
  const { programs, earlier, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useStrings(workshopStaff);
  return (
    <div className="page page--narrow">
      <h1>{t.newWorkshop}</h1>
      <WorkshopForm
        programs={programs}
        earlier={earlier}
        defaults={{
          title: "",
          heldOn: today,
          place: "Mallis, Malmskillnadsgatan",
          programId: programs[0]?.id ?? null,
          followsIds: [],
        }}
        errors={result?.errors}
        submitLabel={t.formCreate}
      />
    </div>
  );
}
