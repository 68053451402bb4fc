import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { clientAddress } from "~/http/context";
import { notFound } from "~/http/errors.server";
import { readForm } from "~/http/body.server";
import { z } from "zod";
import { FormAlert, TextareaField } from "~/components/forms";
import { parseForm } from "~/http/parse-form";
import { resetSection, saveSectionText, type ChangeResult } from "~/models/report.server";
import { SECTION_KEYS, type SectionKey } from "~/reports/draft-types";
import { requireReport } from "~/reports/report-page.server";
import { SECTION_TEXT_MAX } from "~/reports/report-service.server";
import { figureTextsOf, resolveSections } from "~/reports/resolve";
import { format } from "~/i18n/define";
import { titleFor } from "~/i18n/meta";
import { reports as strings } from "~/i18n/strings/reports";
import { useStrings } from "~/i18n/use-strings";
import styles from "~/styles/reports.css";

export const links = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  titleFor(strings, matches, (t) => (data ? format(t.editSection, { title: data.title }) : t.listTitle));

function sectionKey(raw: string | undefined): SectionKey {
  if (!raw || !(SECTION_KEYS as readonly string[]).includes(raw)) throw notFound("section");
  return raw as SectionKey;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { report } = await requireReport(request, params.id);
  const key = sectionKey(params.key);
  const section = resolveSections(report.draft, report.sections).find((s) => s.key === key)!;
  return {
    reportId: report.id,
    reportTitle: report.title,
    final: report.status !== "draft",
    version: report.version,
    key,
    title: section.title,
    text: section.editableText,
    generatedText: section.generatedText,
    edited: section.edited,
  };
}

type Problem = Exclude<ChangeResult, { ok: true }>["problem"] | "too-long" | "empty" | "intent" | "too-large";
const statusOf: Record<Problem, number> = {
  "not-found": 404,
  final: 409,
  conflict: 409,
  "too-long": 422,
  empty: 422,
  intent: 400,
  "too-large": 413,
};

// The version the page was drawn from: a change made meanwhile by someone else is a conflict, not an overwrite.
const version = z.coerce.number().int();
const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reset"), version }),
  z.object({
    intent: z.literal("save"),
    version,
    text: z.string().transform((v) => v.replace(/\r\n?/g, "\n").split("\u0000").join("").trim()),
  }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { staff, report } = await requireReport(request, params.id);
  const key = sectionKey(params.key);
  // Room for the longest allowed text even when every character is percent-encoded UTF-8 (up to 12 bytes).
  const read = await readForm(request, { maxBytes: SECTION_TEXT_MAX * 12 + 4096 });
  const fail = (problem: Problem, text?: string) =>
    data({ problem, text: text?.slice(0, SECTION_TEXT_MAX) ?? null }, { status: statusOf[problem] });
  if (!read.ok) return fail(read.problem === "too-large" ? "too-large" : "intent");
  const ip = clientAddress(context);
  if (report.status !== "draft") return fail("final", read.form.get("text") ?? "");
  const parsed = parseForm(read.form, intents);
  if (!parsed.ok) return fail(parsed.errors.intent ? "intent" : "conflict");
  const input = parsed.value;
  const expectedVersion = input.version;
  if (input.intent === "reset") {
    const result = await resetSection({ id: report.id, key, expectedVersion, actor: staff, ip });
    if (!result.ok) return fail(result.problem);
    return redirect(`/staff/reports/${report.id}?done=reset#avsnitt-${key}`, 303);
  }
  const { text } = input;
  if (text.length > SECTION_TEXT_MAX) return fail("too-long", text);
  if (text === "") return fail("empty");
  const result = await saveSectionText({
    id: report.id,
    key,
    text,
    editedFigures: figureTextsOf(report.draft, key),
    expectedVersion,
    actor: staff,
    ip,
  });
  if (!result.ok) return fail(result.problem, text);
  return redirect(`/staff/reports/${report.id}?done=saved#avsnitt-${key}`, 303);
}

export default function EditSection() {
  const s = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useStrings(strings);
  const problems: Record<Problem, string> = {
    "not-found": t.errSection,
    final: t.errFinal,
    conflict: t.errConflict,
    "too-long": t.errTextLong,
    "too-large": t.errTextLong,
    empty: t.errTextEmpty,
    intent: t.errIntent,
  };
  const error = result ? problems[result.problem] : null;
  return (
    <div className="page page--narrow report-editor">
      <p>
        <Link to={`/staff/reports/${s.reportId}#avsnitt-${s.key}`}>{t.cancel}</Link>
      </p>
      <h1>{format(t.editSection, { title: s.title })}</h1>
      <p className="muted">{s.reportTitle}</p>
      {s.final ? (
        <FormAlert>{t.errFinal}</FormAlert>
      ) : (
        <Form method="post" className="stack">
          <FormAlert id="text-error">{error}</FormAlert>
          <input type="hidden" name="version" value={s.version} />
          <TextareaField
            label={t.textLabel}
            name="text"
            hint={t.textHint}
            defaultValue={result?.text ?? s.text}
            maxLength={SECTION_TEXT_MAX}
            errorIn={error && "text-error"}
          />
          <div className="actions">
            <button type="submit" name="intent" value="save" className="button" disabled={navigation.state !== "idle"}>
              {t.save}
            </button>
            {s.edited ? (
              <button type="submit" name="intent" value="reset" className="button button--secondary">
                {t.reset}
              </button>
            ) : null}
          </div>
        </Form>
      )}
      {s.edited && s.generatedText ? (
        <details>
          <summary>{t.generatedLabel}</summary>
          <div className="report-generated">{s.generatedText}</div>
        </details>
      ) : null}
    </div>
  );
}
