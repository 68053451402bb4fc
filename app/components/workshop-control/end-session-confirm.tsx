import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { workshopStaff } from "~/i18n/strings/workshops";
import { useStrings } from "~/i18n/use-strings";

/**
 * "Avslutad" asks once more before it ends the session: the answer is a second submit of the same form, so the
 * question works without JavaScript. Focus moves here when it appears.
 */
export function EndSessionConfirm({ cancelTo }: { cancelTo: string }) {
  const t = useStrings(workshopStaff);
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <section
      className="alert alert--warn confirm-box"
      aria-labelledby="confirm-end-title"
      aria-describedby="confirm-end-text"
      tabIndex={-1}
      ref={box}
    >
      <h2 id="confirm-end-title">{t.confirmEndTitle}</h2>
      <p id="confirm-end-text">{t.confirmEndText}</p>
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="phase" />
        <input type="hidden" name="phase" value="avslutad" />
        <button type="submit" name="confirm" value="yes" className="button button--danger">
          {t.confirmEndYes}
        </button>
        <Link to={cancelTo} className="button button--secondary" preventScrollReset>
          {t.confirmEndNo}
        </Link>
      </Form>
    </section>
  );
}
