// The e-mail settings (SPEC §8): SMTP_URL, MAIL_FROM, SUPPORT_EMAIL. Read when used, so that a
// test can change them; the server checks them once at start (instrumentation.ts).

export const DEFAULT_MAIL_FROM = "Atmosphere Images <no-reply@localhost>";

export interface MailSettings {
  /** smtp://host:25 or smtps://user:pass@host:465; null: notifications stay in the app. */
  smtpUrl: string | null;
  from: string;
  /** Support's mailbox; null: every staff user is written to instead. */
  supportEmail: string | null;
}

export function mailSettings(): MailSettings {
  const smtpUrl = process.env.SMTP_URL?.trim() || null;
  if (smtpUrl !== null) {
    let protocol = "";
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== "smtp:" && protocol !== "smtps:") {
      throw new Error(`SMTP_URL must be smtp://host:port or smtps://user:password@host:port (got "${smtpUrl.split(":")[0]}:…")`);
    }
  }
  return {
    smtpUrl,
    from: process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
    supportEmail: process.env.SUPPORT_EMAIL?.trim() || null,
  };
}

/** What the server says about e-mail when it starts; throws on a setting it cannot use. */
export function mailStatusLine(): string {
  const settings = mailSettings();
  if (!settings.smtpUrl) return "SMTP_URL is not set: notifications are in the app only";
  const url = new URL(settings.smtpUrl);
  return `notifications are also e-mailed through ${url.protocol}//${url.host} from ${settings.from}`;
}

/** The domain of the sender's address, for Message-IDs. */
export function senderDomain(from: string): string {
  const address = /<([^>]*)>/.exec(from)?.[1] ?? from;
  const domain = address.split("@").at(-1)?.trim().toLowerCase() ?? "";
  return /^[a-z0-9.-]+$/.test(domain) ? domain : "localhost";
}
