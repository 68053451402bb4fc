import { recordFeedback, type FeedbackSource } from "~/models/feedback-intake.server";
import {
  addFeedbackComment,
  assignFeedback,
  scanFeedbackForRisk,
  setFeedbackStatus,
  setFeedbackThemes,
  type FeedbackStatus,
  type Viewer,
} from "~/models/feedback.server";
import { ensureDefaultThemes, listThemes } from "~/models/feedback-theme.server";
import { addRedactionName } from "~/models/redaction-name.server";
import { approveQuote, proposeQuote, rejectQuote } from "~/models/quote.server";
import { listStaff } from "~/models/staff.server";
import type { DemoContext } from "./index";

interface DemoItem {
  source: FeedbackSource;
  program: "bostad-forst" | "fot" | null;
  activity?: string;
  daysAgo: number;
  text: string;
  consent?: boolean;
  contact?: string;
  themes?: string[];
  status?: FeedbackStatus;
  assign?: "cm" | "coordinator";
  comment?: string;
  quote?: "approve" | "candidate" | "reject";
}

const BF = "bostad-forst" as const;
const FOT = "fot" as const;

/** Synthetic feedback in the participants' own words; names and numbers are made up. */
const ITEMS: DemoItem[] = [
  {
    source: "form",
    program: BF,
    activity: "Yoga",
    daysAgo: 2,
    text: "Yogan på fredagar är det bästa med veckan. Kan det bli två gånger i veckan?",
    consent: true,
    themes: ["aktiviteter", "förslag"],
  },
  {
    source: "form",
    program: BF,
    daysAgo: 3,
    text: "Jag orkar inte mer. Allt känns tungt och jag vet inte vem jag ska prata med.",
    contact: "Mona, 070-123 45 67",
    themes: ["mående"],
  },
  {
    source: "form",
    program: BF,
    activity: "Matlagningskurs",
    daysAgo: 5,
    text: "Matlagningen är rolig men vi hinner inte äta innan det stänger. Kan den börja tidigare?",
    consent: true,
    themes: ["aktiviteter", "lokal och öppettider"],
    status: "foljs_upp",
    assign: "cm",
  },
  {
    source: "form",
    program: null,
    daysAgo: 6,
    text: "Jag har inget SL-kort och kan inte ta mig till Mallis de dagar jag är hemma i Farsta.",
    consent: true,
    themes: ["SL-kort", "ekonomi"],
  },
  {
    source: "form",
    program: BF,
    daysAgo: 8,
    text: "Kalle i sygruppen hjälpte mig laga min jacka. Det betydde mycket.",
    consent: true,
    themes: ["aktiviteter"],
    status: "klar",
    quote: "approve",
  },
  {
    source: "form",
    program: FOT,
    daysAgo: 9,
    text: "Det är för kallt i lokalen på morgonen. Och toaletten är ofta trasig.",
    themes: ["lokal och öppettider"],
    status: "foljs_upp",
    assign: "coordinator",
    comment: "Felanmält till fastighetsägaren.",
  },
  {
    source: "form",
    program: BF,
    daysAgo: 11,
    text: "Grannen hotade mig igen i trapphuset. Jag vågar inte gå ut på kvällen.",
    contact: "ring 08-508 250 84, fråga efter Jonny Berg",
    themes: ["trygghet"],
  },
  {
    source: "form",
    program: BF,
    activity: "Digital verkstad",
    daysAgo: 14,
    text: "Tack för hjälpen med BankID! Nu kan jag betala räkningarna själv.",
    consent: true,
    themes: ["aktiviteter", "ekonomi"],
    status: "klar",
  },
  {
    source: "form",
    program: FOT,
    daysAgo: 17,
    text: "Ibland är dagsformen så dålig att jag inte tar mig ur sängen. Det vore bra om någon ringde och påminde.",
    consent: false,
    themes: ["dagsform", "förslag"],
    status: "last",
  },
  {
    source: "form",
    program: BF,
    daysAgo: 21,
    text: "Personalen är snälla och lyssnar. Man känner sig välkommen.",
    consent: true,
    themes: ["personal"],
    status: "klar",
    quote: "candidate",
  },
  {
    source: "form",
    program: null,
    daysAgo: 24,
    text: "Kan ni ha öppet på lördagar? Helgerna är långa och ensamma.",
    consent: true,
    themes: ["ensamhet", "lokal och öppettider", "förslag"],
    status: "last",
  },
  {
    source: "form",
    program: BF,
    activity: "Fredagsjam i Münchenbryggeriet",
    daysAgo: 30,
    text: "Fredagsjammet är fantastiskt. Jag har börjat spela gitarr igen efter tio år.",
    consent: true,
    themes: ["aktiviteter"],
    status: "klar",
    quote: "approve",
  },
  {
    source: "form",
    program: FOT,
    daysAgo: 38,
    text: "Mejla mig gärna om schemat ändras: lasse.demo@example.se",
    themes: ["förslag"],
    status: "klar",
  },
  {
    source: "form",
    program: BF,
    daysAgo: 45,
    text: "Det kostar 250 kr för kursen i stan, det har jag inte råd med.",
    themes: ["ekonomi", "hinder"],
    status: "last",
  },

  {
    source: "survey",
    program: BF,
    daysAgo: 4,
    text: "Mer utflykter, typ till skärgården.",
    consent: true,
    themes: ["aktiviteter", "förslag"],
  },
  {
    source: "survey",
    program: BF,
    daysAgo: 4,
    text: "Jag känner mig mindre ensam sedan jag började komma hit.",
    consent: true,
    themes: ["ensamhet"],
    status: "last",
    quote: "approve",
  },
  {
    source: "survey",
    program: FOT,
    daysAgo: 7,
    text: "Bra men för få platser på matlagningen.",
    consent: false,
    themes: ["aktiviteter"],
  },
  {
    source: "survey",
    program: BF,
    daysAgo: 12,
    text: "Min case manager är bra men byts ut för ofta.",
    consent: false,
    themes: ["personal"],
    status: "foljs_upp",
    assign: "cm",
    comment: "Tas upp på samverkansgruppen.",
  },
  {
    source: "survey",
    program: BF,
    daysAgo: 15,
    text: "Vissa dagar mår jag för dåligt för att komma. Det är inte att jag inte vill.",
    consent: true,
    themes: ["mående", "dagsform"],
    status: "last",
  },
  {
    source: "survey",
    program: FOT,
    daysAgo: 19,
    text: "Skulle vilja lära mig mer om hur man söker jobb.",
    consent: true,
    themes: ["förslag"],
  },
  {
    source: "survey",
    program: BF,
    daysAgo: 26,
    text: "Det är lugnt och tryggt på Mallis. Ingen bråkar.",
    consent: true,
    themes: ["trygghet"],
    status: "klar",
  },
  {
    source: "survey",
    program: BF,
    daysAgo: 33,
    text: "Kaffet är gott, men det tar slut fort.",
    consent: false,
    themes: ["lokal och öppettider"],
    status: "klar",
    quote: "candidate",
  },
  {
    source: "survey",
    program: FOT,
    daysAgo: 40,
    text: "Jag skulle gärna vara med i kortfilmsgruppen men den krockar med min tid på vårdcentralen.",
    consent: true,
    themes: ["aktiviteter", "hinder"],
  },
  {
    source: "survey",
    program: BF,
    daysAgo: 52,
    text: "Pengarna räcker inte hela månaden. Gratis lunch någon dag vore bra.",
    consent: true,
    themes: ["ekonomi", "förslag"],
    status: "foljs_upp",
  },

  {
    source: "workshop",
    program: BF,
    activity: "Framtidsverkstad",
    daysAgo: 10,
    text: "Mallis är bra, då har vi en lokal att samlas i. Här kan man göra saker.",
    consent: true,
    themes: ["lokal och öppettider"],
    status: "klar",
    quote: "approve",
  },
  {
    source: "workshop",
    program: BF,
    activity: "Framtidsverkstad",
    daysAgo: 10,
    text: "Kritik: för få aktiviteter på eftermiddagen, många kommer först efter lunch.",
    consent: true,
    themes: ["aktiviteter", "lokal och öppettider"],
    status: "foljs_upp",
  },
  {
    source: "workshop",
    program: BF,
    activity: "Framtidsverkstad",
    daysAgo: 10,
    text: "Vision: ett ställe som känns som ett vardagsrum, med soffor och växter.",
    consent: true,
    themes: ["lokal och öppettider", "förslag"],
    status: "last",
  },
  {
    source: "workshop",
    program: FOT,
    activity: "Framtidsverkstad",
    daysAgo: 10,
    text: "Det är svårt att komma när man inte har SL-kort. Kan verksamheten hjälpa till?",
    consent: true,
    themes: ["SL-kort"],
    status: "foljs_upp",
    assign: "coordinator",
  },
  {
    source: "workshop",
    program: BF,
    activity: "Framtidsverkstad",
    daysAgo: 60,
    text: "Förverkligande: längre öppettider två dagar i veckan. Genomfört sedan i höstas.",
    consent: true,
    themes: ["lokal och öppettider", "förslag"],
    status: "klar",
  },
  {
    source: "workshop",
    program: FOT,
    activity: "Framtidsverkstad",
    daysAgo: 60,
    text: "Fler saker att göra ute: stadsodling och promenader.",
    consent: true,
    themes: ["aktiviteter"],
    status: "klar",
    quote: "reject",
  },

  {
    source: "staff",
    program: BF,
    daysAgo: 1,
    text: "Deltagaren berättar att hen inte har ätit ordentligt på flera dagar, ingen mat hemma.",
    consent: false,
    themes: ["ekonomi", "mående"],
    assign: "cm",
  },
  {
    source: "staff",
    program: BF,
    daysAgo: 13,
    text: "Deltagaren vill gärna börja i skrivargruppen men är nervös för att gå dit själv första gången.",
    consent: false,
    themes: ["hinder", "aktiviteter"],
    status: "foljs_upp",
    assign: "cm",
    comment: "Följer med första gången på onsdag.",
  },
  {
    source: "staff",
    program: FOT,
    daysAgo: 22,
    text: "Uppskattar peer support mycket: ”det är skönt att prata med någon som varit där själv”.",
    consent: true,
    themes: ["personal", "aktiviteter"],
    status: "klar",
  },
  {
    source: "staff",
    program: BF,
    daysAgo: 35,
    text: "Deltagaren tycker det är för mycket folk på fredagar och går hem tidigt.",
    consent: false,
    themes: ["lokal och öppettider"],
    status: "klar",
  },
];

export const DEMO_REDACTION_NAMES = ["Kalle", "Mona", "Jonny Berg", "Lasse"];

export async function seedFeedback(ctx: DemoContext): Promise<void> {
  await ensureDefaultThemes();
  const staff = await listStaff();
  const byEmail = (email: string) => {
    const s = staff.find((x) => x.email === email);
    if (!s) throw new Error(`demo staff ${email} missing`);
    return s;
  };
  const admin: Viewer = byEmail("admin@demo.local");
  const coordinator = byEmail("coordinator@demo.local");
  const cm = byEmail("cm@demo.local");
  const ip = "seed";
  for (const name of DEMO_REDACTION_NAMES) await addRedactionName({ name, actor: admin, ip });

  const themeIds = new Map((await listThemes()).map((th) => [th.name, th.id]));
  const programId = (slug: DemoItem["program"]) =>
    slug ? (ctx.programs.find((p) => p.slug === slug)?.id ?? null) : null;
  const now = Date.now();

  for (const [index, item] of ITEMS.entries()) {
    const createdAt = new Date(now - item.daysAgo * 86_400_000 - (index % 7) * 3_600_000).toISOString();
    const { id } = await recordFeedback({
      source: item.source,
      sourceRef: item.source === "form" || item.source === "staff" ? null : `demo:${item.source}:${index}`,
      programId: programId(item.program),
      activityId: item.activity ? (ctx.activityIds.get(item.activity) ?? null) : null,
      text: item.text,
      consentToQuote: item.consent ?? false,
      consentNote:
        item.consent && item.source === "workshop"
          ? "Muntligt samtycke vid framtidsverkstaden"
          : item.consent && item.source === "survey"
            ? "Samtyckesfrågan i enkäten"
            : item.consent && item.source === "staff"
              ? "Muntligt samtycke i samtalet"
              : item.consent
                ? "Kryssruta i tyck till-formuläret"
                : null,
      contact: item.contact ?? null,
      createdBy: item.source === "staff" ? cm.id : null,
      createdAt,
    });
    if (item.themes)
      await setFeedbackThemes({
        id,
        viewer: admin,
        ip,
        themeIds: item.themes.map((n) => themeIds.get(n)!).filter(Boolean),
      });
    if (item.status && item.status !== "ny") await setFeedbackStatus({ id, viewer: admin, ip, status: item.status });
    if (item.assign)
      await assignFeedback({ id, viewer: admin, ip, assigneeId: item.assign === "cm" ? cm.id : coordinator.id });
    if (item.comment)
      await addFeedbackComment({ id, viewer: item.assign === "cm" ? cm : coordinator, ip, body: item.comment });
    if (item.quote) {
      const quote = await proposeQuote({ feedbackId: id, viewer: coordinator, ip });
      if (quote.ok && item.quote === "approve") await approveQuote({ id: quote.id, viewer: coordinator, ip });
      if (quote.ok && item.quote === "reject")
        await rejectQuote({ id: quote.id, viewer: coordinator, ip, note: "För allmänt för rapporten." });
    }
  }
  await scanFeedbackForRisk();
}
