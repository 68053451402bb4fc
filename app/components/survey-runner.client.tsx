import { useEffect, useMemo } from "react";
import { Model, type Question } from "survey-core";
import { Survey } from "survey-react-ui";
import { registerSurveyExtensions } from "~/surveys/extensions";
import { speak } from "./read-aloud";

export interface RunnerProgress {
  data: Record<string, unknown>;
  currentElement: string | null;
}

/** What "Läs upp" says for a question: its title, its help text and its options, in the page's language. */
export function spokenText(question: Question): string {
  const parts = [question.processedTitle, question.description].filter(Boolean) as string[];
  const q = question as Question & { visibleChoices?: { text: string }[]; visibleRateValues?: { text: string }[] };
  const options = q.visibleChoices ?? [];
  if (options.length > 0) parts.push(options.map((c) => c.text).join(". "));
  return parts.join(". ");
}

/**
 * The SurveyJS runner, browser only. It reports progress on every change so the page can keep it on the
 * device, and hands the answers over when the person presses send; it never talks to the server itself.
 */
export default function SurveyRunner({
  json,
  locale,
  initialData,
  initialElement,
  speechAvailable,
  readAloudLabel,
  onProgress,
  onComplete,
}: {
  json: Record<string, unknown>;
  locale: "sv" | "en";
  initialData: Record<string, unknown>;
  initialElement: string | null;
  speechAvailable: boolean;
  readAloudLabel: string;
  onProgress: (progress: RunnerProgress) => void;
  onComplete: (answers: Record<string, unknown>) => void;
}) {
  const model = useMemo(() => {
    registerSurveyExtensions();
    const m = new Model(json);
    m.locale = locale;
    m.showCompletedPage = false;
    m.showTitle = false;
    m.data = initialData;
    if (initialElement) {
      try {
        m.currentElementName = initialElement;
      } catch {
        // the saved question no longer exists in this version: start from the first
      }
    }
    if (speechAvailable) {
      m.onGetQuestionTitleActions.add((_, options) => {
        options.titleActions ??= [];
        options.titleActions.push({
          id: "read-aloud",
          title: readAloudLabel,
          showTitle: true,
          innerCss: "read-aloud-action",
          action: () => speak(spokenText(options.question), locale === "en" ? "en-GB" : "sv-SE"),
        });
      });
    }
    return m;
    // The model is made once per mount; the page remounts the runner for a new person.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const report = () => onProgress({ data: { ...model.data }, currentElement: model.currentElementName || null });
    const complete = () => onComplete({ ...model.data });
    model.onValueChanged.add(report);
    model.onCurrentPageChanged.add(report);
    model.onComplete.add(complete);
    return () => {
      model.onValueChanged.remove(report);
      model.onCurrentPageChanged.remove(report);
      model.onComplete.remove(complete);
    };
  }, [model, onProgress, onComplete]);

  return <Survey model={model} />;
}
