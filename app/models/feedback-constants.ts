/** Values both the server and the browser need; the models re-export them (a .server module never reaches the browser). */
export const FEEDBACK_STATUSES = ["ny", "last", "foljs_upp", "klar"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_SOURCES = ["form", "survey", "workshop", "staff"] as const;

/** The inbox's filters, as the query string names them. */
export const FEEDBACK_FILTER_KEYS = [
  "source",
  "program",
  "activity",
  "theme",
  "status",
  "from",
  "to",
  "flagged",
  "assigned",
] as const;
export type FeedbackFilterKey = (typeof FEEDBACK_FILTER_KEYS)[number];

/** The most the public form and staff notes take, said plainly when exceeded. */
export const FORM_TEXT_MAX = 5000;

export const QUOTE_STATUSES = ["candidate", "approved", "rejected"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const QUOTE_TEXT_MAX = 2000;
