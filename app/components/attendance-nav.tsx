import { NavLink } from "@remix-run/react";
import { attendance as attendanceStrings } from "~/i18n/strings/attendance";
import { visitors as visitorStrings } from "~/i18n/strings/visitors";
import { useStrings } from "~/i18n/use-strings";

/** The attendance pages' own small menu; editors also see enrolment and import. */
export function AttendanceNav({ canEdit }: { canEdit: boolean }) {
  const t = useStrings(attendanceStrings);
  const v = useStrings(visitorStrings);
  const links = [
    { to: "/staff/attendance", label: t.navRegister, end: true },
    { to: "/staff/attendance/stats", label: t.navStats, end: false },
    ...(canEdit
      ? [
          { to: "/staff/attendance/enrolment", label: t.navEnrolment, end: false },
          { to: "/staff/attendance/import", label: t.navImport, end: false },
          { to: "/staff/attendance/visitors", label: v.navRegister, end: false },
        ]
      : []),
  ];
  return (
    <nav aria-label={t.subNav} className="sub-nav no-print">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
