import { Prisma } from "../db/client";
import type { RowReader } from "../db/committed-rows";
import { jsonArray, jsonObject, nestedJson, parseJson, utcDate } from "../db/sql-json";

/** One image as the JSON API and the pages need it. */
export interface ImageRow {
  id: string;
  icon: string | null;
  name: string;
  description: string;
  startDate: Date;
  endDate: Date | null;
  private: boolean;
  revision: number;
  createdById: number;
  creator: string;
  tags: string[];
  sharedWith: string[];
  /** Oldest first. */
  versions: { alias: string; version: string; providerId: number; startDate: Date; endDate: Date | null }[];
}

const versionJson = jsonObject({ alias: "v.alias", version: "v.version", providerId: "v.provider_id", startDate: "v.start_date", endDate: "v.end_date" });

// One JSON document per image, built by the database: tags, shares and versions come from
// correlated subqueries, so a page of images is one round trip and one value per image to decode.
const IMAGE_JSON = jsonObject({
  id: "i.id",
  icon: "i.icon",
  name: "i.name",
  description: "i.description",
  startDate: "i.start_date",
  endDate: "i.end_date",
  private: "i.private",
  revision: "i.revision",
  createdById: "i.created_by_id",
  creator: "u.username",
  tags: nestedJson(Prisma.sql`SELECT ${jsonArray(Prisma.sql`t.name`, Prisma.sql`t.key`)} FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = i.id`),
  sharedWith: nestedJson(
    Prisma.sql`SELECT ${jsonArray(Prisma.sql`su.username`, Prisma.sql`su.username`)} FROM image_shares s JOIN users su ON su.id = s.user_id WHERE s.image_id = i.id`,
  ),
  versions: nestedJson(Prisma.sql`SELECT ${jsonArray(versionJson, Prisma.sql`v.start_date, v.version, v.provider_id`)} FROM image_versions v WHERE v.image_id = i.id`),
});

type Stored<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] extends boolean ? boolean | number : T[K] };
type StoredImage = Stored<Omit<ImageRow, "versions">> & { versions: Stored<ImageRow["versions"][number]>[] };

function toImageRow(value: unknown): ImageRow {
  const image = parseJson<StoredImage>(value);
  return {
    ...image,
    startDate: utcDate(image.startDate),
    endDate: image.endDate === null ? null : utcDate(image.endDate),
    private: Boolean(image.private),
    versions: image.versions.map((version) => ({
      ...version,
      startDate: utcDate(version.startDate),
      endDate: version.endDate === null ? null : utcDate(version.endDate),
    })),
  };
}

export interface Window {
  orderBy: Prisma.Sql;
  limit: number;
  offset: number;
}

/**
 * The images of `images i` meeting `condition`, in the order and window given. The condition is
 * where the visibility rule goes. The window is chosen on ids alone, so that documents are built
 * for the images of the page only, not for every image sorted to find them.
 */
export async function readImages(read: RowReader, condition: Prisma.Sql, window?: Window): Promise<ImageRow[]> {
  const rows = await read<{ image: unknown }>(readImagesSql(condition, window));
  return rows.map((row) => toImageRow(row.image));
}

export function readImagesSql(condition: Prisma.Sql, window?: Window): Prisma.Sql {
  const select = Prisma.sql`SELECT ${IMAGE_JSON} AS image FROM images i JOIN users u ON u.id = i.created_by_id`;
  if (!window) return Prisma.sql`${select} WHERE ${condition}`;
  const { orderBy, limit, offset } = window;
  return Prisma.sql`${select} WHERE i.id IN (SELECT i.id FROM images i WHERE ${condition} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}) ORDER BY ${orderBy}`;
}
