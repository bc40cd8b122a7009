import type { Metadata, Viewport } from "next";
import "./globals.css";
import { currentViewer } from "@/lib/auth/viewer";
import { countWaitingRequests } from "@/lib/image-requests/find-requests";
import { countUnread } from "@/lib/notifications/list-notifications";
import { SiteHeader } from "@/components/site-header";

export const metadata: Metadata = {
  title: { default: "Atmosphere Images", template: "%s · Atmosphere Images" },
  description: "Browse, edit and request the virtual-machine images of the research cloud.",
  // Drawn in scripts/render-icons.ts; app/manifest.ts is the web manifest.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
      { url: "/icons/icon-192.png", type: "image/png", sizes: "192x192" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await currentViewer();
  const [waiting, unread] = await Promise.all([viewer?.isStaff ? countWaitingRequests() : null, viewer ? countUnread(viewer.id) : null]);
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only rounded bg-white p-2 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 dark:bg-slate-900">
          Skip to content
        </a>
        <SiteHeader viewer={viewer} waiting={waiting} unread={unread} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
