import { useParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { format } from "~/i18n/define";

/**
 * The error page of a participant's own pages (`/s/CODE`, `/w/CODE`): a code that leads nowhere says so in
 * the words of the start page's code box, and the button goes back to that box.
 */
export function ParticipantErrorBoundary() {
  const { code } = useParams();
  return (
    <GeneralErrorBoundary
      home="/"
      statusHandlers={{
        404: ({ t }) => <p>{code ? format(t.homeCodeUnknown, { code: code.slice(0, 32) }) : t.errorText404}</p>,
      }}
    />
  );
}
