import type { Metadata } from "next";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { countLiveSessions } from "@/lib/auth/session";
import { orPageError, pageNumber, requireViewer } from "@/lib/pages";
import { DateText } from "@/components/dates";
import { CreateTokenForm } from "@/components/create-token-form";
import { Pagination } from "@/components/pagination";
import { SignedInBrowsers } from "@/components/signed-in-browsers";
import { revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

const TOKENS_PAGE_SIZE = 20;
const TOKENS_PATH = "/settings/tokens";
// The data layer's page carries absolute next/previous links; this page builds its own.
const TOKENS_URL = new URL(`http://tokens.invalid${TOKENS_PATH}`);
const pageHref = (page: number) => (page === 1 ? TOKENS_PATH : `${TOKENS_PATH}?page=${page}`);

export default async function TokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer(TOKENS_PATH);
  const page = pageNumber((await searchParams).page);
  const [tokens, liveSessions] = await Promise.all([
    orPageError(listApiTokens(viewer.id, { page, page_size: TOKENS_PAGE_SIZE }, TOKENS_URL)),
    countLiveSessions(viewer.id),
  ]);
  const now = new Date();

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="text-slate-700 dark:text-slate-300">
          Scripts and other services use a token to call the API as you: send it as{" "}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">Authorization: Token …</code> (or{" "}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">Bearer …</code>). Anyone holding a token can do what you can, so
          revoke the ones you no longer use.
        </p>
      </div>

      <CreateTokenForm />

      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Your tokens
        </h2>
        {tokens.count === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">You have no tokens yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100 dark:bg-slate-900">
                <tr>
                  {["Name", "Starts with", "Created", "Last used", "Expires", "Status", ""].map((heading, index) => (
                    <th key={index} scope="col" className="px-3 py-2 font-medium">
                      {heading || <span className="sr-only">Actions</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tokens.results.map((token) => {
                  const status = token.revokedAt ? "Revoked" : token.expiresAt && token.expiresAt <= now ? "Expired" : "Active";
                  return (
                    <tr key={token.id} className="border-t border-slate-200 dark:border-slate-800">
                      <td className="px-3 py-2 font-medium">{token.name}</td>
                      <td className="px-3 py-2 font-mono">{token.prefix}…</td>
                      <td className="px-3 py-2"><DateText iso={token.createdAt.toISOString()} /></td>
                      <td className="px-3 py-2">{token.lastUsedAt ? <DateText iso={token.lastUsedAt.toISOString()} withTime /> : "never"}</td>
                      <td className="px-3 py-2">{token.expiresAt ? <DateText iso={token.expiresAt.toISOString()} /> : "never"}</td>
                      <td className="px-3 py-2">{status}</td>
                      <td className="px-3 py-2">
                        {status === "Active" && (
                          <form action={revokeTokenAction}>
                            <input type="hidden" name="id" value={token.id} />
                            <button type="submit" className="text-red-700 underline dark:text-red-400" aria-label={`Revoke token ${token.name}`}>
                              Revoke
                            </button>
                          </form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pages={Math.max(1, Math.ceil(tokens.count / TOKENS_PAGE_SIZE))} href={pageHref} />
      </section>

      <SignedInBrowsers liveSessions={liveSessions} />
    </div>
  );
}
