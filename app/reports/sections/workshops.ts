import type { ProposalStatus } from "~/workshops/rules";
import type { Block, Part } from "../draft-types";
import type { DraftContext } from "../draft-context";
import type { ReportInput } from "../report-input";
import { countNoun, countWord, dateText, listText, monthText, periodName } from "../swedish";

type Proposal = ReportInput["proposals"][number];

/** A proposal's status on a given day: its last change on or before it. */
export function statusOn(p: Proposal, day: string): ProposalStatus | null {
  let status: ProposalStatus | null = null;
  for (const c of p.changes) if (c.on <= day) status = c.status;
  return status;
}

function changedTo(p: Proposal, status: ProposalStatus, from: string, to: string) {
  return [...p.changes].reverse().find((c) => c.status === status && c.on >= from && c.on <= to) ?? null;
}

/** The proposals the period's figures speak of. */
export function proposalFacts(input: ReportInput) {
  const { from, to } = input.period;
  const made = input.proposals.filter((p) => p.createdOn >= from && p.createdOn <= to);
  const done = input.proposals.filter(
    (p) => changedTo(p, "genomford", from, to) !== null && statusOn(p, to) === "genomford",
  );
  const ongoing = input.proposals.filter((p) => {
    const s = statusOn(p, to);
    return s === "planerad" || s === "pagar";
  });
  const notFeasible = input.proposals
    .map((p) => ({ p, change: changedTo(p, "ej_genomforbar", from, to) }))
    .filter((x) => x.change !== null && statusOn(x.p, to) === "ej_genomforbar");
  const open = input.proposals.filter((p) => {
    const s = statusOn(p, to);
    return s === "foreslagen" || s === "planerad" || s === "pagar";
  });
  return { made, done, ongoing, notFeasible, open };
}

/** Framtidsverkstad occasions in the attendance register (a workshop held without the app still had participants). */
function workshopOccasions(ctx: DraftContext) {
  return ctx.agg.specials.filter((s) => /framtidsverkstad/i.test(s.name));
}

/** 5. Framtidsverkstad: sessions, ideas and votes, proposals and what became of them, follow-ups. */
export function workshopsSection(ctx: DraftContext): Block[] {
  const { input } = ctx;
  const { from, to } = input.period;
  const when = periodName(from, to);
  const inPeriod = input.workshops.filter((w) => w.heldOn >= from && w.heldOn <= to);
  const blocks: Block[] = [];
  const facts = proposalFacts(input);

  const occasions = workshopOccasions(ctx);
  if (inPeriod.length === 0 && occasions.length > 0) {
    // Held, but run on paper: the attendance register knows of it, the workshop module does not.
    const held = ctx.figure({
      key: "workshops.held",
      label: "Framtidsverkstäder som hölls under perioden, enligt närvaroregistreringen (särskilda tillfällen)",
      computation: "närvaro: särskilda tillfällen med namnet Framtidsverkstad",
      n: occasions.length,
      value: occasions.length,
      text: countNoun(occasions.length, "framtidsverkstad", "framtidsverkstäder"),
    });
    const dates = occasions.map((o) => `den ${dateText(o.date)}`);
    blocks.push({
      t: "p",
      parts: [
        "Under perioden hölls ",
        held,
        occasions.length === 1 ? `, ${dates[0]}. ` : `: ${listText(dates)}. `,
        occasions.length === 1
          ? "Det som kom fram där registrerades inte digitalt och redovisas därför inte här."
          : "Det som kom fram vid dem registrerades inte digitalt och redovisas därför inte här.",
      ],
    });
  } else if (inPeriod.length === 0) {
    blocks.push({ t: "p", parts: ["Under perioden hölls ingen framtidsverkstad."] });
  } else {
    const held = ctx.figure({
      key: "workshops.held",
      label: "Framtidsverkstäder som hölls under perioden",
      computation: "framtidsverkstäder: sessioner med datum i perioden",
      n: inPeriod.length,
      value: inPeriod.length,
      text: countNoun(inPeriod.length, "framtidsverkstad", "framtidsverkstäder"),
    });
    const dates = inPeriod.map((w) => `den ${dateText(w.heldOn)}`);
    blocks.push({
      t: "p",
      parts: ["Under perioden hölls ", held, inPeriod.length === 1 ? `, ${dates[0]}.` : `: ${listText(dates)}.`],
    });
    const ideas = inPeriod.reduce((n, w) => n + w.ideas, 0);
    const votes = inPeriod.reduce((n, w) => n + w.votes, 0);
    if (ideas > 0) {
      const ideasPart = ctx.figure({
        key: "workshops.ideas",
        label:
          "Idéer och synpunkter som deltagarna skrev vid periodens framtidsverkstäder (dolda lappar ej medräknade)",
        computation: "framtidsverkstäder: lappar per session",
        n: inPeriod.length,
        value: ideas,
        text: countNoun(ideas, "idé eller synpunkt", "idéer och synpunkter"),
      });
      const parts: Part[] = ["Deltagarna skrev sammanlagt ", ideasPart];
      if (votes > 0) {
        parts.push(
          " och lade ",
          ctx.figure({
            key: "workshops.votes",
            label: "Röster (prickar) som lades vid periodens framtidsverkstäder",
            computation: "framtidsverkstäder: röster per omröstning",
            n: inPeriod.length,
            value: votes,
            text: countNoun(votes, "röst", "röster"),
          }),
          " på dem",
        );
      }
      parts.push(".");
      blocks.push({ t: "p", parts });
    }
  }

  // Earlier sessions followed up in the period, grouped by the session followed up.
  const followed = new Map<number, number>();
  for (const w of inPeriod)
    for (const id of w.followsIds) {
      const earlier = input.workshops.find((x) => x.id === id);
      if (earlier && earlier.heldOn < from) followed.set(id, (followed.get(id) ?? 0) + 1);
    }
  const first = input.workshops[0];
  for (const [id, times] of followed) {
    const earlier = input.workshops.find((x) => x.id === id)!;
    const fromIt = input.proposals.filter((p) => p.workshopId === id);
    const doneSoFar = fromIt.filter((p) => statusOn(p, to) === "genomford").length;
    // Only the first session can be named by its place in the series; any other is introduced as a new one, so
    // that the next sentence's "Framtidsverkstaden" points back at it and not at the session just described.
    const ordinal = first && first.id === id ? "Den första framtidsverkstaden" : "En senare framtidsverkstad";
    const parts: Part[] = [`${ordinal} ägde rum i ${monthText(earlier.heldOn)}`];
    if (fromIt.length > 0) {
      parts.push(
        " och resulterade i ",
        ctx.figure({
          key: `workshops.${id}.proposals`,
          label: `Förslag från framtidsverkstaden ${dateText(earlier.heldOn)}`,
          computation: "förslag: per framtidsverkstad",
          n: fromIt.length,
          value: fromIt.length,
          text: countNoun(fromIt.length, "förslag", "förslag", "neuter"),
        }),
      );
      if (doneSoFar > 0)
        parts.push(
          ", varav ",
          ctx.figure({
            key: `workshops.${id}.done`,
            label: `Förslag från framtidsverkstaden ${dateText(earlier.heldOn)} som var genomförda vid periodens slut`,
            computation: "förslag: status vid periodens slut",
            n: fromIt.length,
            value: doneSoFar,
            text: countWord(doneSoFar, "neuter"),
          }),
          " har förverkligats",
        );
    }
    parts.push(". ");
    parts.push(
      `Framtidsverkstaden och de idéer som framkom vid ${first && first.id === id ? "första tillfället" : "det tillfället"} har följts upp vid `,
      ctx.figure({
        key: `workshops.${id}.followups`,
        label: `Tillfällen under perioden som följde upp framtidsverkstaden ${dateText(earlier.heldOn)}`,
        computation: "framtidsverkstäder: uppföljningar av tidigare sessioner",
        n: times,
        value: times,
        text: countNoun(times, "tillfälle", "tillfällen", "neuter"),
      }),
      ` under ${when}.`,
    );
    blocks.push({ t: "p", parts });
  }

  const proposalParts = proposalSentences(ctx, facts);
  if (proposalParts.length > 0) blocks.push({ t: "p", parts: proposalParts });
  if (facts.notFeasible.length > 0) {
    blocks.push({
      t: "list",
      items: facts.notFeasible.map(({ p, change }) => [
        `${p.title}${change?.comment ? `: ${change.comment}` : " (inget skäl angivet)"}`,
      ]),
    });
  }
  return blocks;
}

function proposalSentences(ctx: DraftContext, facts: ReturnType<typeof proposalFacts>): Part[] {
  const parts: Part[] = [];
  const fig = (key: string, label: string, list: unknown[], computation: string) =>
    ctx.figure({
      key,
      label,
      computation,
      n: ctx.input.proposals.length,
      value: list.length,
      text: countNoun(list.length, "förslag", "förslag", "neuter"),
    });
  if (facts.made.length > 0) {
    fig("proposals.made", "Förslag som togs fram under perioden", facts.made, "förslag: skapade i perioden");
    parts.push({ f: "proposals.made", cap: true }, " togs fram under perioden. ");
  }
  if (facts.done.length > 0) {
    fig("proposals.done", "Förslag som genomfördes under perioden", facts.done, "förslag: status genomförd i perioden");
    const examples = facts.done.slice(0, 3).map((p) => `”${p.title}”`);
    parts.push(
      { f: "proposals.done", cap: true },
      ` har genomförts under perioden${facts.done.length > 3 ? ", bland annat" : ":"} ${listText(examples)}. `,
    );
  } else if (ctx.input.proposals.length > 0) {
    parts.push("Inget förslag har genomförts under perioden. ");
  }
  if (facts.ongoing.length > 0) {
    fig(
      "proposals.ongoing",
      "Förslag som är planerade eller pågår vid periodens slut",
      facts.ongoing,
      "förslag: status vid periodens slut",
    );
    parts.push(
      { f: "proposals.ongoing", cap: true },
      facts.ongoing.length === 1 ? " är planerat eller pågår. " : " är planerade eller pågår. ",
    );
  }
  if (facts.notFeasible.length > 0) {
    fig(
      "proposals.notFeasible",
      "Förslag som under perioden bedömdes inte vara genomförbara",
      facts.notFeasible,
      "förslag: status ej genomförbart i perioden",
    );
    parts.push({ f: "proposals.notFeasible", cap: true }, " har bedömts inte vara genomförbara, med följande skäl:");
  }
  return trimEnd(parts);
}

function trimEnd(parts: Part[]): Part[] {
  const last = parts[parts.length - 1];
  if (typeof last === "string") parts[parts.length - 1] = last.trimEnd();
  return parts;
}
