import { defineStrings } from "../define";

/** The outcome page's breakdown by how often people came (decision 0031). */
export const visitFrequency = defineStrings({
  sv: {
    title: "Ensamhet och delaktighet efter hur ofta man kommer",
    lead: "Här räknas bara svar med en deltagarkod som också finns i besöksregistret. Svaren delas upp efter hur ofta personen kom till verksamheten under de 12 veckorna innan hen svarade.",
    definitions:
      "Kom aldrig: inget besök med kod. Kom ibland: besök 1–11 dagar. Kom varje vecka: besök minst 12 dagar, alltså i snitt minst en gång i veckan. Besök utan kod syns inte här, så någon kan ha kommit oftare än det står.",
    kRule: "Varje grupp måste ha minst 5 personer. Annars visas ingenting för omgången.",
    never: "Kom aldrig",
    sometimes: "Kom ibland",
    weekly: "Kom varje vecka",
    people: "Personer",
    measure: "Mått",
    caption: "{wave}: andel per grupp",
    linked: "{n} svar hade en kod som finns i besöksregistret.",
    share: "{pct} % ({n} av {total})",
    ofTotal: "{n} av {total}",
    anonymous: "Omgången använde inga deltagarkoder, så svaren kan inte kopplas till besöken.",
    smallGroup: "För få svar med kod i någon av grupperna (färre än 5), så inget visas för den här omgången.",
    pageHidden: "Visas inte: siffrorna för hela omgången är dolda, och uppdelningen skulle kunna avslöja dem.",
    measureSmall: "för få svar i någon grupp",
    measureHidden: "dolt",
    filtered: "Uppdelningen efter besök visas bara när alla program är valda (”Bor i: Alla”).",
  },
  en: {
    title: "Loneliness and participation by how often people come",
    lead: "Only responses with a participant code that is also in the visitor register count here. They are split by how often the person came in the 12 weeks before they answered.",
    definitions:
      "Never came: no visit with the code. Came sometimes: visits on 1–11 days. Came weekly: visits on at least 12 days, on average at least once a week. Visits without a code are not seen here, so someone may have come more often than it says.",
    kRule: "Every group must have at least 5 people. Otherwise nothing is shown for the wave.",
    never: "Never came",
    sometimes: "Came sometimes",
    weekly: "Came weekly",
    people: "People",
    measure: "Measure",
    caption: "{wave}: share per group",
    linked: "{n} responses had a code that is in the visitor register.",
    share: "{pct} % ({n} of {total})",
    ofTotal: "{n} of {total}",
    anonymous: "The wave used no participant codes, so its responses cannot be linked to visits.",
    smallGroup: "Too few responses with a code in one of the groups (fewer than 5), so nothing is shown for this wave.",
    pageHidden: "Not shown: the figures for the whole wave are hidden, and the breakdown could reveal them.",
    measureSmall: "too few answers in a group",
    measureHidden: "hidden",
    filtered: "The breakdown by visits is shown only when every programme is chosen (“Lives in: All”).",
  },
});
