// The version edit page's form (lib/validations/version-form.ts) and the request form's SPEC §7
// fields (lib/validations/request-form.ts), read as a browser without JavaScript sends them.
import { describe, expect, it } from "vitest";
import type { VersionJson } from "@/lib/api/response-schemas";
import { readRequestForm } from "@/lib/validations/request-form";
import { STALE_FORM } from "@/lib/validations/image-form";
import { readVersionForm, versionFormFields } from "@/lib/validations/version-form";

const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const version = (extra: Partial<VersionJson> = {}): VersionJson => ({
  version: "2",
  change_log: "Line one.\nLine two.",
  parent: null,
  created_by: "alice",
  start_date: "2026-01-01T00:00:00.000Z",
  end_date: null,
  min_cpu: 4,
  min_memory_gb: null,
  min_disk_gb: 20,
  allow_imaging: true,
  software: "",
  sys: "",
  exclude: "",
  machines: [],
  ...extra,
});

/** The form as rendered for `shown`, with the user's changes; the checkbox is sent only when checked. */
function versionForm(shown: VersionJson, changes: Record<string, string | undefined> = {}): FormData {
  const fields: Record<string, unknown> = { ...versionFormFields(shown, NOW), ...changes };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (name === "allow_imaging") {
      if (value === true || value === "on") form.append(name, "on");
    } else if (value !== undefined) form.append(name, String(value));
  }
  return form;
}
const read = (shown: VersionJson, changes: Record<string, string | undefined> = {}) => readVersionForm(versionForm(shown, changes), new Date(NOW));

describe("readVersionForm", () => {
  it("sends nothing for a form saved as it was shown (\\r\\n line breaks included)", () => {
    expect(read(version(), { change_log: "Line one.\r\nLine two." })).toEqual({ body: {}, errors: {} });
  });

  it("sends only the fields changed: an emptied box is no requirement, an unchecked box forbids imaging", () => {
    expect(read(version(), { min_cpu: "", min_memory_gb: "8" }).body).toEqual({ min_cpu: null, min_memory_gb: 8 });
    expect(read(version(), { allow_imaging: undefined }).body).toEqual({ allow_imaging: false });
    expect(read(version({ allow_imaging: false }), { allow_imaging: "on" }).body).toEqual({ allow_imaging: true });
  });

  it("retires now or restores, and leaves a retired version's moment alone", () => {
    expect(read(version(), { availability: "retired" }).body).toEqual({ end_date: new Date(NOW).toISOString() });
    const retired = version({ end_date: "2026-05-01T00:00:00.000Z" });
    expect(read(retired).body).toEqual({});
    expect(read(retired, { availability: "available" }).body).toEqual({ end_date: null });
  });

  it("refuses what the API refuses, naming the field, and a form without what it showed", () => {
    expect(read(version(), { min_cpu: "two" }).errors).toEqual({ min_cpu: ["Must be a whole number."] });
    expect(read(version(), { min_disk_gb: "-1" }).errors.min_disk_gb).toBeDefined();
    expect(read(version(), { change_log: "x".repeat(10_001) }).errors.change_log).toBeDefined();
    for (const rendered of [undefined, "{not json", "null", "3"]) {
      expect(read(version(), { rendered })).toEqual({ body: {}, errors: { rendered: [STALE_FORM] } });
    }
  });
});

describe("readRequestForm, SPEC §7's fields", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries({ name: "Next build", instance: "5b1c2f3e-0000-4000-8000-000000000000", description: "Why.", vis: "private", ...fields })) data.append(name, value);
    return data;
  };

  it("reads what to make, the version, its log and requirements; leaves out what was left empty", () => {
    expect(readRequestForm(form({ kind: "version", version_name: " 2.1 ", change_log: "New.", min_cpu: "4", min_memory_gb: "" })).body).toMatchObject({
      fork: false,
      version_name: "2.1",
      change_log: "New.",
      min_cpu: 4,
    });
    const image = readRequestForm(form({ kind: "image" })).body;
    expect(image.fork).toBe(true);
    for (const field of ["version_name", "change_log", "min_cpu", "min_memory_gb", "min_disk_gb"]) expect(image).not.toHaveProperty(field);
    // No choice offered (the instance has no image the requester may edit): the server decides.
    expect(readRequestForm(form({})).body).not.toHaveProperty("fork");
  });

  it("names the fields the API refuses", () => {
    expect(Object.keys(readRequestForm(form({ min_disk_gb: "ten", version_name: "a b" })).errors).sort()).toEqual(["min_disk_gb", "version_name"]);
  });
});
