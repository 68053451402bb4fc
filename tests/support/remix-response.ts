/**
 * The one way tests read what a loader or action gave (through `settle`): a thrown or returned Response, a Remix
 * `data()` result, or a plain object. Tests never reach into Remix's internals (`.init`, `.data`) themselves.
 *
 *   const out = await settle(() => action({ request, params, context }));
 *   expect(statusOf(out)).toBe(302);
 *   expect(locationOf(out)).toBe("/staff/users/3");
 *   expect(dataOf<{ errors: object }>(out).errors).toEqual({});
 *   expect(headersOf(out).get("Retry-After")).toBe("60");
 */
type Outcome = { value: unknown };
type DataResult = { data: unknown; init: ResponseInit | null };

function isDataResult(v: unknown): v is DataResult {
  return !!v && typeof v === "object" && "data" in v && "init" in v && !(v instanceof Response);
}

/** The HTTP status: a Response's, a `data()` result's, or 200 for a plain object. */
export function statusOf(outcome: Outcome): number {
  const v = outcome.value;
  if (v instanceof Response) return v.status;
  if (isDataResult(v)) return v.init?.status ?? 200;
  return 200;
}

/** The body a component would get: a `data()` result's data, or the plain object itself. */
export function dataOf<T = Record<string, unknown>>(outcome: Outcome): T {
  const v = outcome.value;
  return (isDataResult(v) ? v.data : v) as T;
}

export function headersOf(outcome: Outcome): Headers {
  const v = outcome.value;
  if (v instanceof Response) return v.headers;
  if (isDataResult(v)) return new Headers(v.init?.headers ?? undefined);
  return new Headers();
}

/** Where a redirect leads, or null. */
export function locationOf(outcome: Outcome): string | null {
  return headersOf(outcome).get("Location");
}
