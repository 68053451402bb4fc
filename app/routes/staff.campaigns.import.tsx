import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { refuseLeftOutFields } from "~/http/errors.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PERMISSIONS } from "~/auth/capabilities";
import { requireStaff } from "~/auth/guards.server";
import { programScope } from "~/auth/scope";
import { Field, FormAlert, SelectField, errorText, fieldProps } from "~/components/forms";
import { WaveImportPreview } from "~/components/wave-import-preview";
import { programsFor } from "~/activities/programs.server";
import { readMultipart } from "~/activities/upload.server";
import { clientAddress } from "~/http/context";
import { format } from "~/i18n/define";
import { localeFromRequest } from "~/i18n/locale";
import { pageTitle } from "~/i18n/meta";
import { paper as strings } from "~/i18n/strings/paper";
import { useStrings } from "~/i18n/use-strings";
import { codeTaken, getCampaign } from "~/models/campaign.server";
import type { StaffUser } from "~/models/staff.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { paperQuestions } from "~/paper/paper-form.server";
import { MAX_WAVE_FILE_BYTES, decodeWaveFile } from "~/paper/wave-file.server";
import { parseWaveForm } from "~/paper/wave-form.server";
import { checkWaveFile, importWaveFile, type WaveCheck } from "~/paper/wave-import.server";
import { uniqueJoinCode } from "~/surveys/join-code.server";
import { currentSurvey, listSurveys } from "~/surveys/registry.server";

export const meta = pageTitle(strings, "pageImport");

const FIELDS = ["surveyKey", "programId", "title", "opensOn", "closesOn"] as const;
const FILE_PROBLEM_ID = "file-problem";

async function choices(staff: StaffUser, request: Request) {
  const locale = localeFromRequest(request);
  const [programs, surveys] = await Promise.all([programsFor(staff), listSurveys()]);
  return {
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
    surveys: surveys.map((s) => ({
      key: s.key,
      title: s.title[locale],
      questions: paperQuestions({ versionId: s.versionId, json: s.json }, locale).map((q) => ({
        name: q.name,
        title: q.title,
      })),
    })),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, { roles: PERMISSIONS["campaigns.manage"] });
  const from = Number(new URL(request.url).searchParams.get("from"));
  const source =
    Number.isSafeInteger(from) && from > 0 ? await getCampaign({ id: from, programIds: programScope(staff) }) : null;
  return {
    ...(await choices(staff, request)),
    defaults: source ? { surveyKey: source.surveyKey, programId: String(source.programId) } : null,
    today: todayInStockholm(),
  };
}

interface ActionResult {
  errors: Partial<Record<string, string>>;
  values: Record<string, string>;
  /** A problem with the file as a whole, already in the page's language. */
  fileProblem: string | null;
  check: WaveCheck | null;
  csv: string;
  fileName: string;
  ready: number;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, { roles: PERMISSIONS["campaigns.manage"] });
  const locale = localeFromRequest(request);
  const t = strings[locale];
  const reply = (status: number, part: Partial<ActionResult>) =>
    data<ActionResult>(
      { errors: {}, values: {}, fileProblem: null, check: null, csv: "", fileName: "", ready: 0, ...part },
      { status },
    );
  let form: FormData;
  try {
    // The file, and the same text again in the confirming step, plus the form's few fields.
    form = await readMultipart(request, MAX_WAVE_FILE_BYTES * 2 + 64 * 1024);
  } catch (error) {
    // readMultipart throws the shared error responses: say it on this page, where a smaller file can be chosen.
    const status = (error as { init?: { status?: number } } | null)?.init?.status;
    if (status === 413) return reply(413, { fileProblem: t.errFileTooLarge });
    if (status === 400) return reply(400, { fileProblem: t.errFileUnreadable });
    throw error;
  }
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? "").slice(0, 200)]));
  const allowed = await choices(staff, request);
  const today = todayInStockholm();
  const parsed = parseWaveForm(form, {
    surveyKeys: allowed.surveys.map((s) => s.key),
    programIds: allowed.programs.map((p) => p.id),
    today,
  });
  refuseLeftOutFields(parsed);

  let text: string;
  let fileName: string;
  if (form.get("intent") === "import") {
    text = String(form.get("csv") ?? "");
    fileName = String(form.get("fileName") ?? "").slice(0, 200);
    if (text.length > MAX_WAVE_FILE_BYTES) return reply(413, { values, fileProblem: t.errFileTooLarge });
  } else {
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0)
      return reply(422, { values, errors: parsed.ok ? {} : parsed.errors, fileProblem: t.errFileMissing });
    if (file.size > MAX_WAVE_FILE_BYTES) return reply(413, { values, fileProblem: t.errFileTooLarge });
    fileName = file.name.slice(0, 200);
    const decoded = decodeWaveFile(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok)
      return reply(422, { values, errors: parsed.ok ? {} : parsed.errors, fileProblem: t[decoded.problem] });
    text = decoded.text;
  }
  if (!parsed.ok) return reply(422, { values, errors: parsed.errors });
  const wave = parsed.value;
  const survey = await currentSurvey(wave.surveyKey);
  if (!survey) return reply(422, { values, errors: { surveyKey: "errSurvey" } });

  if (form.get("intent") !== "import") {
    const { check, responses } = await checkWaveFile({ text, survey, wave, locale });
    const status = check.duplicateOf ? 409 : check.fatal || check.problemCount > 0 ? 422 : 200;
    return reply(status, { values, check, csv: status === 200 ? text : "", fileName, ready: responses.length });
  }
  const code = await uniqueJoinCode((c) => codeTaken({ code: c }));
  const by = { actor: staff, ip: clientAddress(context) };
  const result = await importWaveFile({ text, fileName, survey, wave, code, locale, by });
  if (!result.ok) return reply(result.status, { values, check: result.check, fileName });
  return redirect(`/staff/campaigns/${result.campaignId}?importerade=${result.responses}`, 303);
}

export default function ImportWave() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useStrings(strings);
  const v = result?.values ?? {};
  const fallback = d.defaults ?? { surveyKey: "", programId: String(d.programs[0]?.id ?? "") };
  const field = fieldProps({ ...fallback, ...v }, errorText(t, result?.errors));
  const fieldErrors = Object.values(result?.errors ?? {}).some(Boolean);
  const busy = navigation.state === "submitting";
  return (
    <div className="page page--narrow wave-import">
      <h1>{t.importTitle}</h1>
      <p className="lead">{t.importLead}</p>
      <p>{t.importHowTo}</p>
      {d.surveys.map((s) => (
        <details key={s.key} className="wave-import__names">
          <summary>
            {t.importQuestionNames}: {s.title}
          </summary>
          <ul>
            {s.questions.map((q) => (
              <li key={q.name}>
                <code>{q.name}</code> – {q.title}
              </li>
            ))}
          </ul>
        </details>
      ))}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <FormAlert focus>{fieldErrors ? t.errForm : null}</FormAlert>
        <SelectField
          label={t.importSurvey}
          empty={t.importChooseSurvey}
          options={d.surveys.map((s) => ({ value: s.key, label: s.title }))}
          {...field("surveyKey")}
        />
        <SelectField label={t.importProgram} options={d.programs} {...field("programId")} />
        <Field label={t.importWaveTitle} hint={t.importWaveTitleHint} maxLength={200} {...field("title")} />
        <Field label={t.importOpensOn} type="date" max={d.today} {...field("opensOn")} />
        <Field label={t.importClosesOn} type="date" max={d.today} hint={t.importDatesHint} {...field("closesOn")} />
        <Field
          label={t.importFile}
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          errorIn={result?.fileProblem && FILE_PROBLEM_ID}
        />
        <FormAlert id={FILE_PROBLEM_ID} focus={!fieldErrors}>
          {result?.fileProblem ?? null}
        </FormAlert>
        <button type="submit" name="intent" value="check" className="button" disabled={busy}>
          {t.importCheck}
        </button>
      </Form>
      {result?.check ? <WaveImportPreview check={result.check} ready={result.ready} /> : null}
      {result?.check && result.ready > 0 && result.csv ? (
        <Form method="post" encType="multipart/form-data" className="actions">
          {Object.entries(v).map(([k, value]) => (
            <input key={k} type="hidden" name={k} value={value} />
          ))}
          <input type="hidden" name="csv" value={result.csv} />
          <input type="hidden" name="fileName" value={result.fileName} />
          <button type="submit" name="intent" value="import" className="button" disabled={busy}>
            {format(t.importConfirm, { n: result.ready })}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
