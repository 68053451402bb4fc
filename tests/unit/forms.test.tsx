import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  CharacterCount,
  Choice,
  ChoiceGroup,
  Field,
  FormAlert,
  HintedButton,
  NumberField,
  PinField,
  SelectField,
  characterCount,
  labelledOptions,
} from "~/components/forms";
import { ColumnHeads, NumCell } from "~/components/table-heads";

/** Records with an id and a name, as the pickers get them. */
const PROGRAMMES = [
  { id: 1, name: "Bostad Först" },
  { id: 2, name: "Mallis" },
  { id: 3, name: "Stadsdel" },
];

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

  it("lists a select's options after its empty choice, and keeps any options given as children", () => {
    const html = renderToStaticMarkup(
      <SelectField
        label="Program"
        name="programId"
        empty="Alla program"
        options={PROGRAMMES.slice(0, 2)}
        defaultValue="2"
      >
        <option value="none">Inget program</option>
      </SelectField>,
    );
    expect(html).toContain(
      '<select name="programId" id="programId">' +
        '<option value="">Alla program</option><option value="1">Bostad Först</option>' +
        '<option value="2" selected="">Mallis</option><option value="none">Inget program</option></select>',
    );
    const plain = renderToStaticMarkup(
      <SelectField label="Status" name="status" options={labelledOptions(["ny", "klar"], (s) => s.toUpperCase())} />,
    );
    expect(plain).toContain('<option value="ny">NY</option><option value="klar">KLAR</option>');
    expect(plain).not.toContain('value=""');
  });

  it("checks the options of a group whose values are chosen, as radios or checkboxes", () => {
    const radios = renderToStaticMarkup(
      <ChoiceGroup
        legend="Läge"
        name="mode"
        type="radio"
        options={labelledOptions(["a", "b"], (v) => v)}
        defaultValue="b"
      />,
    );
    expect(radios).toContain('<input type="radio" name="mode" value="a"/>a');
    expect(radios).toContain('<input type="radio" name="mode" checked="" value="b"/>b');
    const boxes = renderToStaticMarkup(
      <ChoiceGroup legend="Program" name="programIds" options={PROGRAMMES} defaultValue={[1, "3"]} />,
    );
    expect(boxes.match(/checked=""/g)).toHaveLength(2);
    expect(boxes).toContain('<input type="checkbox" name="programIds" value="2"/>Mallis');
    const none = renderToStaticMarkup(
      <ChoiceGroup legend="Program" name="p" type="radio" options={[{ value: "", label: "Vet inte" }]} />,
    );
    expect(none).not.toContain("checked");
  });

  it("marks a field invalid and described by the alert that says its error, only while there is one", () => {
    const wrong = renderToStaticMarkup(<Field label="PIN" name="pin" hint="Fyra siffror" errorIn="pin-error" />);
    expect(wrong).toContain('id="pin" aria-invalid="true" aria-describedby="pin-error pin-hint"');
    const right = renderToStaticMarkup(<Field label="PIN" name="pin" errorIn={false} />);
    expect(right).toContain('<input type="text" name="pin" id="pin"/>');
  });

  it("puts what acts on a field's value on the control's line", () => {
    const html = renderToStaticMarkup(
      <Field
        label="Datum"
        name="date"
        type="date"
        error="Välj ett datum"
        beside={<button type="submit">Visa</button>}
      />,
    );
    expect(html).toContain(
      '<p class="field-error" id="date-error">Välj ett datum</p><div class="field__row">' +
        '<input type="date" name="date" id="date" aria-invalid="true" aria-describedby="date-error"/>' +
        '<button type="submit">Visa</button></div>',
    );
  });

  it.each([
    {
      what: "a whole number brings up the number keys",
      field: <NumberField label="År" name="years" min={1} max={10} defaultValue="3" />,
      input: '<input type="number" inputMode="numeric" name="years" min="1" max="10" id="years" value="3"/>',
    },
    {
      what: "a PIN is hidden as it is typed, on the number keys",
      field: <PinField label="Kod" name="pin" autoComplete="off" errorIn="pin-error" />,
      input:
        '<input type="password" inputMode="numeric" name="pin" autoComplete="off" id="pin" aria-invalid="true" ' +
        'aria-describedby="pin-error"/>',
    },
  ])("$what", ({ field, input }) => {
    expect(renderToStaticMarkup(field)).toContain(input);
  });

  it("heads a table's columns: plain ones, then counts right-aligned, then a button column said only to a reader", () => {
    const head = renderToStaticMarkup(
      <table>
        <ColumnHeads columns={["Datum", { label: "Period", whole: true }]} numeric={["Besök"]} action="Avsluta" />
      </table>,
    );
    expect(head).toBe(
      "<table><thead><tr>" +
        '<th scope="col">Datum</th><th scope="col" class="cell--whole">Period</th><th scope="col" class="num">Besök</th>' +
        '<th scope="col"><span class="visually-hidden">Avsluta</span></th>' +
        "</tr></thead></table>",
    );
    const cell = renderToStaticMarkup(
      <table>
        <tbody>
          <tr>
            <NumCell label="Besök">12</NumCell>
          </tr>
        </tbody>
      </table>,
    );
    expect(cell).toContain('<td class="num" data-label="Besök">12</td>');
  });
});

describe("a character count", () => {
  const wording = { left: "{count} tecken kvar", over: "{count} tecken för mycket. Gör texten kortare." };

  it("says how many are left up to the limit, then how many too many, never a negative number", () => {
    expect(characterCount(0, 300, wording)).toEqual({ over: false, message: "300 tecken kvar" });
    expect(characterCount(300, 300, wording)).toEqual({ over: false, message: "0 tecken kvar" });
    expect(characterCount(301, 300, wording)).toEqual({
      over: true,
      message: "1 tecken för mycket. Gör texten kortare.",
    });
    // Digits grouped as Swedish writes them, with a no-break space.
    expect(characterCount(12, 5000, wording).message).toBe("4\u00a0988 tecken kvar");
    expect(characterCount(6234, 5000, wording).message).toBe("1\u00a0234 tecken för mycket. Gör texten kortare.");
  });

  it("counts with the caller's own counting, and is marked only past the limit", () => {
    const trimmed = (text: string) => text.trim().length;
    const within = renderToStaticMarkup(
      <CharacterCount id="text-count" text="  hej  " count={trimmed} max={5} {...wording} />,
    );
    expect(within).toBe(
      '<p class="hint" id="text-count">2 tecken kvar</p><p class="visually-hidden" role="status"></p>',
    );
    const over = renderToStaticMarkup(
      <CharacterCount id="text-count" text="  hej hej  " count={trimmed} max={5} {...wording} />,
    );
    expect(over).toContain(
      '<p class="hint character-count--over" id="text-count">2 tecken för mycket. Gör texten kortare.</p>',
    );
  });

  it("shows nothing while there is no text to count (before scripts run)", () => {
    const html = renderToStaticMarkup(
      <CharacterCount id="note-count" text={null} count={(t) => t.length} max={300} {...wording} />,
    );
    expect(html).toBe("");
  });
});
