import { defineStrings } from "../define";

/** Sessions, passwords and refusals: the staff member's own security. */
export const security = defineStrings({
  sv: {
    sessionsTitle: "Inloggningar",
    sessionsLead: "Var personen är inloggad just nu. En inloggning gäller högst tio timmar.",
    sessionsNone: "Personen är inte inloggad någonstans.",
    sessionStarted: "Inloggad",
    sessionLastSeen: "Senast aktiv",
    sessionEnds: "Gäller till",
    sessionDevice: "Webbläsare",
    sessionAddress: "Adress",
    sessionEnd: "Logga ut",
    sessionEndLabel: "Logga ut inloggningen från {started}",
    sessionEndAll: "Logga ut överallt",
    sessionEnded: "Inloggningen är avslutad.",
    sessionsEnded: "Personen är utloggad överallt ({count} inloggningar).",
    sessionUnknownDevice: "okänd",
  },
  en: {
    sessionsTitle: "Logins",
    sessionsLead: "Where the person is logged in right now. A login lasts at most ten hours.",
    sessionsNone: "The person is not logged in anywhere.",
    sessionStarted: "Logged in",
    sessionLastSeen: "Last active",
    sessionEnds: "Valid until",
    sessionDevice: "Browser",
    sessionAddress: "Address",
    sessionEnd: "Log out",
    sessionEndLabel: "Log out the login from {started}",
    sessionEndAll: "Log out everywhere",
    sessionEnded: "The login is ended.",
    sessionsEnded: "The person is logged out everywhere ({count} logins).",
    sessionUnknownDevice: "unknown",
  },
});
