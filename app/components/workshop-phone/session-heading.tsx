import { workshopPublic } from "~/i18n/strings/workshops";
import { useLocale, useStrings } from "~/i18n/use-strings";

/** The session's own name beside the word "Framtidsverkstad", unless it is only that word in either language. */
export function sessionNameToShow(title: string): string | null {
  const name = title.trim();
  const generic = [workshopPublic.sv.title, workshopPublic.en.title].map((w) => w.toLocaleLowerCase("sv"));
  return name === "" || generic.includes(name.toLocaleLowerCase("sv")) ? null : name;
}

/**
 * "Framtidsverkstad" in the page's language, and the session's name under it. Staff name sessions in Swedish,
 * so on an English page the name is marked as Swedish for screen readers.
 */
export function SessionHeading({ title }: { title: string }) {
  const t = useStrings(workshopPublic);
  const locale = useLocale();
  const name = sessionNameToShow(title);
  return (
    <h1>
      {t.title}
      {name ? (
        <span className="workshop-phone__session" lang={locale === "sv" ? undefined : "sv"}>
          {name}
        </span>
      ) : null}
    </h1>
  );
}

/** Under "the workshop has ended": which session, when it had a name of its own. */
export function EndedSessionName({ title }: { title: string }) {
  const locale = useLocale();
  const name = sessionNameToShow(title);
  return name ? (
    <p className="lead" lang={locale === "sv" ? undefined : "sv"}>
      {name}
    </p>
  ) : null;
}
