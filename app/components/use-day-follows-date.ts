import { useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, type RefObject } from "react";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The attendance register's day follows its date field: the day's list and "registrerad" badges are those of the
 * date shown. `showDay(value)` is the field's `onChange`. A date changed before the page's scripts took over (a slow
 * phone) fired its change event before there was an `onChange`, and hydration does not replay it: once they have
 * taken over, a field whose value is no longer what the server rendered into it asks for its day the same way.
 * Without JavaScript the form's "Visa dagen" does it.
 *
 *   const { form, showDay } = useDayFollowsDate(date, values?.date || date);
 *   <Form ref={form}> … <Field name="date" onChange={(e) => showDay(e.currentTarget.value)} /> …
 */
export function useDayFollowsDate(
  date: string,
  rendered: string,
): { form: RefObject<HTMLFormElement>; showDay: (value: string) => void } {
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const showDay = useCallback(
    (value: string) => {
      if (DAY.test(value) && value !== date) {
        navigate(`/staff/attendance?date=${value}`, { replace: true, preventScrollReset: true });
      }
    },
    [date, navigate],
  );
  // Once, when the scripts take over: later changes go through onChange.
  const first = useRef({ rendered, showDay });
  useEffect(() => {
    const field = form.current?.elements.namedItem("date");
    const value = field instanceof HTMLInputElement ? field.value : "";
    if (value !== first.current.rendered) first.current.showDay(value);
  }, []);
  return { form, showDay };
}
