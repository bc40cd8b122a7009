import { configuredOrigin } from "../http/public-origin";

export interface Notice {
  title: string;
  /** Staff's message, or other text from users: plain text, escaped in the HTML part. */
  body: string;
  /** Paths on this site, first the one the notice is about. */
  links: { label: string; path: string }[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Where the links in e-mails point: NEXTAUTH_URL, else the server's own address. */
export const siteOrigin = () => configuredOrigin() ?? `http://localhost:${process.env.PORT || 3000}`;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** A subject is one line: line breaks and other control characters become spaces. */
const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, 200);

/** The message for a notice: plain text and HTML with the same content, links absolute. */
export function renderMail(notice: Notice, origin = siteOrigin()): RenderedMail {
  const links = notice.links.map((link) => ({ label: link.label, url: new URL(link.path, origin).toString() }));
  const settings = new URL("/settings/notifications", origin).toString();
  const text = [
    notice.title,
    ...(notice.body ? ["", notice.body] : []),
    "",
    ...links.map((link) => `${link.label}: ${link.url}`),
    "",
    "-- ",
    `Atmosphere Images. Choose which e-mails you get: ${settings}`,
    "",
  ].join("\n");
  const paragraph = "margin:0 0 12px 0";
  const html = [
    "<!doctype html>",
    '<html><body style="font-family:sans-serif;line-height:1.4">',
    `<p style="${paragraph};font-weight:bold">${escapeHtml(notice.title)}</p>`,
    ...(notice.body ? [`<p style="${paragraph};white-space:pre-wrap">${escapeHtml(notice.body)}</p>`] : []),
    ...links.map((link) => `<p style="${paragraph}"><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`),
    `<p style="${paragraph};color:#555;font-size:small">Atmosphere Images. <a href="${escapeHtml(settings)}">Choose which e-mails you get</a>.</p>`,
    "</body></html>",
    "",
  ].join("\n");
  return { subject: oneLine(notice.title), text, html };
}
