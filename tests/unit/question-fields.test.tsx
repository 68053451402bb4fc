import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { QuestionFields } from "~/components/survey/question-fields";
import type { QuestionView } from "~/surveys/question-view";

// The participant's answer fields are wired by the form toolkit (issue 9): the text box's id, aria-invalid and
// aria-describedby come from `wireControl`, and the "other" text box is a toolkit `Field` with its label.

const question = (over: Partial<QuestionView>): QuestionView =>
  ({ name: "wishes", selected: [], text: "Mer yoga", maxLength: 500, otherText: "", ...over }) as QuestionView;

/** The attributes of the first `tag` in `html`, by name. */
function attributes(html: string, tag: string): Record<string, string> {
  const open = new RegExp(`<${tag}\\b([^>]*)>`).exec(html)?.[1] ?? "";
  return Object.fromEntries([...open.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

const render = (q: QuestionView, { invalid = false, describedBy }: { invalid?: boolean; describedBy?: string } = {}) =>
  renderToStaticMarkup(
    <QuestionFields question={q} titleId="q-title" describedBy={describedBy} invalid={invalid} otherLabel="Annat:" />,
  );

describe("the answer fields of one question", () => {
  it("label a text answer by the question and wire its help and error through the toolkit", () => {
    expect(attributes(render(question({ kind: "text" })), "input")).toEqual({
      id: "q-wishes-text",
      name: "answer",
      class: "survey-text",
      maxLength: "500",
      "aria-labelledby": "q-title",
      value: "Mer yoga",
    });
    const wrong = attributes(
      render(question({ kind: "longText", rows: 4 } as Partial<QuestionView>), {
        invalid: true,
        describedBy: "q-wishes-help q-wishes-error",
      }),
      "textarea",
    );
    expect(wrong).toMatchObject({
      id: "q-wishes-text",
      rows: "4",
      "aria-invalid": "true",
      "aria-describedby": "q-wishes-help q-wishes-error",
    });
  });

  it("give the 'other' text box its own label, and no error wiring of its own", () => {
    const html = render(
      question({
        kind: "multiple",
        otherText: "Trappan",
        choices: [
          { value: "a", text: "Sygrupp" },
          { value: "annat", text: "Annat", other: true },
        ],
      } as Partial<QuestionView>),
    );
    expect(html).toContain('<div class="field survey-other"><label for="q-wishes-other">Annat:</label>');
    const other = attributes(html.slice(html.indexOf("survey-other")), "input");
    expect(other).toEqual({ type: "text", name: "other", maxLength: "500", id: "q-wishes-other", value: "Trappan" });
  });
});
