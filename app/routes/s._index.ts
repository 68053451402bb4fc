import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** Older posters and links send the code box here: the start page looks the code up. */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code") ?? "";
  return redirect(code ? `/?code=${encodeURIComponent(code.slice(0, 64))}` : "/");
}
