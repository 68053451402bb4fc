import { totalOf } from "~/outcomes/attendance-rules";
import { cellKey, PUBLISHED_GENDER_KEYS, SMALL_COUNT_LIMIT, toPublishedGenders } from "~/privacy/small-counts";
import { isHidden } from "~/privacy/small-counts";
import type { Block, Part } from "../draft-types";
import { cellLabel, COLUMNS, DraftContext, GENDER_COLUMNS, NGEN, T, VISITS_TOTAL_ROW } from "../draft-context";
import {
  approximately,
  countNoun,
  countWord,
  dateText,
  formatNumber,
  listText,
  monthText,
  nearestRank,
  percentText,
  periodName,
  periodText,
  rangeText,
  weekdaysText,
} from "../swedish";

const ATTENDANCE = "närvaroregistreringar";
const WITHHELD = "Grupper med färre än fem personer redovisas inte, och inte heller uppgifter som skulle avslöja dem.";

/** Registers the attendance tables of person counts in the publication, before it is protected. */
export function registerAttendanceTables(ctx: DraftContext): void {
  const { agg, input } = ctx;
  const columns = PUBLISHED_GENDER_KEYS;
  const visits = { columns, rowTotals: true, columnTotals: true, totalRow: VISITS_TOTAL_ROW };
  ctx.pub.table({
    id: T.visitsByMonth,
    rows: agg.months.map((m) => `month:${m}`),
    cells: agg.visitsByMonth.map(toPublishedGenders),
    ...visits,
  });
  ctx.pub.table({
    id: T.visitsByActivity,
    rows: agg.byActivity.map((a) => `activity:${a.key}`),
    cells: agg.byActivity.map((a) => toPublishedGenders(a.counts)),
    ...visits,
  });
  // The city prints the enrolment of women and men in its committee papers: never hidden to protect another.
  const enrolRows = input.enrolment.map((e, i) => `enrolled:${i}:${e.programName}`);
  ctx.pub.table({
    id: T.enrolment,
    rows: enrolRows,
    columns,
    cells: input.enrolment.map(toPublishedGenders),
    rowTotals: true,
    columnTotals: true,
    totalRow: "enrolled:all",
    keepShown: enrolRows.flatMap((r) => [cellKey(r, columns[0]), cellKey(r, columns[1])]),
  });
  const reach = input.reach;
  if (reach && reach.codedPersons.total > 0) {
    const p = reach.persons;
    ctx.pub.table({
      id: T.reach,
      rows: ["persons"],
      columns,
      cells: [[p.women, p.men, p.otherOrNotStated]],
      rowTotals: true,
    });
  }
}

/** 3. Öppen verksamhet: what ran, on which days, how many came on a typical day and at the occasions. */
export function openActivitySection(ctx: DraftContext): Block[] {
  const { agg, input } = ctx;
  const { from, to } = input.period;
  const when = periodName(from, to);
  const During = when === "perioden" ? "Under perioden" : `Under ${when}`;
  const blocks: Block[] = [];
  const held = agg.byActivity.filter((a) => a.key !== "drop-in");
  const regular = held.filter((a) => input.activities.find((c) => `a${c.id}` === a.key)?.kind !== "special");

  if (agg.dayTotals.length === 0 && agg.specials.length === 0) {
    blocks.push({ t: "p", parts: [`${During} registrerades ingen närvaro i den öppna verksamheten.`] });
  } else {
    if (regular.length > 0) {
      const days = weekdaysText(agg.weekdays);
      const count = ctx.figure({
        key: "activities.held",
        label: "Aktiviteter med registrerad närvaro under perioden (utom särskilda tillfällen)",
        computation: "närvaro: aktiviteter med minst en registrering",
        n: regular.reduce((n, a) => n + a.registrations, 0),
        value: regular.length,
        text: countWord(regular.length, "common"),
      });
      blocks.push({
        t: "p",
        parts: [
          `${During} har aktiviteter hållits${days ? ` ${days}` : ""} i den öppna verksamheten på Mallis. `,
          ...(regular.length === 1 ? ["En aktivitet har pågått:"] : ["Följande ", count, " aktiviteter har pågått:"]),
        ],
      });
      blocks.push({ t: "list", items: regular.map((a) => [a.name]) });
    }
    if (agg.dayTotals.length > 0) {
      const low = nearestRank(agg.dayTotals, 10);
      const high = nearestRank(agg.dayTotals, 90);
      const range = ctx.figure({
        key: "attendance.dailyRange",
        label:
          "Deltagare per dag på Mallis: 10:e till 90:e percentilen (närmaste rang) av dagstotalerna, vanliga öppetdagar",
        computation: "närvaro: summa per öppetdag, percentiler",
        n: agg.dayTotals.length,
        value: high,
        text: rangeText(low, high),
      });
      const openingDays = ctx.figure({
        key: "attendance.openingDays",
        label: "Öppetdagar med registrerad närvaro (utom särskilda tillfällen)",
        computation: "närvaro: dagar med minst en registrering",
        n: agg.dayTotals.length,
        value: agg.dayTotals.length,
        text: countNoun(agg.dayTotals.length, "dag", "dagar"),
      });
      blocks.push({
        t: "p",
        parts: [
          `${During} har verksamheten på Mallis haft `,
          range,
          " deltagare per dag, räknat över de ",
          openingDays,
          " då närvaro registrerades.",
        ],
      });
    }
    if (agg.specials.length > 0) blocks.push({ t: "p", parts: specialsSentence(ctx) });
  }

  const city = input.activities.filter(
    (a) =>
      (a.scope === "city" || !a.countsAttendance) &&
      (a.startsOn === null || a.startsOn <= to) &&
      (a.archivedOn === null || a.archivedOn >= from),
  );
  if (city.length > 0) {
    blocks.push({
      t: "p",
      parts: [
        `Utöver de aktiviteter som äger rum på Mallis är alla deltagare välkomna att delta i de aktiviteter som Street Minds arrangerar runt om i staden. ${During} har följande aktiviteter pågått:`,
      ],
    });
    blocks.push({ t: "list", items: city.map((a) => [a.name]) });
    blocks.push({
      t: "p",
      parts: [
        "Då dessa aktiviteter riktar sig till fler än partnerskapets målgrupp förs ingen statistik över deltagande.",
      ],
    });
  }
  return blocks;
}

function specialsSentence(ctx: DraftContext): Part[] {
  const specials = ctx.agg.specials;
  // Participants of an occasion describe no person's attribute, so they are not in the publication (decision 0011);
  // the sentence still never states fewer than five, and rounds the rest to the nearest five.
  const sizes = specials.map((s) => (s.total < SMALL_COUNT_LIMIT ? null : approximately(s.total, SMALL_COUNT_LIMIT)));
  specials.forEach((s, i) =>
    ctx.figure({
      key: `special.${s.date}.${i}`,
      label: `Deltagare vid ${s.name} ${dateText(s.date)}, avrundat till närmaste fem`,
      computation: "närvaro: särskilt tillfälle, summa av registreringen",
      n: 1,
      value: s.total,
      text: sizes[i]?.text ?? "färre än fem",
      suppressed: sizes[i] === null,
    }),
  );
  const sameSize = sizes.every((s) => s !== null && s.text === sizes[0]?.text);
  if (sameSize) {
    const names = [...new Set(specials.map((s) => s.name))];
    return [
      `Aktiviteter vid särskilda tillfällen såsom ${listText(names)} har haft `,
      { f: `special.${specials[0].date}.0` },
      " deltagare.",
    ];
  }
  const parts: Part[] = ["Aktiviteter vid särskilda tillfällen har haft följande antal deltagare: "];
  specials.forEach((s, i) => {
    if (i > 0) parts.push(i === specials.length - 1 ? " och " : ", ");
    parts.push(`${s.name} ${dateText(s.date)} `, { f: `special.${s.date}.${i}` });
  });
  parts.push(".");
  return parts;
}

/** 4. Besök och räckvidd: visits per month and in total, by gender, the change, and who was enrolled. */
export function visitsSection(ctx: DraftContext): Block[] {
  const { agg, input } = ctx;
  const blocks: Block[] = [];
  const total = totalOf(agg.visitsTotal);
  const months = agg.months.length;
  const totalsRow = ctx.pub.get(T.visitsByMonth).totals;

  if (total === 0) {
    blocks.push({ t: "p", parts: ["Under perioden registrerades inga besök i den öppna verksamheten."] });
  } else {
    const visits = ctx.figure({
      key: "visits.total",
      label: "Besök totalt (alla registreringar, även särskilda tillfällen och drop-in)",
      computation: "närvaro: summa av alla registreringar",
      n: input.facts.length,
      value: total,
      text: `${formatNumber(total)} besök`,
    });
    const perMonthValue = total / months;
    const perMonth = ctx.figure({
      key: "visits.perMonth",
      label: "Besök per månad i genomsnitt (besök totalt delat med periodens månader)",
      computation: "närvaro: summa / antal månader",
      n: months,
      value: Math.round(perMonthValue * 10) / 10,
      text: approximately(perMonthValue, 10, "neuter").text,
    });
    blocks.push({
      t: "p",
      parts: [
        "Verksamheten hade totalt ",
        visits,
        ...(months > 1 ? [" under perioden, i genomsnitt ", perMonth, " besök per månad."] : [" under perioden."]),
      ],
    });
    blocks.push({ t: "p", parts: genderSentence(ctx, totalsRow) });
    blocks.push({ t: "p", parts: changeSentence(ctx, perMonthValue) });
  }

  if (total > 0) blocks.push(...reachSentences(ctx));
  blocks.push(...enrolmentSentences(ctx));
  if (total > 0)
    blocks.push({
      t: "p",
      parts: ["Besöken per månad och per aktivitet, uppdelade på kön, redovisas i statistikbilagan."],
    });
  return blocks;
}

/** Persons reached, by gender, where participant codes were registered; what cannot be counted, plainly. */
function reachSentences(ctx: DraftContext): Block[] {
  const reach = ctx.input.reach;
  if (!reach || reach.codedPersons.total === 0) {
    return [
      {
        t: "p",
        parts: [
          "Statistiken avser besök, inte personer: en person som kommer flera gånger räknas vid varje besök. Eftersom inga deltagarkoder registrerades under perioden kan antalet olika personer som verksamheten har nått inte anges.",
        ],
      },
    ];
  }
  const row = ctx.pub.get(T.reach).rows[0];
  const atLeast = reach.exact ? "" : "minst ";
  const meta = (label: string) => ({
    label: `${reach.exact ? "" : "Minst antal "}${label}`,
    computation: "besöksregistret: olika deltagarkoder med besök i perioden, per kön som personen själv angett",
    n: reach.visits.withCode,
  });
  const lead = (cell: (typeof row)[number]) => (cell.status === "shown" ? atLeast : "");
  const total = row[NGEN];
  const parts: Part[] = ["Under perioden nådde verksamheten ", lead(total)];
  parts.push(ctx.countFigure("reach.total", total, { ...meta("personer som nåtts"), unit: "personer" }));
  const genders: Part[][] = [];
  let withheld = total.status === "complementary";
  COLUMNS.forEach((g, i) => {
    const cell = row[i];
    if (cell.value === 0) return;
    if (cell.status === "complementary") {
      withheld = true;
      return;
    }
    const unit = { women: "kvinnor", men: "män", otherOrNotStated: "med annan eller ej angiven könstillhörighet" }[g];
    genders.push([
      lead(cell),
      ctx.countFigure(`reach.${g}`, cell, { ...meta(`${GENDER_COLUMNS[g].toLowerCase()} som nåtts`), unit }),
    ]);
  });
  if (genders.length > 0) {
    parts.push(": ");
    genders.forEach((g, i) => {
      if (i > 0) parts.push(i === genders.length - 1 ? " och " : ", ");
      parts.push(...g);
    });
  }
  parts.push(".");
  if (withheld) parts.push(` ${WITHHELD}`);
  const blocks: Block[] = [{ t: "p", parts }];
  if (reach.exact) {
    blocks.push({
      t: "p",
      parts: ["Alla besök registrerades med deltagarkod, så varje person räknas en gång oavsett hur ofta hen kom."],
    });
  } else {
    ctx.figure({
      key: "reach.visitsWithoutCode",
      label: "Besök som registrerades utan deltagarkod",
      computation: "närvaro: besök totalt minus besök med deltagarkod",
      n: reach.visits.total,
      value: reach.visits.withoutCode,
      text: countWord(reach.visits.withoutCode, "neuter"),
    });
    blocks.push({
      t: "p",
      parts: [
        "Av besöken registrerades ",
        { f: "reach.visitsWithoutCode" },
        " utan deltagarkod. De personerna kan inte räknas var för sig, så antalet personer är ett minsta antal: den som kom utan kod räknas bara om hen inte kan ha varit någon av de andra.",
      ],
    });
  }
  return blocks;
}

function genderSentence(ctx: DraftContext, totals: ReturnType<DraftContext["pub"]["get"]>["totals"]): Part[] {
  if (!totals) return [];
  const grand = totals[NGEN];
  const parts: Part[] = [];
  const shown: Part[][] = [];
  let anyHidden = false;
  COLUMNS.forEach((g, i) => {
    const cell = totals[i];
    const count = ctx.countFigure(`visits.${g}`, cell, {
      label: `Besök av ${GENDER_COLUMNS[g].toLowerCase()}`,
      computation: "närvaro: summa per könskategori",
    });
    if (isHidden(cell) || isHidden(grand)) {
      if (cell.value > 0) anyHidden = true;
      return;
    }
    if (cell.value === 0) return;
    const share = ctx.figure({
      key: `visits.${g}.share`,
      label: `Andel av besöken som gjordes av ${GENDER_COLUMNS[g].toLowerCase()}`,
      computation: "närvaro: besök i kategorin / besök totalt",
      n: grand.value,
      value: Math.round((cell.value / grand.value) * 1000) / 10,
      text: percentText((cell.value / grand.value) * 100),
    });
    const who = {
      women: "kvinnor",
      men: "män",
      otherOrNotStated: "personer med annan eller ej angiven könstillhörighet",
    }[g];
    shown.push([count, ` (`, share, `) av ${who}`]);
  });
  if (shown.length > 0) {
    parts.push("Av besöken gjordes ");
    shown.forEach((s, i) => {
      if (i > 0) parts.push(i === shown.length - 1 ? " och " : ", ");
      parts.push(...s);
    });
    parts.push(".");
  }
  if (anyHidden) parts.push(`${parts.length > 0 ? " " : ""}${WITHHELD}`);
  return parts;
}

function changeSentence(ctx: DraftContext, perMonthNow: number): Part[] {
  const { agg, input } = ctx;
  const prev = input.previous;
  if (agg.previousVisits === 0) {
    return [
      `För den föregående perioden av samma längd, ${periodText(prev.from, prev.to)}, finns ingen registrerad närvaro att jämföra med.`,
    ];
  }
  const before = agg.previousVisits / agg.previousMonths;
  const beforePart = ctx.figure({
    key: "visits.previousPerMonth",
    label: `Besök per månad i genomsnitt under föregående period (${periodText(prev.from, prev.to)})`,
    computation: "närvaro: summa / antal månader, föregående period",
    filters: `${periodText(prev.from, prev.to)}; ${input.programs.map((p) => p.name).join(", ")}`,
    n: agg.previousMonths,
    value: Math.round(before * 10) / 10,
    text: approximately(before, 10, "neuter").text,
  });
  const a = approximately(before, 10, "neuter").text;
  const b = approximately(perMonthNow, 10, "neuter").text;
  const direction = a === b ? "legat kvar på" : perMonthNow > before ? "ökat från" : "minskat från";
  if (a === b)
    return [
      `Jämfört med föregående period av samma längd (${periodText(prev.from, prev.to)}) har antalet besök ${direction} `,
      { f: "visits.perMonth" },
      " per månad.",
    ];
  return [
    `Jämfört med föregående period av samma längd (${periodText(prev.from, prev.to)}) har antalet besök ${direction} `,
    beforePart,
    " till ",
    { f: "visits.perMonth" },
    " besök per månad.",
  ];
}

function enrolmentSentences(ctx: DraftContext): Block[] {
  const { input } = ctx;
  if (input.enrolment.length === 0)
    return [{ t: "p", parts: ["Uppgifter om antalet inskrivna finns inte registrerade för perioden."] }];
  const table = ctx.pub.get(T.enrolment);
  // The note on what is withheld is said once, after the last programme that withholds something, not per programme.
  const withholds: boolean[] = [];
  const blocks = input.enrolment.map((e, i) => {
    const row = table.rows[i];
    const total = row[NGEN];
    const filters = `${e.programName}, senaste uppgift på eller före ${dateText(input.period.to)} (${dateText(e.onDate)})`;
    const all = ctx.countFigure(`enrolled.${i}.total`, total, {
      label: `Inskrivna i ${e.programName}`,
      computation: "inskrivna: senaste uppgift per program",
      filters,
      unit: "personer",
    });
    const women = ctx.countFigure(`enrolled.${i}.women`, row[0], {
      label: `Inskrivna kvinnor i ${e.programName}`,
      computation: "inskrivna: senaste uppgift per program och kön",
      filters,
      unit: "kvinnor",
    });
    const men = ctx.countFigure(`enrolled.${i}.men`, row[1], {
      label: `Inskrivna män i ${e.programName}`,
      computation: "inskrivna: senaste uppgift per program och kön",
      filters,
      unit: "män",
    });
    const others = e.other + e.notStated;
    const withheld = (cell: (typeof row)[number]) => cell.status === "complementary";
    if (withheld(total)) {
      // Only the counts that are stated make the sentence; a withheld one is named as not stated, never as a number.
      const stated = [women, men].filter((_, j) => !withheld(row[j]));
      const notStated = (["kvinnor", "män"] as const).filter((_, j) => withheld(row[j]));
      const when = monthText(e.onDate);
      const parts: Part[] =
        stated.length > 0
          ? [
              `I ${when} var `,
              ...stated.flatMap((p, j) => (j > 0 ? [" och ", p] : [p])),
              ` inskrivna i ${e.programName}.`,
            ]
          : [`Antalet inskrivna i ${e.programName} i ${when} redovisas inte.`];
      if (stated.length > 0 && notStated.length > 0) parts.push(` Antalet ${notStated.join(" och ")} redovisas inte.`);
      withholds[i] = true;
      return { t: "p" as const, parts };
    }
    if (withheld(row[0]) || withheld(row[1])) {
      const shown = withheld(row[0]) ? men : women;
      withholds[i] = true;
      return {
        t: "p" as const,
        parts: [`I ${monthText(e.onDate)} var `, all, ` inskrivna i ${e.programName}, varav `, shown, "."],
      };
    }
    return {
      t: "p" as const,
      parts: [
        `I ${monthText(e.onDate)} var `,
        all,
        ` inskrivna i ${e.programName}, `,
        women,
        " respektive ",
        men,
        others > 0 ? ", övriga med annan eller ej angiven könstillhörighet." : ".",
      ],
    };
  });
  const last = withholds.lastIndexOf(true);
  if (last >= 0) blocks[last] = { t: "p", parts: [...blocks[last].parts, ` ${WITHHELD}`] };
  return blocks;
}

/** 10, part one: the attendance tables and charts of the appendix. */
export function attendanceAppendix(ctx: DraftContext): Block[] {
  const { agg, input } = ctx;
  const blocks: Block[] = [];
  const columns = ["", ...COLUMNS.map((g) => GENDER_COLUMNS[g]), "Totalt"];
  const source = (what: string) =>
    `Källa: ${what}, ${periodText(input.period.from, input.period.to)}. Grupper med färre än fem anges som ”färre än 5”; ”dolt” är en uppgift som annars skulle avslöja en sådan grupp.`;
  if (totalOf(agg.visitsTotal) > 0) {
    const month = ctx.pub.get(T.visitsByMonth);
    const monthTable = ctx.addTable({
      key: "visits-month",
      caption: "Besök per månad och kön",
      columns: ["Månad", ...columns.slice(1)],
      rows: [
        ...agg.months.map((m, i) => ({ label: capitalFirst(monthText(m)), cells: month.rows[i].map(cellLabel) })),
        { label: "Totalt", cells: (month.totals ?? []).map(cellLabel), total: true },
      ],
      source: source(ATTENDANCE),
    });
    blocks.push(monthTable);
    blocks.push(
      ctx.addChart({
        key: "visits-month-chart",
        title: "Besök per månad och kön",
        kind: "stacked-bar",
        labels: agg.months.map((m) => capitalFirst(monthText(m))),
        series: COLUMNS.map((g, gi) => ({
          label: GENDER_COLUMNS[g],
          data: agg.months.map((_, i) => (isHidden(month.rows[i][gi]) ? null : month.rows[i][gi].value)),
        })),
        alt: monthsAlt(ctx),
        tableKey: "visits-month",
      }),
    );
    const act = ctx.pub.get(T.visitsByActivity);
    blocks.push(
      ctx.addTable({
        key: "visits-activity",
        caption: "Besök per aktivitet och kön",
        columns: ["Aktivitet", ...columns.slice(1)],
        rows: [
          ...agg.byActivity.map((a, i) => ({ label: a.name, cells: act.rows[i].map(cellLabel) })),
          { label: "Totalt", cells: (act.totals ?? []).map(cellLabel), total: true },
        ],
        source: source(ATTENDANCE),
      }),
    );
  }
  if (input.reach && input.reach.codedPersons.total > 0) {
    const reach = ctx.pub.get(T.reach).rows[0];
    blocks.push(
      ctx.addTable({
        key: "reach",
        caption: input.reach.exact ? "Personer som nåtts, per kön" : "Personer som nåtts, per kön (minsta antal)",
        columns: ["Antal", ...columns.slice(1)],
        rows: [{ label: "Personer", cells: reach.map(cellLabel) }],
        source: `Källa: besöksregistret (olika deltagarkoder med minst ett besök), ${periodText(input.period.from, input.period.to)}.${input.reach.exact ? "" : " Besök utan deltagarkod kan inte räknas som personer; siffrorna är ett minsta antal."} Grupper med färre än fem anges som ”färre än 5”.`,
      }),
    );
  }
  if (input.enrolment.length > 0) {
    const en = ctx.pub.get(T.enrolment);
    blocks.push(
      ctx.addTable({
        key: "enrolment",
        caption: "Inskrivna per program och kön",
        columns: ["Program", ...columns.slice(1)],
        rows: [
          ...input.enrolment.map((e, i) => ({
            label: `${e.programName} (${dateText(e.onDate)})`,
            cells: en.rows[i].map(cellLabel),
          })),
          ...(input.enrolment.length > 1
            ? [{ label: "Totalt", cells: (en.totals ?? []).map(cellLabel), total: true }]
            : []),
        ],
        source: `Källa: programmens uppgifter om inskrivna, senaste uppgift på eller före ${dateText(input.period.to)}. Grupper med färre än fem anges som ”färre än 5”.`,
      }),
    );
  }
  return blocks;
}

function monthsAlt(ctx: DraftContext): string {
  const month = ctx.pub.get(T.visitsByMonth);
  const parts = ctx.agg.months.map((m, i) => {
    const total = month.rows[i][NGEN];
    // As the table prints it: a total hidden only to protect another is "dolt", not "färre än 5".
    return `${monthText(m)}: ${cellLabel(total)}`;
  });
  return `Stapeldiagram över besök per månad, uppdelat på kön. Totalt per månad: ${parts.join("; ")}. Samma siffror finns i tabellen.`;
}

function capitalFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
