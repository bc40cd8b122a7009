const DAY = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const MOMENT = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A date as people read it (UTC, so the server and every reader agree), machine-readable too. */
export function DateText({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  return <time dateTime={iso}>{withTime ? `${MOMENT.format(new Date(iso))} UTC` : DAY.format(new Date(iso))}</time>;
}
