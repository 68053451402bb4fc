import { isHidden } from "~/privacy/small-counts";
import type { Block, Part } from "../draft-types";
import { T, type DraftContext } from "../draft-context";
import { countNoun, listText } from "../swedish";
import { proposalFacts, statusOn } from "./workshops";

/** How each quote is introduced, in turn, so that no two follow each other with the same words. */
const QUOTE_LEADS = [
  "En deltagare har exempelvis beskrivit att",
  "En annan deltagare har uttryckt att",
  "En deltagare har också sagt att",
  "En annan berättar att",
  "Ytterligare en deltagare säger att",
];

/** The first two leads open the quotes; the rest take turns after them. */
const quoteLead = (i: number) => QUOTE_LEADS[i < 2 ? i : 2 + ((i - 2) % (QUOTE_LEADS.length - 2))];

export const QUOTES_MIN = 2;
export const QUOTES_MAX = 4;

/** Main themes (not the barriers, which are told apart), largest first. */
function mainThemes(ctx: DraftContext) {
  return ctx.input.themes
    .filter((t) => t.parent === null && t.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "sv"));
}

/** The figure "Under perioden kom N synpunkter in": protected with the rest of the report. */
const FEEDBACK_TOTAL = "feedback.total";

/** Where the period's views came from (the channels the report names). */
function feedbackSources(ctx: DraftContext) {
  return ctx.input.feedbackSources.filter((s) => s.count > 0 && SOURCE_WORDS[s.source]);
}

/** Registers the section's counts in the report's one publication: the themes table and the number of views. */
export function registerThemeTable(ctx: DraftContext): void {
  const themes = mainThemes(ctx);
  ctx.pub.table({
    id: T.themes,
    rows: themes.map((t) => `theme:${t.name}`),
    columns: ["feedback"],
    cells: themes.map((t) => [t.count]),
  });
  ctx.pub.figure(
    FEEDBACK_TOTAL,
    feedbackSources(ctx).reduce((n, s) => n + s.count, 0),
  );
}

/** The ids of the quotes the report prints: the coordinator's choice, else the first ones of the period. */
export function chosenQuoteIdsOf(quotes: readonly { id: number }[], chosen: number[] | null): number[] {
  if (chosen === null) return quotes.slice(0, QUOTES_MAX).map((q) => q.id);
  return chosen.filter((id) => quotes.some((q) => q.id === id)).slice(0, QUOTES_MAX);
}

function chosenQuotes(ctx: DraftContext) {
  const { quotes, chosenQuoteIds } = ctx.input;
  return chosenQuoteIdsOf(quotes, chosenQuoteIds).map((id) => quotes.find((q) => q.id === id)!);
}

const SOURCE_WORDS: Record<string, string> = {
  workshop: "framtidsverkstäderna",
  survey: "enkäterna",
  form: "formuläret Tyck till",
  staff: "personalens anteckningar från samtal",
};

/** 7. Deltagares synpunkter: where views came from, the main themes, quotes, the barriers named. */
export function viewsSection(ctx: DraftContext): Block[] {
  const blocks: Block[] = [];
  const sources = feedbackSources(ctx);
  const themes = mainThemes(ctx);
  if (sources.length === 0 && ctx.input.quotes.length === 0) {
    blocks.push({ t: "p", parts: ["Under perioden kom inga synpunkter från deltagarna in via appen."] });
  } else if (sources.length > 0) {
    const total = ctx.pub.cell(FEEDBACK_TOTAL);
    const count = ctx.countFigure(FEEDBACK_TOTAL, total, {
      label: "Synpunkter som kom in under perioden (alla kanaler)",
      computation: "synpunkter: inkomna i perioden",
      n: total.value,
    });
    blocks.push({
      t: "p",
      parts: [
        "Deltagarnas tankar om och synpunkter på den öppna verksamheten har dokumenterats via ",
        listText(sources.map((s) => SOURCE_WORDS[s.source])),
        ". Under perioden kom ",
        count,
        total.status === "shown" && total.value === 1 ? " synpunkt in." : " synpunkter in.",
      ],
    });
  }
  if (themes.length > 0) {
    const table = ctx.pub.get(T.themes);
    const top = themes.slice(0, 3).map((t, i) => {
      const cell = table.rows[i][0];
      return [
        `${t.name} (`,
        ctx.countFigure(`themes.${i}`, cell, {
          label: `Synpunkter med temat ”${t.name}”`,
          computation: "synpunkter: per tema (en synpunkt kan ha flera teman)",
          unit: "synpunkter",
        }),
        ")",
      ] as Part[];
    });
    const parts: Part[] = ["De vanligaste temana i synpunkterna var "];
    top.forEach((t, i) => {
      if (i > 0) parts.push(i === top.length - 1 ? " och " : ", ");
      parts.push(...t);
    });
    parts.push(".");
    blocks.push({ t: "p", parts });
  }
  const quotes = chosenQuotes(ctx);
  quotes.forEach((q, i) => {
    blocks.push({ t: "quote", lead: [quoteLead(i)], text: q.text });
  });
  const barriers = ctx.input.themes.filter((t) => t.parent === "hinder" && t.count > 0).map((t) => t.name);
  if (barriers.length > 0) {
    blocks.push({
      t: "p",
      parts: [`Vad gäller hinder för att delta i aktiviteter uppges sådant som ${listText(barriers, "samt")}.`],
    });
  }
  return blocks;
}

/** 8. Utvecklingsområden: a starting point the coordinator rewrites. */
export function developmentSection(ctx: DraftContext): Block[] {
  const blocks: Block[] = [];
  const { open } = proposalFacts(ctx.input);
  const to = ctx.input.period.to;
  if (open.length > 0) {
    ctx.figure({
      key: "proposals.open",
      label: "Förslag som inte var genomförda vid periodens slut (föreslagna, planerade eller pågående)",
      computation: "förslag: status vid periodens slut",
      n: ctx.input.proposals.length,
      value: open.length,
      text: countNoun(open.length, "förslag", "förslag", "neuter"),
    });
    blocks.push({
      t: "p",
      parts: [
        { f: "proposals.open", cap: true },
        ` från framtidsverkstäderna är ännu inte ${open.length === 1 ? "genomfört" : "genomförda"}:`,
      ],
    });
    const words = { foreslagen: "föreslaget", planerad: "planerat", pagar: "pågår" } as const;
    blocks.push({
      t: "list",
      items: open.map((p) => {
        const s = statusOn(p, to) as keyof typeof words;
        return [`${p.title} (${words[s]})`];
      }),
    });
  } else {
    blocks.push({ t: "p", parts: ["Det finns inga förslag från framtidsverkstäderna som väntar på att genomföras."] });
  }
  const themes = mainThemes(ctx).slice(0, 2);
  if (themes.length > 0) {
    const table = ctx.pub.get(T.themes);
    const named = themes.filter((_, i) => !isHidden(table.rows[i][0])).map((t) => `”${t.name}”`);
    if (named.length > 0)
      blocks.push({
        t: "p",
        parts: [
          `De största temana i deltagarnas synpunkter, ${listText(named)}, kan vara en utgångspunkt för det fortsatta arbetet.`,
        ],
      });
  }
  return blocks;
}
