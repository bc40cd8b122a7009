import "server-only";
import type { ProviderJson } from "../api/response-schemas";
import { db } from "../db/client";
import { pageWindow, toPage, type Page, type PageRequest } from "../pagination";

export async function listProviders(request: PageRequest, url: URL): Promise<Page<ProviderJson>> {
  const select = { id: true, name: true, location: true, active: true, kind: true };
  const [count, rows] = await Promise.all([
    db.provider.count(),
    db.provider.findMany({ select, orderBy: { id: "asc" }, ...pageWindow(request) }),
  ]);
  return toPage(url, request, count, rows.map((row) => ({ ...row, kind: row.kind === "openstack" ? ("openstack" as const) : ("manual" as const) })));
}

/** Provider names by id: a handful of rows, read for pages that show versions. */
export async function providerNames(): Promise<Map<number, string>> {
  const rows = await db.provider.findMany({ select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The ids of the providers with a cloud behind them (their requests are completed with a Glance image). */
export async function openStackProviderIds(): Promise<Set<number>> {
  const rows = await db.provider.findMany({ where: { kind: "openstack" }, select: { id: true } });
  return new Set(rows.map((row) => row.id));
}
