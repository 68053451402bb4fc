import { Form } from "@remix-run/react";

/**
 * One button that gives a dot to an item or takes one back: on the participant's phone (`{ votingId }`) and on
 * the facilitator's page for a paper ballot (`{ participantId }`). `fields` are the hidden fields that say whose
 * dot it is; the button names the item for a screen reader.
 */
export function DotForm({
  fields,
  item,
  intent,
  label,
  disabled,
}: {
  fields: Record<string, string | number>;
  item: { type: string; id: number | string; text: string };
  intent: "vote" | "unvote";
  label: string;
  /** While a tap is on its way, and "give" when no dot is left (it stays in place, greyed, so nothing jumps). */
  disabled?: boolean;
}) {
  return (
    <Form method="post" preventScrollReset>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="itemType" value={item.type} />
      <input type="hidden" name="itemId" value={item.id} />
      <button
        type="submit"
        name="intent"
        value={intent}
        className={intent === "vote" ? "button" : "button button--secondary"}
        disabled={disabled}
        aria-label={`${label}: ${item.text}`}
      >
        {label}
      </button>
    </Form>
  );
}
