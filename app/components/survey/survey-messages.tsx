import { Link } from "@remix-run/react";
import { format } from "~/i18n/define";
import { surveys as surveyStrings } from "~/i18n/strings/surveys";
import { useStrings } from "~/i18n/use-strings";
import { useFocusOnChange } from "./use-focus-on-change";

type Tone = "plain" | "calm" | "thanks";

/** One state of the survey that is not a question: a heading that takes focus and a few plain words. */
function Message({
  id,
  title,
  tone = "plain",
  status = false,
  children,
}: {
  id: string;
  title: string;
  tone?: Tone;
  status?: boolean;
  children?: React.ReactNode;
}) {
  const ref = useFocusOnChange<HTMLHeadingElement>(id);
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className={`survey-message${tone === "plain" ? "" : ` survey-message--${tone}`}`}
      role={status ? "status" : undefined}
    >
      <h2 id={`${id}-heading`} ref={ref} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A message's button: it acts on the page (start afresh, try again, go on) and sends no form. */
function MessageButton({
  onClick,
  secondary = false,
  block = false,
  big = false,
  children,
}: {
  onClick: () => void;
  secondary?: boolean;
  /** As wide as the message. */
  block?: boolean;
  big?: boolean;
  children: React.ReactNode;
}) {
  const modifiers = [secondary && "button--secondary", block && "button--block", big && "button--big"];
  return (
    <button type="button" className={["button", ...modifiers].filter(Boolean).join(" ")} onClick={onClick}>
      {children}
    </button>
  );
}

export function SendingMessage() {
  const t = useStrings(surveyStrings);
  return <Message id="sending" title={t.sending} status />;
}

/** The answers wait on the device for a connection. On a shared tablet the next person can start meanwhile. */
export function OfflineMessage({
  kiosk,
  onRetry,
  onRestart,
}: {
  kiosk: boolean;
  onRetry: () => void;
  onRestart: () => void;
}) {
  const t = useStrings(surveyStrings);
  return (
    <Message id="offline" title={kiosk ? t.offlineTitleKiosk : t.offlineTitle} tone="calm" status>
      <p>{kiosk ? t.offlineTextKiosk : t.offlineText}</p>
      <div className="actions">
        {kiosk ? <MessageButton onClick={onRestart}>{t.thanksKioskNow}</MessageButton> : null}
        <MessageButton onClick={onRetry} secondary>
          {t.offlineRetry}
        </MessageButton>
      </div>
    </Message>
  );
}

export function ThanksMessage({ kiosk, onRestart }: { kiosk: boolean; onRestart: () => void }) {
  const t = useStrings(surveyStrings);
  return (
    <Message id="thanks" title={t.thanksTitle} tone="thanks">
      <p>{t.thanksText}</p>
      {kiosk ? (
        <>
          <p>{t.thanksKiosk}</p>
          <MessageButton onClick={onRestart}>{t.thanksKioskNow}</MessageButton>
        </>
      ) : (
        <ul className="link-list">
          <li>
            <Link to="/">{t.thanksHome}</Link>
          </li>
          <li>
            <Link to="/tyck-till">{t.thanksFeedback}</Link>
          </li>
        </ul>
      )}
    </Message>
  );
}

export function ClosedMessage({ kept }: { kept: boolean }) {
  const t = useStrings(surveyStrings);
  return (
    <Message id="closed" title={t.closedTitle}>
      <p>{t.closedText}</p>
      {kept ? <p>{t.closedKept}</p> : null}
    </Message>
  );
}

export function NotYetOpenMessage({ opensOn }: { opensOn: string }) {
  const t = useStrings(surveyStrings);
  return (
    <Message id="early" title={t.notYetOpenTitle}>
      <p>{format(t.notYetOpenText, { date: opensOn })}</p>
    </Message>
  );
}

export function RejectedMessage({ message }: { message?: string }) {
  const t = useStrings(surveyStrings);
  return (
    <Message id="rejected" title={t.errorTitle}>
      {message ? <p>{message}</p> : null}
      <p>{t.errorText}</p>
    </Message>
  );
}

export function ResumeOffer({ onContinue, onRestart }: { onContinue: () => void; onRestart: () => void }) {
  const t = useStrings(surveyStrings);
  return (
    <Message id="resume" title={t.resumeTitle}>
      <p>{t.resumeText}</p>
      <div className="actions actions--stacked">
        <MessageButton onClick={onContinue} block big>
          {t.resumeContinue}
        </MessageButton>
        <MessageButton onClick={onRestart} secondary block>
          {t.resumeRestart}
        </MessageButton>
      </div>
    </Message>
  );
}

export function NoConnectionMessage({ kiosk, onRetry }: { kiosk: boolean; onRetry: () => void }) {
  const t = useStrings(surveyStrings);
  return (
    <Message id="no-connection" title={t.noConnectionTitle} tone="calm" status>
      <p>{kiosk ? t.noConnectionTextKiosk : t.noConnectionText}</p>
      <MessageButton onClick={onRetry}>{t.tryAgain}</MessageButton>
    </Message>
  );
}
