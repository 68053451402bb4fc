import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Block, Draft, Part, ReportTable } from "./draft-types";
import { partText } from "./figure-book";
import { quoted } from "./plain-text";
import type { ResolvedSection } from "./resolve";
import { chartPng } from "./chart-png.server";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart-config";
import { dateText } from "./swedish";

const LANGUAGE = { value: "sv-SE" };
const A4 = { width: 11906, height: 16838 };
// Charts fill the text width of an A4 page with 2.5 cm margins (about 16 cm = 605 px at 96 dpi).
const CHART_PX_WIDTH = 600;
// The text width of A4 with 2.54 cm margins, in twentieths of a point: what table columns share.
const TEXT_WIDTH = 9026;

/**
 * Column widths: the label column gets what the number columns leave, at least a third. A number column holds a
 * bold head ("Synpunkter") and "färre än 5" on one line: at 1400 twips both broke mid-word in Word.
 */
function columnWidths(count: number): number[] {
  if (count <= 1) return [TEXT_WIDTH];
  const number = Math.min(1800, Math.floor((TEXT_WIDTH * 2) / 3 / (count - 1)));
  return [TEXT_WIDTH - number * (count - 1), ...Array.from({ length: count - 1 }, () => number)];
}

export interface DocxReport {
  title: string;
  from: string;
  to: string;
  programNames: string[];
  status: "draft" | "final";
  /** The date on the title page: when it was finalised, else today (Stockholm). */
  dated: string;
  draft: Draft;
  sections: ResolvedSection[];
}

function runs(parts: readonly Part[], draft: Draft): TextRun[] {
  return [new TextRun({ text: parts.map((p) => partText(p, draft.figures)).join("") })];
}

function cell(text: string, { bold = false, right = false }: { bold?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold })],
      }),
    ],
  });
}

function tableOf(table: ReportTable): (Paragraph | Table)[] {
  return [
    new Paragraph({
      text: `Tabell ${table.number}. ${table.caption}`,
      style: "Caption",
      keepNext: true,
    }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: columnWidths(table.columns.length),
      rows: [
        // Repeated at the top of every page the table runs onto.
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: table.columns.map((c, i) => cell(c, { bold: true, right: i > 0 })),
        }),
        ...table.rows.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              children: [
                cell(r.label, { bold: r.total }),
                ...r.cells.map((c) => cell(c, { bold: r.total, right: true })),
              ],
            }),
        ),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: table.source, italics: true, size: 18 })] }),
  ];
}

async function blockParagraphs(block: Block, draft: Draft): Promise<(Paragraph | Table)[]> {
  switch (block.t) {
    case "p":
      return [new Paragraph({ children: runs(block.parts, draft) })];
    case "list":
      return block.items.map((item) => new Paragraph({ children: runs(item, draft), bullet: { level: 0 } }));
    case "quote": {
      const lead = block.lead.map((p) => partText(p, draft.figures)).join("");
      const stop = /[.!?…]$/.test(block.text.trim()) ? "" : ".";
      return [new Paragraph({ children: [new TextRun(`${lead} ${quoted(block.text)}${stop}`)] })];
    }
    case "table": {
      const table = draft.tables[block.key];
      return table ? tableOf(table) : [];
    }
    case "chart": {
      const chart = draft.charts[block.key];
      if (!chart) return [];
      const png = await chartPng(chart);
      return [
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: "png",
              data: png,
              transformation: {
                width: CHART_PX_WIDTH,
                height: Math.round((CHART_PX_WIDTH * CHART_HEIGHT) / CHART_WIDTH),
              },
              altText: { name: `Diagram ${chart.number}`, title: chart.title, description: chart.alt },
            }),
          ],
        }),
        new Paragraph({ text: `Diagram ${chart.number}. ${chart.title}`, style: "Caption" }),
      ];
    }
  }
}

/** The list of figures at the end: each figure the text states, its definition, computation and selection. */
function figureList(report: DocxReport): (Paragraph | Table)[] {
  const seen = new Set<string>();
  const rows: TableRow[] = [];
  let n = 0;
  for (const s of report.sections) {
    for (const key of s.figureKeys) {
      if (seen.has(key)) continue;
      seen.add(key);
      const f = report.draft.figures[key];
      if (!f) continue;
      n += 1;
      const basis = [
        f.computation,
        f.filters === report.draft.scope ? null : f.filters,
        f.n !== null ? `underlag: ${f.n}` : null,
        f.suppressed ? "visas inte (färre än fem)" : null,
      ]
        .filter(Boolean)
        .join("; ");
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [cell(String(n), { right: true }), cell(f.text), cell(`${f.label} (${s.title})`), cell(basis)],
        }),
      );
    }
  }
  if (rows.length === 0) return [];
  return [
    new Paragraph({ text: "Siffrornas källor", heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    new Paragraph(
      `Varje siffra i rapportens text, hur den är beräknad och vilket urval den bygger på. Om inget annat anges avser siffrorna ${report.draft.scope}.`,
    ),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [600, 1900, 3400, TEXT_WIDTH - 600 - 1900 - 3400],
      rows: [
        new TableRow({
          tableHeader: true,
          children: [
            cell("Nr", { bold: true }),
            cell("Siffra", { bold: true }),
            cell("Definition", { bold: true }),
            cell("Beräkning och urval", { bold: true }),
          ],
        }),
        ...rows,
      ],
    }),
  ];
}

/** The report as a Word document: title page, sections as Heading 1, tables, charts, page numbers, sources. */
export async function reportDocx(report: DocxReport): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [];
  for (const s of report.sections) {
    body.push(new Paragraph({ text: s.title, heading: HeadingLevel.HEADING_1 }));
    for (const b of s.blocks) body.push(...(await blockParagraphs(b, report.draft)));
  }
  body.push(...figureList(report));

  const titlePage = [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE, spacing: { before: 3000, after: 400 } }),
    new Paragraph({
      children: [
        new TextRun({ text: `Uppföljning av perioden ${dateText(report.from)} till ${dateText(report.to)}`, size: 28 }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: report.programNames.join(", "), size: 24 })] }),
    new Paragraph({
      spacing: { before: 600 },
      children: [
        new TextRun({
          text: report.status === "final" ? `Fastställd ${dateText(report.dated)}` : `Utkast ${dateText(report.dated)}`,
          size: 24,
        }),
      ],
    }),
  ];

  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["Sida ", PageNumber.CURRENT, " av ", PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });

  const doc = new Document({
    creator: "Deltagarröst",
    title: report.title,
    description: `Uppföljning ${dateText(report.from)} – ${dateText(report.to)}`,
    styles: {
      default: {
        document: { run: { font: "Calibri", size: 22, language: LANGUAGE }, paragraph: { spacing: { after: 120 } } },
        heading1: {
          run: { font: "Calibri", size: 32, bold: true, color: "0B5C55", language: LANGUAGE },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
        heading2: {
          run: { font: "Calibri", size: 26, bold: true, language: LANGUAGE },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
        title: { run: { font: "Calibri", size: 48, bold: true, language: LANGUAGE } },
      },
      paragraphStyles: [
        {
          id: "Caption",
          name: "Caption",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { size: 20, bold: true, language: LANGUAGE },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
      ],
    },
    sections: [
      { properties: { page: { size: A4 } }, children: titlePage },
      {
        properties: { page: { size: A4, pageNumbers: { start: 2 } } },
        footers: { default: footer },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
