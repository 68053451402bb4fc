import type { GenderCounts } from "~/outcomes/attendance-rules";
import type { Fact } from "~/outcomes/attendance-stats";
import type { ProposalStatus } from "~/workshops/rules";
import type { PersonsReachedFigures } from "~/outcomes/persons-reached";
import type { OutcomeReport } from "~/outcomes/load-outcomes.server";

/**
 * Everything the draft is written from, gathered by `gatherReportInput` through the models. Free text in
 * here (proposal titles, reasons, quotes) is already redacted.
 */
export interface ReportInput {
  period: { from: string; to: string };
  /** The previous period of the same length, for the change in visits. */
  previous: { from: string; to: string; facts: Fact[] };
  programs: { id: number; name: string }[];
  facts: Fact[];
  /** The activity catalogue, for the order of activities and the city-wide ones. */
  activities: {
    id: number;
    name: string;
    kind: "regular" | "special";
    scope: "mallis" | "city";
    countsAttendance: boolean;
    startsOn: string | null;
    archivedOn: string | null;
  }[];
  enrolment: (GenderCounts & { programName: string; onDate: string })[];
  /** Workshops held up to the end of the period, oldest first. */
  workshops: { id: number; title: string; heldOn: string; followsIds: number[]; ideas: number; votes: number }[];
  proposals: {
    id: number;
    workshopId: number;
    title: string;
    createdOn: string;
    /** Every status change, oldest first, with its Stockholm date and (redacted) comment. */
    changes: { status: ProposalStatus; on: string; comment: string }[];
  }[];
  /** Approved quotes given with consent, dated within the period. */
  quotes: { id: number; text: string; date: string; source: string }[];
  /** The coordinator's choice of quotes; null: the first ones of the period. */
  chosenQuoteIds: number[] | null;
  /** Feedback items in the period per theme (sub-themes name their parent). */
  themes: { name: string; parent: string | null; count: number }[];
  /** Persons reached (distinct participant codes) and visits with and without a code, exact figures. */
  reach: PersonsReachedFigures | null;
  /**
   * The latest user survey (brukarenkät) wave that closed by the end of the period, and the wave before it,
   * as the outcomes module publishes them (suppressed in one pass over all their figures); null: none.
   * `enrolled`: enrolled in the wave's programme when it closed, for the response rate.
   */
  survey: { report: OutcomeReport; enrolled: number | null } | null;
  /** Where the period's feedback came from (form, survey, workshop, staff) and how much. */
  feedbackSources: { source: string; count: number }[];
}
