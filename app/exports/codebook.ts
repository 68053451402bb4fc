import { writeCsv } from "~/privacy/csv";
import type { ExportVariable, Text2 } from "./variables";

/**
 * The files that describe a research export's data: the codebook (CSV and HTML), scripts that read data.csv
 * into R and SPSS with variable and value labels (as REDCap ships them), and LÄS_MIG.txt. Pure text builders.
 */

export interface Treatment {
  /** Cells set to missing for k-anonymity, per variable name. */
  suppressed: Record<string, number>;
}

const TYPE_LABELS: Record<ExportVariable["type"], Text2> = {
  id: { sv: "pseudonym (text)", en: "pseudonym (text)" },
  category: { sv: "kategori (kod)", en: "category (code)" },
  flag: { sv: "0/1", en: "0/1" },
  number: { sv: "tal", en: "number" },
  month: { sv: "månad (ÅÅÅÅ-MM)", en: "month (YYYY-MM)" },
  text: { sv: "fritext (maskerad)", en: "free text (redacted)" },
};

function valueLabelText(v: ExportVariable, locale: "sv" | "en"): string {
  return v.valueLabels.map((l) => `${l.code}=${l.label[locale]}`).join(" | ");
}

function treatmentText(v: ExportVariable, t: Treatment, locale: "sv" | "en"): string {
  const parts: string[] = [];
  const n = t.suppressed[v.name] ?? 0;
  if (v.name === "month")
    parts.push(
      locale === "sv" ? "generaliserad: exakt tid kapad till månad" : "generalised: exact time cut to the month",
    );
  if (v.name === "response" || v.name === "participant")
    parts.push(locale === "sv" ? "pseudonym slumpad för denna export" : "pseudonym random to this export");
  if (v.redacted)
    parts.push(
      locale === "sv"
        ? 'maskerad: personnummer, telefon, e-post och namn ersatta med [hakparentes]; radbrytning skriven som " / "'
        : 'redacted: identity numbers, phone numbers, e-mail addresses and names replaced by [brackets]; line breaks written as " / "',
    );
  if (v.quasiIdentifier)
    parts.push(
      locale === "sv"
        ? `kvasi-identifierare: ${n} celler dolda för k-anonymitet`
        : `quasi-identifier: ${n} cells suppressed for k-anonymity`,
    );
  return parts.join("; ");
}

export const CODEBOOK_HEADER = [
  "variable",
  "question",
  "label_sv",
  "label_en",
  "type",
  "values_sv",
  "values_en",
  "outcome",
  "missing_sv",
  "missing_en",
  "quasi_identifier",
  "suppressed_cells",
  "treatment_sv",
  "treatment_en",
];

export function codebookCsv(variables: ExportVariable[], t: Treatment): string {
  return writeCsv(
    variables.map((v) => [
      v.name,
      v.question ?? "",
      v.label.sv,
      v.label.en,
      TYPE_LABELS[v.type].en,
      valueLabelText(v, "sv"),
      valueLabelText(v, "en"),
      v.outcome ?? "",
      v.missing.sv,
      v.missing.en,
      v.quasiIdentifier ? 1 : 0,
      t.suppressed[v.name] ?? 0,
      treatmentText(v, t, "sv"),
      treatmentText(v, t, "en"),
    ]),
    { dialect: "comma", header: CODEBOOK_HEADER },
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function codebookHtml(
  variables: ExportVariable[],
  t: Treatment,
  meta: { title: string; k: number; rows: number },
): string {
  const rows = variables
    .map(
      (v) => `<tr>
<th scope="row"><code>${escapeHtml(v.name)}</code></th>
<td lang="sv">${escapeHtml(v.label.sv)}</td>
<td lang="en">${escapeHtml(v.label.en)}</td>
<td>${escapeHtml(TYPE_LABELS[v.type].sv)}</td>
<td>${v.valueLabels.map((l) => `${l.code} = ${escapeHtml(l.label.sv)}`).join("<br>")}</td>
<td>${escapeHtml(v.outcome ?? "")}</td>
<td>${escapeHtml(v.missing.sv)}</td>
<td>${escapeHtml(treatmentText(v, t, "sv"))}</td>
</tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Kodbok – ${escapeHtml(meta.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eee; }
</style>
</head>
<body>
<h1>Kodbok: ${escapeHtml(meta.title)}</h1>
<p>${meta.rows} svar. Varje kombination av kvasi-identifierare förekommer minst ${meta.k} gånger inom varje enkätomgång. Tom cell betyder saknat värde.</p>
<table>
<thead><tr><th scope="col">Variabel</th><th scope="col">Fråga (sv)</th><th scope="col">Question (en)</th><th scope="col">Typ</th><th scope="col">Värden</th><th scope="col">Utfallsmått</th><th scope="col">Tom cell betyder</th><th scope="col">Behandling</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

/** A string literal for R. */
function r(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, " ")}"`;
}

export function importR(variables: ExportVariable[]): string {
  const lines: string[] = [
    '# Läser data.csv med variabel- och värdeetiketter (svenska). Kör i samma mapp: source("import.R")',
    '# Reads data.csv with variable and value labels (Swedish). Run in the same folder: source("import.R")',
    "# Bara bas-R behövs. Only base R is needed.",
    "",
    "data <- read.csv(",
    '  "data.csv",',
    '  fileEncoding = "UTF-8-BOM",',
    '  na.strings = "",',
    "  stringsAsFactors = FALSE,",
    "  check.names = FALSE,",
    `  colClasses = c(${variables.map((v) => `${r(v.name)} = ${r(colClass(v))}`).join(", ")})`,
    ")",
    "",
  ];
  for (const v of variables) {
    if (v.type === "category" || (v.type === "flag" && v.valueLabels.length > 0)) {
      const codes = v.valueLabels.map((l) => String(l.code)).join(", ");
      const labels = v.valueLabels.map((l) => r(l.label.sv)).join(", ");
      lines.push(`data[[${r(v.name)}]] <- factor(data[[${r(v.name)}]], levels = c(${codes}), labels = c(${labels}))`);
    }
    lines.push(`attr(data[[${r(v.name)}]], "label") <- ${r(v.label.sv)}`);
  }
  lines.push("", "invisible(data)", "");
  return lines.join("\n");
}

function colClass(v: ExportVariable): string {
  if (v.type === "category" || v.type === "flag") return "integer";
  if (v.type === "number") return "numeric";
  return "character";
}

/** A string literal for SPSS syntax. */
function sps(text: string): string {
  return `'${text.replace(/'/g, "''").replace(/\r?\n/g, " ")}'`;
}

export function importSps(variables: ExportVariable[]): string {
  const format = (v: ExportVariable) => {
    if (v.type === "category" || v.type === "flag") return "F8.0";
    if (v.type === "number") return "F8.2";
    if (v.type === "text") return "A4000";
    return "A32";
  };
  const out: string[] = [
    "* Läser data.csv med variabel- och värdeetiketter. Ändra sökvägen i FILE om filen ligger någon annanstans.",
    "* Reads data.csv with variable and value labels. Change the path in FILE if the file is elsewhere.",
    "* SPSS 21 och senare läser i Unicode-läge; ENCODING nedan säger att filen är UTF-8.",
    "* SPSS 21 and later read in Unicode mode; ENCODING below says the file is UTF-8.",
    "GET DATA",
    "  /TYPE=TXT",
    "  /FILE='data.csv'",
    "  /ENCODING='UTF8'",
    "  /DELCASE=LINE",
    "  /DELIMITERS=','",
    "  /QUALIFIER='\"'",
    "  /ARRANGEMENT=DELIMITED",
    "  /FIRSTCASE=2",
    "  /VARIABLES=",
    ...variables.map((v) => `    ${v.name} ${format(v)}`),
    ".",
    "VARIABLE LABELS",
    variables.map((v) => `  ${v.name} ${sps(v.label.sv)}`).join("\n  /") + ".",
  ];
  const labelled = variables.filter((v) => v.valueLabels.length > 0 && v.type !== "text" && v.type !== "id");
  if (labelled.length > 0) {
    out.push("VALUE LABELS");
    out.push(
      labelled
        .map((v) => `  ${v.name}\n${v.valueLabels.map((l) => `    ${l.code} ${sps(l.label.sv)}`).join("\n")}`)
        .join("\n  /") + ".",
    );
  }
  out.push("EXECUTE.", "");
  return out.join("\n");
}

export function readme({
  title,
  k,
  rows,
  freeText,
  droppedRows,
}: {
  title: string;
  k: number;
  rows: number;
  freeText: boolean;
  droppedRows: number;
}): string {
  const lines = [
    `Forskningsexport från Deltagarröst: ${title}`,
    "",
    `Exporten har ${rows} svar, ett per rad. Ingen kan identifieras med namn, personnummer eller databasens id.`,
    "",
    "Filerna",
    "- data.csv: svaren, kommaseparerade, UTF-8. För R, SPSS, Stata och Python.",
    "- data_sv.csv: samma svar för svenska Excel (semikolon och decimalkomma). Dubbelklicka för att öppna.",
    "- codebook.csv och codebook.html: kodbok. Vad varje variabel betyder, koderna och vad en tom cell betyder.",
    '- import.R: läser data.csv i R med etiketter. Skriv source("import.R") i samma mapp.',
    "- import.sps: läser data.csv i SPSS med etiketter. Öppna och kör i samma mapp.",
    "- manifest.json: vem som skapade exporten och när, filtren, antal rader och kolumner, och en",
    "  kontrollsumma (SHA-256) för varje fil. Med den kan du se att ingen fil har ändrats.",
    "",
    "Så skyddas deltagarna",
    "- Varje svar har en slumpad pseudonym. Deltagarkoder är utbytta mot pseudonymer som bara gäller i",
    "  den här exporten: samma person känns igen mellan omgångar i filen, men två exporter kan inte kopplas ihop.",
    "- Tider är kapade till månad. Exakt tid, språk och enhet finns inte med.",
    `- k-anonymitet med k = ${k}: varje kombination av kön, program och andra frågor som tillsammans kan peka ut`,
    `  någon förekommer minst ${k} gånger inom varje enkätomgång. Där det inte gick är några celler tomma.`,
    "  Kodboken och manifest.json visar hur många celler som tömdes per variabel.",
    droppedRows > 0
      ? `- ${droppedRows} svar kunde inte skyddas (för få svar i sin omgång) och är inte med.`
      : "- Inga svar behövde lämnas utanför.",
    freeText
      ? "- Fritext är med, maskerad: personnummer, telefonnummer, e-post och kända namn är utbytta mot [hakparentes]. Läs ändå med omsorg."
      : "- Fritext är inte med.",
    "- En cell som börjar med = + - @ eller tabb har fått en apostrof först, så att Excel inte kör den som formel.",
    "",
    "Förvara filerna skyddat och radera dem när projektet är klart. Dela dem inte vidare.",
    "",
  ];
  return lines.join("\r\n");
}
