import { Prisma, type Db, type Tx } from "../db/client";
import { jsonArray, jsonObject, parseJson, utcDate } from "../db/sql-json";

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

// One statement for images with everything they carry: tags, shares and versions come as JSON
// arrays from correlated subqueries, so a page of images is one round trip, not one per relation.
const COLUMNS = Prisma.sql`
  i.id, i.icon, i.name, i.description, i.start_date, i.end_date, i.private, i.revision, i.created_by_id, u.username AS creator,
  (SELECT ${jsonArray(Prisma.sql`t.name`, Prisma.sql`t.key`)} FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = i.id) AS tags,
  (SELECT ${jsonArray(Prisma.sql`su.username`, Prisma.sql`su.username`)} FROM image_shares s JOIN users su ON su.id = s.user_id WHERE s.image_id = i.id) AS shared_with,
  (SELECT ${jsonArray(versionJson, Prisma.sql`v.start_date, v.version, v.provider_id`)} FROM image_versions v WHERE v.image_id = i.id) AS versions`;

interface RawImage {
  id: string;
  icon: string | null;
  name: string;
  description: string;
  start_date: Date | string;
  end_date: Date | string | null;
  private: boolean | number;
  revision: number | bigint;
  created_by_id: number | bigint;
  creator: string;
  tags: unknown;
  shared_with: unknown;
  versions: unknown;
}

function toImageRow(raw: RawImage): ImageRow {
  const versions = parseJson<{ alias: string; version: string; providerId: number; startDate: string; endDate: string | null }[]>(raw.versions);
  return {
    id: raw.id,
    icon: raw.icon,
    name: raw.name,
    description: raw.description,
    startDate: utcDate(raw.start_date),
    endDate: raw.end_date === null ? null : utcDate(raw.end_date),
    private: Boolean(raw.private),
    revision: Number(raw.revision),
    createdById: Number(raw.created_by_id),
    creator: raw.creator,
    tags: parseJson(raw.tags),
    sharedWith: parseJson(raw.shared_with),
    versions: versions.map((version) => ({
      ...version,
      providerId: Number(version.providerId),
      startDate: utcDate(version.startDate),
      endDate: version.endDate === null ? null : utcDate(version.endDate),
    })),
  };
}

/**
 * The images of `images i` meeting `condition`, in the order and window `tail` gives
 * (`ORDER BY … LIMIT …`). The condition is where the visibility rule goes.
 */
export async function readImages(client: Db | Tx, condition: Prisma.Sql, tail: Prisma.Sql = Prisma.empty): Promise<ImageRow[]> {
  return (await client.$queryRaw<RawImage[]>(readImagesSql(condition, tail))).map(toImageRow);
}

export const readImagesSql = (condition: Prisma.Sql, tail: Prisma.Sql = Prisma.empty) =>
  Prisma.sql`SELECT ${COLUMNS} FROM images i JOIN users u ON u.id = i.created_by_id WHERE ${condition} ${tail}`;
