import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Choice, ChoiceGroup, Field, FormAlert, HintedButton } from "~/components/forms";

describe("the form toolkit", () => {
  it("describes a group of choices by its hint and error, and marks nothing invalid without an error", () => {
    const html = renderToStaticMarkup(
      <ChoiceGroup legend="Program" name="programId" hint="Välj minst ett" error="Välj ett program">
        <Choice name="programId" value="1" label="Bostad Först" defaultChecked />
        <Choice type="radio" name="mode" value="a" label="Anonym" />
      </ChoiceGroup>,
    );
    expect(html).toContain('<fieldset class="field" aria-describedby="programId-error programId-hint">');
    expect(html).toContain('<p class="field-error" id="programId-error">Välj ett program</p>');
    expect(html).toContain('<input type="checkbox" name="programId" checked="" value="1"/>Bostad Först');
    expect(html).toContain('<input type="radio" name="mode" value="a"/>Anonym');
    const quiet = renderToStaticMarkup(<ChoiceGroup legend="Program" name="programId" />);
    expect(quiet).toBe('<fieldset class="field"><legend>Program</legend></fieldset>');
  });

  it("marks a field invalid when its error is said in a form-level alert", () => {
    const html = renderToStaticMarkup(
      <>
        <FormAlert id="login-error">Fel e-post eller lösenord</FormAlert>
        <Field label="E-post" name="email" invalid describedBy="login-error" />
        <Field label="Lösenord" name="password" invalid={false} />
      </>,
    );
    expect(html).toContain('<p class="alert alert--error" role="alert" id="login-error">');
    expect(html).toContain('id="email" aria-invalid="true" aria-describedby="login-error"');
    expect(html).toContain('<input type="text" name="password" id="password"/>');
  });

  it("says what a button does in a line that describes it", () => {
    const html = renderToStaticMarkup(
      <HintedButton hint="Personen får ett nytt lösenord" hintId="reset-hint" name="intent" value="reset">
        Nytt lösenord
      </HintedButton>,
    );
    expect(html).toBe(
      '<p class="hint" id="reset-hint">Personen får ett nytt lösenord</p>' +
        '<button type="submit" name="intent" value="reset" aria-describedby="reset-hint">Nytt lösenord</button>',
    );
  });
});
