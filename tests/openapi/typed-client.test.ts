// API consumers generate clients from the OpenAPI document. This generates one, as they would
// (openapi-typescript), writes a small consumer that passes numbers and booleans through
// openapi-fetch, and compiles both with the project's TypeScript: if the document said `string`
// for page, page_size, provider or the flags, the consumer would not compile.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";

type JsonObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document
const document = openApiDocument() as JsonObject;
const folder = mkdtempSync(path.join(tmpdir(), "typed-client-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const CONSUMER = `
import createClient from "openapi-fetch";
import type { paths } from "./api";

const client = createClient<paths>({ baseUrl: "http://localhost:3000/api/v1", headers: { Authorization: "Token atmo_example" } });

export async function favoritesOnPageTwo(): Promise<string[]> {
  const { data, error } = await client.GET("/images", {
    params: { query: { page: 2, page_size: 10, include_end_dated: true, bookmarked: true, shared_with_me: false, provider: 1, tag: ["Featured"], ordering: "name" } },
  });
  if (error) throw new Error(error.detail);
  const count: number = data.count;
  return data.results.map((image) => \`\${image.name} (\${count})\`);
}

export async function everyCollectionPages(): Promise<number> {
  const tags = await client.GET("/tags", { params: { query: { page: 1, page_size: 1000 } } });
  const requests = await client.GET("/image_requests", { params: { query: { page: 3, page_size: 50, status: ["pending", "approved"] } } });
  return (tags.data?.count ?? 0) + (requests.data?.count ?? 0);
}

export async function star(id: string): Promise<{ bookmarked: boolean; count: number } | undefined> {
  await client.PUT("/images/{id}/bookmark", { params: { path: { id } } });
  await client.DELETE("/images/{id}/bookmark", { params: { path: { id } } });
  const { data } = await client.GET("/images/{id}/bookmark", { params: { path: { id } } });
  return data;
}

export async function notText(): Promise<void> {
  // @ts-expect-error page is an integer, not the text of one
  await client.GET("/images", { params: { query: { page: "2" } } });
  // @ts-expect-error bookmarked is a boolean
  await client.GET("/images", { params: { query: { bookmarked: "true" } } });
  // @ts-expect-error provider is an integer
  await client.GET("/images", { params: { query: { provider: "1" } } });
}
`;

function compile(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
}

describe("a client generated from the OpenAPI document", () => {
  it("takes numbers and booleans for the numeric and boolean query parameters, and compiles", async () => {
    const generated = astToString(await openapiTS(structuredClone(document) as OpenAPI3));
    writeFileSync(path.join(folder, "api.ts"), generated);
    writeFileSync(path.join(folder, "consumer.ts"), CONSUMER);
    // The consumer imports openapi-fetch as an application would: from its node_modules.
    symlinkSync(path.resolve("node_modules"), path.join(folder, "node_modules"), "dir");
    expect(compile([path.join(folder, "consumer.ts")])).toEqual([]);
  }, 60_000);

  it("documents every whole-number query parameter as an integer with bounds, every flag as a boolean", () => {
    const parameters = Object.values(document.paths as JsonObject)
      .flatMap((methods) => Object.values(methods as JsonObject))
      .flatMap((operation) => (operation.parameters as JsonObject[]).filter((parameter) => parameter.in === "query"));
    const byName = new Map(parameters.map((parameter) => [parameter.name, parameter.schema]));
    for (const name of ["page", "page_size", "provider"]) {
      expect(byName.get(name), name).toMatchObject({ type: "integer", minimum: 1, maximum: expect.any(Number) });
    }
    expect(byName.get("page")).toMatchObject({ default: 1 });
    expect(byName.get("page_size")).toMatchObject({ maximum: 1000, default: 100 });
    for (const name of ["include_end_dated", "shared_with_me", "bookmarked"]) expect(byName.get(name), name).toEqual({ type: "boolean", default: false });
    // Nothing is still documented as the text it arrives as.
    for (const parameter of parameters) {
      expect(JSON.stringify(parameter.schema), parameter.name).not.toMatch(/\\\\d\{1,10\}|"enum":\["0","1"|"enum":\["true"/);
    }
  });
});
