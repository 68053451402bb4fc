import type { Block, Part } from "../draft-types";
import type { DraftContext } from "../draft-context";
import { listText, periodText, weekdaysText } from "../swedish";

/**
 * 1. Sammanfattning: the period, what was done, the key figures in two or three sentences. Written last,
 * from the figures the other sections defined, so it never states a number they do not.
 */
export function summarySection(ctx: DraftContext): Block[] {
  const { input, book } = ctx;
  const has = (key: string) => key in book.figures;
  const programs = listText(input.programs.map((p) => p.name));
  const blocks: Block[] = [
    {
      t: "p",
      parts: [
        `Rapporten följer upp den öppna verksamheten för deltagare inom ${programs || "partnerskapet"} under perioden ${periodText(input.period.from, input.period.to)}.`,
      ],
    },
  ];
  const doing: Part[] = [];
  if (has("activities.held")) {
    const days = weekdaysText(ctx.agg.weekdays);
    doing.push(
      "Under perioden har ",
      book.ref("activities.held"),
      ` aktiviteter hållits${days ? ` ${days}` : ""}`,
      ...(has("visits.total") ? [" och verksamheten har haft ", book.ref("visits.total")] : []),
      ". ",
    );
  } else if (has("visits.total")) {
    doing.push("Verksamheten har haft ", book.ref("visits.total"), " under perioden. ");
  } else {
    doing.push("Under perioden registrerades ingen närvaro i den öppna verksamheten. ");
  }
  if (has("workshops.held")) {
    doing.push(book.ref("workshops.held", { cap: true }), " hölls");
    if (has("proposals.done"))
      doing.push(" och ", book.ref("proposals.done"), " från framtidsverkstäderna genomfördes");
    doing.push(".");
  } else {
    doing.push("Ingen framtidsverkstad hölls under perioden.");
  }
  blocks.push({ t: "p", parts: doing });
  if (has("survey.supportDaytime") && has("survey.supportLoneliness")) {
    blocks.push({
      t: "p",
      parts: [
        "I den senaste brukarenkäten uppgav ",
        book.ref("survey.supportDaytime"),
        " att de behövde mer stöd med något att göra på dagarna och ",
        book.ref("survey.supportLoneliness"),
        " att de behövde mer stöd utifrån ensamhet.",
      ],
    });
  }
  return blocks;
}

/** 2. Bakgrund: the coordinator's own text; this is only the first report's starting point. */
export function backgroundSection(): Block[] {
  return [
    {
      t: "p",
      parts: [
        "Socialnämnden ingår i ett idéburet offentligt partnerskap (IOP) med den ideella föreningen Street Minds avseende öppen verksamhet för deltagare inom Bostad Först. Syftet med partnerskapet är att tillhandahålla en öppen verksamhet som erbjuder ett flexibelt och tillräckligt omfattande stöd utifrån principerna om aktivt engagemang och deltagarstyrt stöd.",
      ],
    },
    {
      t: "p",
      parts: [
        "Verksamheten utgör ett komplement till det stöd deltagarna får från case managers och syftar till att motverka ensamhet, isolering och sysslolöshet. Beskriv här partnerskapets avtalsperiod och eventuella förändringar.",
      ],
    },
  ];
}

/** Ledning och samverkan: how the partnership's cooperation went (seed 002 asks for it); the coordinator's text. */
export function governanceSection(): Block[] {
  return [
    {
      t: "p",
      parts: [
        "Partnerskapet leds av en styrgrupp och operativa frågor sköts av en samverkansgrupp. Styrgruppen beslutar om strategiska frågor för partnerskapet medan samverkansgruppen möjliggör ett gemensamt erfarenhetsutbyte och sammanställer information om partnerskapets åtaganden. Beskriv här hur ofta grupperna har sammanträtt under perioden och hur samverkan har fungerat.",
      ],
    },
  ];
}
