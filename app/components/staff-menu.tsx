import { NavLink, useLocation } from "@remix-run/react";
import { common } from "~/i18n/strings/common";
import { staff as staffStrings } from "~/i18n/strings/staff";
import { useStrings } from "~/i18n/use-strings";

export interface StaffMenuLink {
  key: string;
  href: string;
}

/**
 * The staff menu: on a wide screen the links in a row; on a phone one line, "Meny" and the page you are on, that
 * opens the same links (a native <details>, so it works without JavaScript and is announced as a disclosure).
 * Only one of the two is displayed at a time, so a screen reader meets one menu.
 */
export function StaffMenu({ links }: { links: StaffMenuLink[] }) {
  const t = useStrings(staffStrings);
  const c = useStrings(common);
  const { pathname } = useLocation();
  if (links.length === 0) return null;
  const items = [
    { key: "start", href: "/staff", label: c.staffStart, end: true },
    ...links.map((l) => ({ key: l.key, href: l.href, label: t[`nav_${l.key}` as keyof typeof t], end: false })),
  ];
  const current = items.find((i) =>
    i.end ? pathname === i.href || pathname === `${i.href}/` : pathname === i.href || pathname.startsWith(`${i.href}/`),
  );
  const list = (
    <ul>
      {items.map((i) => (
        <li key={i.key}>
          <NavLink to={i.href} end={i.end}>
            {i.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <nav aria-label={t.startTitle} className="staff-nav staff-nav--wide no-print">
        {list}
      </nav>
      <nav aria-label={t.startTitle} className="staff-nav staff-nav--compact no-print">
        {/* Keyed by page: a link followed inside the open menu lands on a page with the menu closed. */}
        <details className="staff-menu" key={pathname}>
          <summary>
            <svg className="staff-menu__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
              <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
            </svg>
            <span className="staff-menu__label">{t.menu}</span>
            {current ? <span className="staff-menu__current">{current.label}</span> : null}
          </summary>
          {list}
        </details>
      </nav>
    </>
  );
}
