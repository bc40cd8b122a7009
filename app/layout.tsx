import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";
import { currentViewer } from "@/lib/auth/viewer";
import { SignOutButton } from "@/components/sign-out-button";

export const metadata: Metadata = {
  title: { default: "Atmosphere Images", template: "%s · Atmosphere Images" },
  description: "Browse, edit and request the virtual-machine images of the research cloud.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await currentViewer();
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 dark:border-slate-800">
          <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
            <Link href="/" className="font-semibold">
              Atmosphere Images
            </Link>
            <span className="flex-1" />
            {viewer ? (
              <>
                <span className="text-sm text-slate-600 dark:text-slate-400">
                  Signed in as <strong>{viewer.username}</strong>
                  {viewer.isStaff ? " (staff)" : ""}
                </span>
                <SignOutButton />
              </>
            ) : (
              <Link href="/login" className="text-sm underline">
                Sign in
              </Link>
            )}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
