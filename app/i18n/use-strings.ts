import { useRouteLoaderData } from "@remix-run/react";
import type { Locale } from "./locale";
import { DEFAULT_LOCALE } from "./locale";

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

/** The strings of one group in the page's language. */
export function useStrings<T>(group: Record<Locale, T>): T {
  return group[useLocale()];
}
