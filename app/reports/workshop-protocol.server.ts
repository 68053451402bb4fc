import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { isSmallCount } from "~/privacy/small-counts";
import type { Workshop } from "~/models/workshop.server";
import { listNotes, listThemes, type WorkshopNote, type WorkshopTheme } from "~/models/workshop-note.server";
import { countParticipants } from "~/models/workshop-participant.server";
import { countVoters, listVotings, votingResults } from "~/models/workshop-vote.server";
import { listProposals } from "~/models/proposal.server";
import { redactionNames } from "~/models/redaction-name.server";
import { redact } from "~/privacy/redact";
import { workshopStaff } from "~/i18n/strings/workshops";
import type { Locale } from "~/i18n/locale";
import { format } from "~/i18n/define";
import type { ProposalStatus, VotingTarget, WritingPhase } from "~/workshops/rules";

export interface ProtocolGroup {
  title: string | null;
  notes: string[];
}

export interface Protocol {
  title: string;
  heldOn: string;
  place: string;
  /** Null where the small-count rule hides it: small counts are not printed. */
  participants: number | null;
  critique: ProtocolGroup[];
  visions: ProtocolGroup[];
  realisation: ProtocolGroup[];
  votings: { target: VotingTarget; dots: number; voters: number | null; items: { text: string; dots: number }[] }[];
  actionPlan: {
    title: string;
    what: string;
    who: string;
    dueOn: string | null;
    status: ProposalStatus;
    comment: string;
  }[];
}

type Mask = (text: string) => string;

function grouped(notes: WorkshopNote[], themes: WorkshopTheme[], phase: WritingPhase, mask: Mask): ProtocolGroup[] {
  const inPhase = notes.filter((n) => n.phase === phase && !n.hidden && !n.held);
  const phaseThemes = themes.filter((t) => t.phase === phase);
  const groups: ProtocolGroup[] = phaseThemes.map((t) => ({
    title: mask(t.title),
    notes: inPhase.filter((n) => n.themeId === t.id).map((n) => mask(n.text)),
  }));
  const loose = inPhase.filter((n) => n.themeId === null || !phaseThemes.some((t) => t.id === n.themeId));
  if (loose.length > 0) groups.push({ title: null, notes: loose.map((n) => mask(n.text)) });
  return groups;
}

/** The count, or null where the small-count rule hides it (app/privacy/small-counts.ts). */
const shownCount = (n: number) => (isSmallCount(n) ? null : n);

/**
 * What the session produced, without participant names and without hidden notes. Participants wrote the
 * notes, and themes and proposals are built from them, so every text is masked: identity numbers, phone
 * numbers, e-mail addresses and the names on the staff's list never reach the page or the DOCX.
 */
export async function buildProtocol(workshop: Workshop): Promise<Protocol> {
  const [notes, themes, votings, proposals, participants, names] = await Promise.all([
    listNotes({ workshopId: workshop.id }),
    listThemes({ workshopId: workshop.id }),
    listVotings({ workshopId: workshop.id }),
    listProposals({ workshopIds: [workshop.id] }),
    countParticipants({ workshopId: workshop.id }),
    redactionNames(),
  ]);
  const mask: Mask = (text) => redact(text, { names }).text;
  return {
    title: workshop.title,
    heldOn: workshop.heldOn,
    place: workshop.place,
    participants: shownCount(participants),
    critique: grouped(notes, themes, "kritik", mask),
    visions: grouped(notes, themes, "fantasi", mask),
    realisation: grouped(notes, themes, "forverkligande", mask),
    votings: await Promise.all(
      votings.map(async (v) => ({
        target: v.target,
        dots: v.dots,
        voters: shownCount(await countVoters({ votingId: v.id })),
        items: (await votingResults({ voting: v }))
          .filter((i) => i.dots > 0)
          .map((i) => ({ text: mask(i.text), dots: i.dots })),
      })),
    ),
    // Proposals start as a copy of a note, so their texts are masked too.
    actionPlan: proposals.map((p) => ({
      title: mask(p.title),
      what: mask(p.what),
      who: mask(p.who),
      dueOn: p.dueOn,
      status: p.status,
      comment: mask(p.latestComment),
    })),
  };
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

function groupParagraphs(groups: ProtocolGroup[], other: string, none: string): Paragraph[] {
  if (groups.every((g) => g.notes.length === 0)) return [new Paragraph(none)];
  return groups.flatMap((g) => [
    new Paragraph({ text: g.title ?? other, heading: HeadingLevel.HEADING_3 }),
    ...g.notes.map((n) => new Paragraph({ text: n, bullet: { level: 0 } })),
  ]);
}

/** The protocol as a Word document (DOCX), for the minutes and the follow-up report. */
export async function protocolDocx(protocol: Protocol, locale: Locale = "sv"): Promise<Buffer> {
  const t = workshopStaff[locale];
  const participants = protocol.participants === null ? t.fewerThanFive : String(protocol.participants);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: format(t.protocolTitle, { title: protocol.title }), heading: HeadingLevel.TITLE }),
    new Paragraph(format(t.protocolMeta, { date: protocol.heldOn, place: protocol.place })),
    new Paragraph(format(t.protocolParticipants, { n: participants })),
    new Paragraph({ text: t.protocolCritique, heading: HeadingLevel.HEADING_1 }),
    ...groupParagraphs(protocol.critique, t.protocolOther, t.protocolNone),
    new Paragraph({ text: t.protocolVisions, heading: HeadingLevel.HEADING_1 }),
    ...groupParagraphs(protocol.visions, t.protocolOther, t.protocolNone),
    new Paragraph({ text: t.protocolVotes, heading: HeadingLevel.HEADING_1 }),
  ];
  if (protocol.votings.length === 0) children.push(new Paragraph(t.protocolNone));
  for (const v of protocol.votings) {
    children.push(
      new Paragraph({
        text: `${t[`target_${v.target}`]} (${v.dots} ${t.dotsCount.toLowerCase()})`,
        heading: HeadingLevel.HEADING_3,
      }),
    );
    children.push(new Paragraph(format(t.voters, { n: v.voters === null ? t.fewerThanFive : v.voters })));
    if (v.items.length > 0) {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: [cell(t.item, true), cell(t.dotsCount, true)] }),
            ...v.items.map((i) => new TableRow({ children: [cell(i.text), cell(String(i.dots))] })),
          ],
        }),
      );
    }
  }
  children.push(new Paragraph({ text: t.protocolActionPlan, heading: HeadingLevel.HEADING_1 }));
  if (protocol.actionPlan.length === 0) children.push(new Paragraph(t.protocolNone));
  else {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: [
              cell(t.proposalTitle, true),
              cell(t.proposalWhat, true),
              cell(t.proposalWho, true),
              cell(t.proposalDue, true),
              cell(t.status, true),
            ],
          }),
          ...protocol.actionPlan.map(
            (p) =>
              new TableRow({
                children: [
                  cell(p.title),
                  cell(p.what),
                  cell(p.who),
                  cell(p.dueOn ?? "–"),
                  cell(t[`status_${p.status}`]),
                ],
              }),
          ),
        ],
      }),
    );
  }
  if (protocol.realisation.some((g) => g.notes.length > 0)) {
    children.push(new Paragraph({ text: t.phase_forverkligande, heading: HeadingLevel.HEADING_2 }));
    children.push(...groupParagraphs(protocol.realisation, t.protocolOther, t.protocolNone));
  }
  children.push(new Paragraph({ children: [new TextRun({ text: t.protocolHiddenNote, italics: true })] }));
  const doc = new Document({
    creator: "Deltagarröst",
    title: format(t.protocolTitle, { title: protocol.title }),
    styles: { default: { document: { run: { font: "Calibri", size: 22 } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
