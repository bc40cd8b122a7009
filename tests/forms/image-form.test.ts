// readImageForm: the edit form's PATCH body holds only what the user changed.
import { describe, expect, it } from "vitest";
import type { ImageJson } from "@/lib/api/response-schemas";
import { readImageForm, STALE_FORM } from "@/lib/validations/image-form";
import { editForm, type FormChanges } from "./image-form";

const NOW = new Date("2030-05-06T10:00:00.000Z");
const SCHEDULED = "2030-06-15T16:11:23.456Z";

/** An image as its creator sees it: scheduled to retire at 16:11:23.456 UTC, shared with bob and carol. */
const image = (overrides: Partial<ImageJson> = {}): ImageJson => ({
  id: "00000000-0000-4000-8000-000000000001",
  icon: null,
  created_by: "alice",
  name: "Shared Lab Notebook",
  tags: ["Jupyter", "Python"],
  description: "Notebooks.\nWith two lines.",
  start_date: "2030-01-01T00:00:00.000Z",
  end_date: SCHEDULED,
  private: true,
  versions: [],
  shared_with: ["bob", "carol"],
  ...overrides,
});
const publicKeepingShares = image({ private: false, shared_with: ["bob"], end_date: null });

/** Renders the form for the image at NOW, applies the user's changes, reads it at `at`. */
const read = (shown: ImageJson, changes: FormChanges = {}, at = NOW) => readImageForm(editForm(shown, NOW.getTime(), changes), at);

describe("an untouched field is not sent", () => {
  it("a description-only save sends the description only", () => {
    expect(read(image(), { description: "Fixed a typo." })).toEqual({ body: { description: "Fixed a typo." }, errors: {} });
  });

  it("saving the form untouched sends nothing", () => {
    expect(read(image())).toEqual({ body: {}, errors: {} });
  });

  it("compares as the API stores: trimmed name, \\r\\n line breaks, tags as a set regardless of case", () => {
    const changes = { name: "  Shared Lab Notebook ", description: "Notebooks.\r\nWith two lines.", tags: "python, JUPYTER, Python" };
    expect(read(image(), changes).body).toEqual({});
    expect(read(image(), { tags: ["Python", "Jupyter", "R"] }).body).toEqual({ tags: ["Python", "Jupyter", "R"] });
  });
});

describe("who can see it", () => {
  it("public: the share list a public image keeps is not sent", () => {
    expect(read(publicKeepingShares, { description: "New." }).body).toEqual({ description: "New." });
    expect(read(image(), { visibility: "public" }).body).toEqual({ private: false });
  });

  it("private chosen on a shared image sends an empty list, and private only when it changes", () => {
    expect(read(image(), { visibility: "private" }).body).toEqual({ shared_with: [] });
    expect(read(publicKeepingShares, { visibility: "private" }).body).toEqual({ private: true, shared_with: [] });
    expect(read(image({ shared_with: [] }), { visibility: "private", name: "Renamed" }).body).toEqual({ name: "Renamed" });
  });

  it("shared: the list only when it differs from the one shown, in any order", () => {
    expect(read(image(), { shared_with: "carol, bob" }).body).toEqual({});
    expect(read(image(), { shared_with: "bob" }).body).toEqual({ shared_with: ["bob"] });
    expect(read(publicKeepingShares, { visibility: "shared" }).body).toEqual({ private: true });
    expect(read(image(), { shared_with: "" }).errors.shared_with).toEqual(["Name at least one user to share with, or make it private."]);
  });
});

describe("retirement", () => {
  it("an unchanged scheduled day and time keep the stored moment: end_date is not sent", () => {
    expect(read(image(), { end_day: "2030-06-15", end_time: "16:11" }).body).toEqual({});
  });

  it("a changed time moves the moment to that minute, UTC", () => {
    expect(read(image(), { end_time: "16:12" }).body).toEqual({ end_date: "2030-06-15T16:12:00.000Z" });
  });

  it("scheduling later today works", () => {
    const changes = { retirement: "schedule", end_day: "2030-05-06", end_time: "11:05" };
    expect(read(image({ end_date: null }), changes)).toEqual({ body: { end_date: "2030-05-06T11:05:00.000Z" }, errors: {} });
  });

  it("a moment not in the future is an inline error", () => {
    const changes = { retirement: "schedule", end_day: "2030-05-06", end_time: "09:59" };
    expect(read(image({ end_date: null }), changes)).toEqual({ body: {}, errors: { end_date: ["Choose a moment in the future, or retire it now."] } });
    expect(read(image(), { end_time: "10:30" }, new Date("2030-06-15T10:30:00.000Z")).errors.end_date).toEqual(["Choose a moment in the future, or retire it now."]);
  });

  it("a missing day or a malformed time is an inline error; a cleared time is midnight", () => {
    const schedule = { retirement: "schedule" };
    expect(read(image({ end_date: null }), schedule).errors.end_date).toEqual(["Choose the day it should be retired."]);
    for (const [end_day, end_time] of [["2030-05-07", "25:00"], ["2030-05-07", "24:00"], ["2030-02-31", "12:00"], ["2030-05-07", "noon"]]) {
      expect(read(image({ end_date: null }), { ...schedule, end_day, end_time }).errors.end_date).toEqual(["Enter a day and a time (UTC) such as 16:30."]);
    }
    expect(read(image({ end_date: null }), { ...schedule, end_day: "2030-05-07", end_time: "" }).body).toEqual({ end_date: "2030-05-07T00:00:00.000Z" });
  });

  it('"none" sends null only when there was an end date, "now" only when not already retired', () => {
    expect(read(image({ end_date: null }), { retirement: "none", description: "x" }).body).toEqual({ description: "x" });
    expect(read(image(), { retirement: "none" }).body).toEqual({ end_date: null });
    expect(read(image(), { retirement: "now" }).body).toEqual({ end_date: NOW.toISOString() });
    const retired = image({ end_date: "2030-01-02T03:04:05.678Z" });
    expect(read(retired).body).toEqual({});
    expect(read(retired, { retirement: "none" }).body).toEqual({ end_date: null });
  });
});

describe("without the rendered image (missing or malformed)", () => {
  it.each([undefined, "{not json", JSON.stringify({ name: "only a name" })])("rendered = %j: nothing is sent, the form asks for a reload", (rendered) => {
    expect(read(publicKeepingShares, { rendered })).toEqual({ body: {}, errors: { rendered: [STALE_FORM] } });
    expect(read(image(), { rendered }).body).toEqual({});
  });
});
