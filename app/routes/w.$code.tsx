import { Outlet } from "@remix-run/react";
import { ParticipantErrorBoundary } from "~/components/participant-error-boundary";

/** The frame of a workshop's participant pages: an error inside keeps the participant's error page. */
export default function WorkshopParticipantLayout() {
  return <Outlet />;
}

export const ErrorBoundary = ParticipantErrorBoundary;
