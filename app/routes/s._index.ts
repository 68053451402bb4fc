import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** The start page's code box lands here: tidy what was typed and go to the survey. */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = (new URL(request.url).searchParams.get("code") ?? "")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 16);
  return redirect(code ? `/s/${code}` : "/");
}
