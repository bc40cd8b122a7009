import type { Metadata } from "next";
import Link from "next/link";
import { CURL_VARIABLES } from "@/lib/openapi/curl";
import { fields, refName, typeLabel, type Field } from "@/lib/openapi/describe";
import { openApiDocument } from "@/lib/openapi/document";
import { configuredOrigin } from "@/lib/http/public-origin";

export const metadata: Metadata = { title: "API reference" };

type JsonObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rendering a JSON document

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  post: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  put: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  patch: "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100",
  delete: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};
const code = "rounded bg-slate-100 px-1 py-0.5 text-sm dark:bg-slate-800";
const pre = "overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100";

export default function ApiReferencePage() {
  const document = openApiDocument() as JsonObject;
  const origin = configuredOrigin();
  const operations = Object.entries(document.paths as JsonObject).flatMap(([path, methods]) =>
    Object.entries(methods as JsonObject).map(([method, operation]) => ({ path, method, operation: operation as JsonObject })),
  );
  const schemas = document.components.schemas as JsonObject;

  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="API reference" className="text-sm lg:sticky lg:top-4 lg:self-start">
        <ul className="space-y-3">
          <li><a href="#start" className="font-medium underline-offset-2 hover:underline">Getting started</a></li>
          {(document.tags as JsonObject[]).map((tag) => (
            <li key={tag.name}>
              <p className="font-semibold">{tag.name}</p>
              <ul className="mt-1 space-y-1 pl-2">
                {operations.filter(({ operation }) => operation.tags[0] === tag.name).map(({ operation }) => (
                  <li key={operation.operationId}>
                    <a href={`#${operation.operationId}`} className="underline-offset-2 hover:underline">{operation.summary}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          <li><a href="#schemas" className="font-medium underline-offset-2 hover:underline">Schemas</a></li>
        </ul>
      </nav>

      <div className="min-w-0 space-y-12">
        <section id="start" aria-labelledby="start-heading" className="space-y-4">
          <h1 id="start-heading" className="text-3xl font-semibold">{document.info.title}</h1>
          <p className="max-w-prose">{document.info.description}</p>
          <p>
            Base URL: <code className={code}>{document.servers[0].url}</code>. The machine-readable description is{" "}
            <a href="/api/v1/openapi.json" className="text-sky-700 underline dark:text-sky-400">/api/v1/openapi.json</a> (OpenAPI 3.1).
          </p>
          <h2 className="text-xl font-semibold">Authentication</h2>
          <p className="max-w-prose">
            Anonymous callers see the public catalog. To see your private images, edit, or request images, send a token:{" "}
            <code className={code}>Authorization: Token &lt;token&gt;</code> (or <code className={code}>Bearer</code>). Create one under{" "}
            <Link href="/settings/tokens" className="text-sky-700 underline dark:text-sky-400">Settings → API tokens</Link>, or on the server
            with <code className={code}>npm run token:create -- --username you</code>, or from a script with{" "}
            <a href="#createToken" className="text-sky-700 underline dark:text-sky-400">POST /auth/token</a>. A wrong, revoked or expired token is a 401, never
            anonymous access. In the browser, the session cookie works too.
          </p>
          <h2 className="text-xl font-semibold">Errors and pages</h2>
          <p className="max-w-prose">
            Errors are <code className={code}>application/problem+json</code> (RFC 9457): <code className={code}>status</code>,{" "}
            <code className={code}>title</code>, <code className={code}>detail</code> for people, and <code className={code}>errors</code> by
            field when the input is not valid. Collections answer <code className={code}>{"{count, next, previous, results}"}</code> with{" "}
            <code className={code}>page</code> and <code className={code}>page_size</code>, and the same links in a{" "}
            <code className={code}>Link</code> header.
          </p>
          <h2 className="text-xl font-semibold">Trying the examples</h2>
          <p>Every operation has a curl example. They use these shell variables:</p>
          <pre tabIndex={0} className={pre}>
            {CURL_VARIABLES.map(([name, what]) => (name === "ATMO" && origin ? `ATMO=${origin}` : `${name}=…   # ${what}`)).join("\n")}
          </pre>
        </section>

        {operations.map(({ path, method, operation }) => (
          <section key={operation.operationId} id={operation.operationId} aria-labelledby={`${operation.operationId}-heading`} className="scroll-mt-4 space-y-4 border-t border-slate-200 pt-8 dark:border-slate-800">
            <h2 id={`${operation.operationId}-heading`} className="text-xl font-semibold">{operation.summary}</h2>
            <p className="flex flex-wrap items-center gap-2 font-mono text-sm">
              <span className={`rounded px-2 py-0.5 font-semibold uppercase ${METHOD_COLOURS[method]}`}>{method}</span>
              <span className="break-all">/api/v1{path}</span>
            </p>
            {operation.description && <p className="max-w-prose">{operation.description}</p>}
            <p className="text-sm text-slate-700 dark:text-slate-300">
              {operation.security.length === 0
                ? "No authentication."
                : operation.security.some((requirement: JsonObject) => Object.keys(requirement).length === 0)
                  ? "Authentication optional: what you get depends on who you are."
                  : "Authentication required."}
            </p>
            {operation.parameters.length > 0 && (
              <FieldTable
                caption="Parameters"
                rows={operation.parameters.map((parameter: JsonObject) => ({
                  name: `${parameter.name} (${parameter.in})`,
                  type: typeLabel(parameter.schema),
                  required: parameter.required,
                  notes: parameter.description ?? "",
                }))}
              />
            )}
            {operation.requestBody && (
              <div className="space-y-2">
                <FieldTable
                  caption={`Body: ${refName(operation.requestBody.content["application/json"].schema.$ref)} (JSON)`}
                  rows={fields(schemas[refName(operation.requestBody.content["application/json"].schema.$ref)])}
                />
                <pre tabIndex={0} className={pre}>{JSON.stringify(operation.requestBody.content["application/json"].example, null, 2)}</pre>
              </div>
            )}
            <div>
              <h3 className="mb-2 font-semibold">Responses</h3>
              <ul className="space-y-1 text-sm">
                {Object.entries(operation.responses as JsonObject).map(([status, response]) => {
                  // A 204 has no content.
                  const [type, content] = Object.entries((response.content ?? {}) as JsonObject)[0] ?? [];
                  return (
                    <li key={status}>
                      <span className="font-mono font-semibold">{status}</span> {response.description}{" "}
                      {content && (
                        <span className="text-slate-600 dark:text-slate-400">
                          ({content.schema.$ref ? <a href={`#schema-${refName(content.schema.$ref)}`} className="underline">{refName(content.schema.$ref)}</a> : type})
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
            <div>
              <h3 className="mb-2 font-semibold">Example</h3>
              <pre tabIndex={0} className={pre} data-curl={operation.operationId}>{operation["x-codeSamples"][0].source}</pre>
            </div>
          </section>
        ))}

        <section id="schemas" aria-labelledby="schemas-heading" className="space-y-6 border-t border-slate-200 pt-8 dark:border-slate-800">
          <h2 id="schemas-heading" className="text-2xl font-semibold">Schemas</h2>
          {Object.entries(schemas)
            .filter(([, schema]) => schema.properties)
            .map(([name, schema]) => (
              <div key={name} id={`schema-${name}`} className="scroll-mt-4 space-y-2">
                <FieldTable caption={name} rows={fields(schema)} description={schema.description} />
              </div>
            ))}
        </section>
      </div>
    </div>
  );
}

function FieldTable({ caption, rows, description }: { caption: string; rows: Field[]; description?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm">
        <caption className="bg-slate-100 px-3 py-2 text-left font-semibold dark:bg-slate-900">
          {caption}
          {description && <span className="block font-normal text-slate-600 dark:text-slate-400">{description}</span>}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">Type</th>
            <th scope="col" className="px-3 py-2">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className="border-t border-slate-200 align-top dark:border-slate-800">
              <td className="px-3 py-2 font-mono">
                {row.name}
                {row.required && <span className="ml-1 text-xs text-red-700 dark:text-red-400">required</span>}
              </td>
              <td className="px-3 py-2">{row.type}</td>
              <td className="px-3 py-2">{row.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
