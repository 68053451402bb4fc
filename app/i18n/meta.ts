import type { MetaFunction } from "@remix-run/node";
import { DEFAULT_LOCALE, type Locale } from "./locale";
import { common } from "./strings/common";

type Matches = Parameters<MetaFunction>[0]["matches"];

/** The page's language in a `meta` function, from the root loader. */
export function metaLocale(matches: Matches): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  return root?.locale ?? DEFAULT_LOCALE;
}

/**
 * Page titles come from the strings, in the page's language, followed by the app's name:
 *   export const meta = pageTitle(staffStrings, "usersTitle");                       // "Personal – Deltagarröst"
 *   export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
 *     titleFor(strings, matches, (t) => data?.campaign.title ?? t.pageCampaign);    // from the loader's data
 * `{ appName: false }` when the string already names its place ("Röstning – Framtidsverkstad").
 */
export function pageTitle<T extends Record<string, string>>(
  group: Record<Locale, T>,
  key: keyof T & string,
  options?: { appName?: boolean },
): MetaFunction {
  return ({ matches }) => titleFor(group, matches, (t) => t[key], options);
}

export function titleFor<T extends Record<string, string>>(
  group: Record<Locale, T>,
  matches: Matches,
  text: (t: T) => string,
  { appName = true }: { appName?: boolean } = {},
): { title: string }[] {
  const locale = metaLocale(matches);
  const title = text(group[locale]);
  return [{ title: appName ? `${title} – ${common[locale].appName}` : title }];
}
