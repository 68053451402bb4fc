import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { rolesFor } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { FormAlert, errorText } from "~/components/forms";
import { ProgramNameField } from "~/components/program-name-field";
import { useProgramUseWords } from "~/components/program-use";
import { requireForm } from "~/http/body.server";
import { clientAddress } from "~/http/context";
import { notFound } from "~/http/errors.server";
import { parseId } from "~/http/params";
import { parseForm } from "~/http/parse-form";
import { format } from "~/i18n/define";
import { titleFor } from "~/i18n/meta";
import { programs as programStrings } from "~/i18n/strings/programs";
import { useStrings } from "~/i18n/use-strings";
import {
  deleteProgram,
  findProgramForAdmin,
  inUse,
  renameProgram,
  setProgramArchived,
  type ProgramChange,
} from "~/models/program.server";
import { formatStockholmTime } from "~/outcomes/calendar";
import { programChangeSchema } from "~/programs/program-form";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleFor(programStrings, matches, (t) => (data ? format(t.editTitle, { name: data.program.name }) : t.listTitle));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, { roles: rolesFor("programs") });
  const program = await findProgramForAdmin({ id: parseId(params.id) });
  if (!program) throw notFound();
  return {
    program: { ...program, archivedOn: program.archivedAt ? formatStockholmTime(program.archivedAt) : null },
    deletable: !inUse(program.use),
  };
}

/** After a refused stale change the page shows what is stored now, so the next try starts from it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

type Problem = Exclude<ProgramChange, { ok: true }>["problem"];
const STATUS: Record<Problem, number> = { "not-found": 404, conflict: 409, taken: 409, "in-use": 409, unchanged: 409 };
const MESSAGE: Record<Problem, string> = {
  "not-found": "errConflict",
  conflict: "errConflict",
  taken: "errTaken",
  "in-use": "errInUse",
  unchanged: "errUnchanged",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: rolesFor("programs") });
  const id = parseId(params.id);
  const form = await requireForm(request, { maxBytes: 16 * 1024 });
  const typed = (form.get("name") ?? "").slice(0, 200);
  const parsed = parseForm(form, programChangeSchema, { fallback: "errForm" });
  if (!parsed.ok) {
    const status = parsed.errors.version ? 409 : parsed.errors.intent ? 400 : 422;
    return data({ errors: parsed.errors as Record<string, string>, typed }, { status });
  }
  const input = parsed.value;
  const by = { id, expectedVersion: input.version, actor: staff, ip: clientAddress(context) };
  const result =
    input.intent === "rename"
      ? await renameProgram({ ...by, name: input.name })
      : input.intent === "delete"
        ? await deleteProgram(by)
        : await setProgramArchived({ ...by, archived: input.intent === "archive" });
  if (!result.ok) {
    if (result.problem === "not-found") throw notFound();
    const field = input.intent === "rename" && result.problem === "taken" ? "name" : "form";
    return data(
      { errors: { [field]: MESSAGE[result.problem] } as Record<string, string>, typed },
      {
        status: STATUS[result.problem],
      },
    );
  }
  if (input.intent === "delete") return redirect("/staff/programs?deleted=1", 303);
  return redirect(`/staff/programs/${id}?done=${input.intent}`, 303);
}

export default function ProgramPage() {
  const { program, deletable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const t = useStrings(programStrings);
  const describeUse = useProgramUseWords();
  const err = errorText(t, result?.errors);
  const done = result ? null : params.get("done");
  const doneText: Record<string, string> = {
    rename: t.renamed,
    archive: t.archivedDone,
    restore: t.restored,
  };
  const uses = describeUse(program.use);
  const version = <input type="hidden" name="version" value={program.version} />;
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/staff/programs">{t.back}</Link>
      </p>
      <h1>{format(t.editTitle, { name: program.name })}</h1>
      <p>
        <span className="tag">{program.archived ? t.archived : t.active}</span>{" "}
        <span>{uses.length > 0 ? uses.join(", ") : t.noUse}</span>
      </p>
      <FormAlert tone="ok">{done ? doneText[done] : null}</FormAlert>
      <FormAlert focus>{err("form") ?? (result?.errors ? t.errForm : null)}</FormAlert>

      <section aria-labelledby="rename" className="stack">
        <h2 id="rename">{t.renameTitle}</h2>
        <Form method="post" className="stack" noValidate key={`rename-${program.version}`}>
          {version}
          <input type="hidden" name="intent" value="rename" />
          <ProgramNameField hint={t.renameHint} defaultValue={result?.typed || program.name} error={err("name")} />
          <button type="submit" className="button">
            {t.renameSave}
          </button>
        </Form>
      </section>

      <section aria-labelledby="archive" className="stack">
        <h2 id="archive">{t.archiveTitle}</h2>
        <p>{program.archived ? format(t.restoreLead, { date: program.archivedOn ?? "" }) : t.archiveLead}</p>
        <Form method="post">
          {version}
          <input type="hidden" name="intent" value={program.archived ? "restore" : "archive"} />
          <button type="submit" className="button button--secondary">
            {program.archived ? t.restoreButton : t.archiveButton}
          </button>
        </Form>
      </section>

      <section aria-labelledby="delete" className="stack">
        <h2 id="delete">{t.deleteTitle}</h2>
        {!deletable ? (
          <>
            <p>{t.keepLead}</p>
            <ul>
              {uses.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <p>{t.deleteLead}</p>
            <Form method="post">
              {version}
              <input type="hidden" name="intent" value="delete" />
              <button type="submit" className="button button--danger">
                {t.deleteButton}
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
