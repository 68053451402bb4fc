import { randomBytes } from "node:crypto";
import { createWorkshop } from "~/models/workshop.server";
import { createTheme, listThemes, seedNote } from "~/models/workshop-note.server";
import { ensureDeviceParticipant } from "~/models/workshop-participant.server";
import { castVote, closeVoting, openVoting } from "~/models/workshop-vote.server";
import { changeProposalStatus, createProposal } from "~/models/proposal.server";
import { listStaff } from "~/models/staff.server";
import type { ProposalStatus, WritingPhase } from "~/workshops/rules";
import type { DemoContext } from "./index";

type Notes = Record<string, string[]>;

async function notesWithThemes(workshopId: number, phase: WritingPhase, grouped: Notes, at: string, people: number[]) {
  const ids: number[] = [];
  let i = 0;
  for (const [title, texts] of Object.entries(grouped)) {
    const theme = title === "" ? null : await createTheme({ workshopId, phase, title });
    for (const text of texts) {
      const note = await seedNote({
        workshopId,
        phase,
        participantId: people.length ? people[i % people.length] : null,
        text,
        themeId: theme?.id ?? null,
        channel: i % 4 === 3 ? "paper" : "phone",
        createdAt: at,
      });
      ids.push(note.id);
      i++;
    }
  }
  return ids;
}

async function participants(workshopId: number, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await ensureDeviceParticipant({ workshopId, token: randomBytes(24).toString("base64url") })).id);
  return ids;
}

/**
 * Seed 000's story: the first Framtidsverkstad (June 2023) gave proposals that were carried out (longer opening
 * hours, a homelier room), followed up in the autumn; FRAMTID is today's session, in the fantasy phase.
 */
export async function seedWorkshops(ctx: DemoContext): Promise<void> {
  const facilitator = (await listStaff()).find((s) => s.email === "facilitator@demo.local");
  const bostadForst = ctx.programs.find((p) => p.slug === "bostad-forst")?.id ?? null;
  const place = "Mallis, Malmskillnadsgatan";

  const june = await createWorkshop({
    title: "Framtidsverkstad juni 2023",
    heldOn: "2023-06-14",
    place,
    programId: bostadForst,
    followsIds: [],
    facilitatorId: facilitator?.id ?? null,
    phase: "avslutad",
  });
  const people = await participants(june.id, 12);
  await notesWithThemes(
    june.id,
    "kritik",
    {
      Öppettider: ["Mallis har för kort öppettid", "Stängt på fredag eftermiddag", "Inget att göra på kvällen"],
      Lokalen: ["Lokalen känns kal och kall", "Det finns inga sköna soffor"],
      "Att ta sig dit": ["Jag har inget SL-kort", "Dagsformen gör att jag inte orkar åka"],
      Aktiviteter: ["För lite att göra på dagarna", "Jag är ensam mycket"],
    },
    "2023-06-14T09:30:00.000Z",
    people,
  );
  const visions = await notesWithThemes(
    june.id,
    "fantasi",
    {
      "": [
        "Mallis är öppet varje vardag, hela dagen",
        "Ett hemtrevligt vardagsrum med soffor och växter",
        "En skrivargrupp där vi skriver om våra liv",
        "Vi lagar mat tillsammans varje vecka",
        "Gratis SL-kort till alla som vill komma",
        "Utflykter till skogen",
      ],
    },
    "2023-06-14T10:30:00.000Z",
    people,
  );
  const critiqueVoting = await openVoting({
    workshopId: june.id,
    target: "critique_themes",
    dots: 3,
    openedBy: facilitator?.id ?? null,
    openedAt: "2023-06-14T10:05:00.000Z",
  });
  const critiqueThemes = await listThemes({ workshopId: june.id, phase: "kritik" });
  for (const [i, p] of people.entries()) {
    for (let d = 0; d < 3; d++)
      await castVote({
        votingId: critiqueVoting.id,
        participantId: p,
        itemType: "theme",
        itemId: critiqueThemes[(i + d * (i % 3)) % critiqueThemes.length].id,
      });
  }
  await closeVoting({ id: critiqueVoting.id, workshopId: june.id, closedAt: "2023-06-14T10:15:00.000Z" });
  const fantasyVoting = await openVoting({
    workshopId: june.id,
    target: "fantasy_notes",
    dots: 5,
    openedBy: facilitator?.id ?? null,
    openedAt: "2023-06-14T11:00:00.000Z",
  });
  const weights = [5, 4, 3, 3, 1, 2];
  for (const [i, p] of people.entries()) {
    for (let d = 0; d < 5; d++) {
      const pick = (i * 7 + d * 3) % 18;
      let acc = 0;
      const index = weights.findIndex((w) => (acc += w) > pick);
      await castVote({
        votingId: fantasyVoting.id,
        participantId: p,
        itemType: "note",
        itemId: visions[index === -1 ? 0 : index],
      });
    }
  }
  await closeVoting({ id: fantasyVoting.id, workshopId: june.id, closedAt: "2023-06-14T11:15:00.000Z" });
  await notesWithThemes(
    june.id,
    "forverkligande",
    {
      "": [
        "Street Minds tar fram nya öppettider",
        "Vi köper begagnade soffor tillsammans",
        "Case managers frågar om skrivargrupp",
      ],
    },
    "2023-06-14T12:00:00.000Z",
    people,
  );

  const by = facilitator?.id ?? null;
  const proposals: {
    title: string;
    what: string;
    who: string;
    dueOn: string | null;
    note?: number;
    steps: [string, string, string][];
  }[] = [
    {
      title: "Längre öppettider på Mallis",
      what: "Mallis har öppet måndag till fredag enligt schema, även fredag eftermiddag.",
      who: "Street Minds",
      dueOn: "2023-09-01",
      note: visions[0],
      steps: [
        ["planerad", "2023-06-28T10:00:00.000Z", "Styrgruppen har sagt ja."],
        ["genomford", "2023-09-04T08:00:00.000Z", "Sedan september har vi öppet måndag till fredag."],
      ],
    },
    {
      title: "Hemtrevligare lokal",
      what: "Soffor, växter och lampor så att lokalen känns som ett vardagsrum.",
      who: "Deltagare och Street Minds tillsammans",
      dueOn: "2023-10-01",
      note: visions[1],
      steps: [
        ["pagar", "2023-08-15T10:00:00.000Z", "Vi har hämtat två soffor."],
        ["genomford", "2023-10-11T12:00:00.000Z", "Lokalen är inredd. Många säger att den känns hemtrevlig."],
      ],
    },
    {
      title: "Skrivargrupp",
      what: "En grupp som träffas varje vecka och skriver.",
      who: "Street Minds",
      dueOn: null,
      note: visions[2],
      steps: [["genomford", "2023-09-06T10:00:00.000Z", "Skrivargruppen träffas på onsdagar."]],
    },
    {
      title: "Laga mat tillsammans",
      what: "Matlagning en gång i veckan, och att äta tillsammans efteråt.",
      who: "Street Minds",
      dueOn: null,
      note: visions[3],
      steps: [
        ["planerad", "2023-08-20T10:00:00.000Z", ""],
        ["pagar", "2023-09-05T10:00:00.000Z", "Matlagningskursen har börjat på tisdagar."],
      ],
    },
    {
      title: "Gratis SL-kort",
      what: "SL-kort till alla som vill komma till Mallis.",
      who: "Socialförvaltningen",
      dueOn: null,
      note: visions[4],
      steps: [
        [
          "ej_genomforbar",
          "2023-10-11T12:30:00.000Z",
          "Partnerskapet kan inte betala SL-kort. Case managers hjälper till att söka stöd för resor.",
        ],
      ],
    },
    {
      title: "Utflykter till skogen",
      what: "Skogsvandringar några gånger per termin.",
      who: "Street Minds",
      dueOn: "2024-05-31",
      note: visions[5],
      steps: [["planerad", "2023-10-11T12:45:00.000Z", "Vi börjar med en vandring i höst."]],
    },
  ];
  for (const p of proposals) {
    const id = await createProposal({
      workshopId: june.id,
      noteId: p.note ?? null,
      title: p.title,
      what: p.what,
      who: p.who,
      dueOn: p.dueOn,
      createdBy: by,
      createdAt: "2023-06-14T12:15:00.000Z",
    });
    for (const [status, at, comment] of p.steps)
      await changeProposalStatus({ id, status: status as ProposalStatus, comment, changedBy: by, changedAt: at });
  }

  const autumn = await createWorkshop({
    title: "Uppföljning hösten 2023",
    heldOn: "2023-10-11",
    place,
    programId: bostadForst,
    followsIds: [june.id],
    facilitatorId: by,
    phase: "avslutad",
  });
  await notesWithThemes(
    autumn.id,
    "kritik",
    { "": ["Fler borde veta att Mallis finns", "Ge inte upp på oss"] },
    "2023-10-11T09:30:00.000Z",
    [],
  );
  await createProposal({
    workshopId: autumn.id,
    title: "Nå fler deltagare",
    what: "Case managers och boendestödjare berättar om Mallis för fler.",
    who: "Case managers",
    dueOn: "2024-06-30",
    createdBy: by,
    createdAt: "2023-10-11T12:50:00.000Z",
  });

  const today = new Date().toISOString().slice(0, 10);
  const framtid = await createWorkshop({
    title: "Framtidsverkstad",
    heldOn: today,
    place,
    programId: bostadForst,
    followsIds: [june.id, autumn.id],
    facilitatorId: by,
    phase: "fantasi",
    code: "FRAMTID",
  });
  const now = new Date().toISOString();
  const todayPeople = await participants(framtid.id, 6);
  await notesWithThemes(
    framtid.id,
    "kritik",
    {
      Kvällar: ["Det är stängt på kvällen", "Helgerna är långa och ensamma"],
      Information: ["Jag visste inte att Mallis fanns", "Schemat är svårt att hitta"],
    },
    now,
    todayPeople,
  );
  await notesWithThemes(
    framtid.id,
    "fantasi",
    {
      "": [
        "Öppet en kväll i veckan med film",
        "Ett eget radioprogram från Mallis",
        "Odla grönsaker tillsammans i Koleraparken",
      ],
    },
    now,
    todayPeople,
  );
}
