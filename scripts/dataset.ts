// npm run dataset: fills an empty database with a large, realistic catalog for the speed checks:
// 100,000 images (IMAGES) with one to three versions over three providers, 500 Zipf-distributed
// tags, 5,000 users, 10% private (half of those shared), 5% retired, 1% scheduled for retirement,
// names and descriptions of real words. Deterministic: the same seed gives the same catalog.
// Every dataset user's password is "dataset-password".
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import bcrypt from "bcrypt";
import { databaseKind, databaseUrl, sqlitePath } from "../lib/database-url";
import { migrate } from "../lib/db/migrate";
import { searchText, tagKey } from "../lib/images/tags";

const IMAGES = Number(process.env.IMAGES) || 100_000;
const USERS = Number(process.env.USERS) || 5_000;
const TAGS = 500;
const DAY = 24 * 60 * 60 * 1000;

const WORDS = [...new Set((
  "ubuntu debian rocky centos fedora alpine linux desktop server base minimal cloud gpu cuda python jupyter notebook rstudio " +
  "tidyverse bioconductor genomics rnaseq chipseq proteomics metagenomics microbiome phylogenetics assembly alignment blast " +
  "bowtie star salmon kallisto deseq edger scanpy seurat cellranger snakemake nextflow galaxy docker singularity kubernetes " +
  "spark hadoop dask pandas numpy scipy tensorflow pytorch keras lightning transformers llama vision imaging microscopy fiji " +
  "napari qiime mothur kraken prokka spades megahit trinity busco augustus maker blast2go interproscan hmmer clustal mafft " +
  "raxml iqtree beast mrbayes gromacs namd amber lammps quantum espresso vasp orca gaussian openfoam paraview visit wrf cesm " +
  "climate weather hydrology ecology remote sensing gis postgis qgis gdal grass rasters lidar drone satellite forest soil " +
  "agriculture plant wheat maize rice arabidopsis tomato grape cotton sorghum barley soybean cassava potato phenotyping " +
  "workshop teaching course tutorial lab shared group project pipeline workflow analysis stack toolkit environment server " +
  "database mysql mariadb mongodb redis elasticsearch kibana grafana prometheus nginx apache web portal wordpress drupal " +
  "matlab octave julia fortran mpi openmp slurm hpc cluster compute storage irods globus rsync backup archive secure vpn " +
  "statistics machine learning deep neural network graph model simulation optimization inference bayesian sequencing reads " +
  "variant calling gatk freebayes annovar vep plink gwas population genetics evolution dna rna protein structure alphafold " +
  "rosetta pymol chimera docking screening chemistry physics astronomy astropy healpy telescope radio signal audio video"
).split(" "))];

/** mulberry32: a small, seeded generator, so that every run makes the same catalog. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20261126);
const int = (n: number) => Math.floor(rand() * n);
const words = (min: number, max: number) => Array.from({ length: min + int(max - min + 1) }, () => WORDS[int(WORDS.length)]);
const capitalised = (word: string) => word[0].toUpperCase() + word.slice(1);
// Zipf: tag k is chosen with weight 1/k.
const zipfWeights = Array.from({ length: TAGS }, (_, k) => 1 / (k + 1));
const zipfTotal = zipfWeights.reduce((a, b) => a + b, 0);
function zipf(): number {
  let target = rand() * zipfTotal;
  for (let k = 0; k < TAGS; k++) if ((target -= zipfWeights[k]) <= 0) return k;
  return TAGS - 1;
}

interface Rows {
  users: unknown[][];
  tags: unknown[][];
  images: unknown[][];
  search: unknown[][];
  versions: unknown[][];
  machines: unknown[][];
  imageTags: unknown[][];
  shares: unknown[][];
}

function generate(providerIds: number[], firstUserId: number, firstTagId: number, now: number): Rows {
  const passwordHash = bcrypt.hashSync("dataset-password", 10);
  const users = Array.from({ length: USERS }, (_, i) => {
    const username = `user${String(i + 1).padStart(5, "0")}`;
    return [firstUserId + i, username, `${username}@example.org`, `Dataset User ${i + 1}`, passwordHash, 0, new Date(now - 1000 * DAY)];
  });
  const tagNames = Array.from({ length: TAGS }, (_, k) => (k < WORDS.length ? capitalised(WORDS[k]) : `${capitalised(WORDS[k % WORDS.length])} ${Math.floor(k / WORDS.length) + 1}`));
  const tags = tagNames.map((name, k) => [firstTagId + k, name, tagKey(name), ""]);
  const rows: Rows = { users, tags, images: [], search: [], versions: [], machines: [], imageTags: [], shares: [] };
  for (let i = 0; i < IMAGES; i++) {
    const id = randomUUID();
    const creator = users[int(USERS)];
    const name = `${words(2, 4).map(capitalised).join(" ")} ${1 + int(20)}.${int(10)}`;
    const description = `${capitalised(words(8, 20).join(" "))}.`;
    const imageTags = [...new Set(Array.from({ length: 1 + int(4) }, zipf))].map((k) => tagNames[k]);
    const roll = rand();
    const isPrivate = roll < 0.1;
    const start = now - int(5 * 365) * DAY - int(DAY);
    const fate = rand();
    const end = fate < 0.05 ? now - int(300) * DAY - DAY : fate < 0.06 ? now + (1 + int(60)) * DAY : null;
    rows.images.push([id, name, description, null, creator[0], new Date(start), end === null ? null : new Date(end), isPrivate ? 1 : 0, 1]);
    rows.search.push([id, searchText({ name, description, tags: imageTags, creator: creator[1] as string })]);
    for (const tag of imageTags) rows.imageTags.push([id, firstTagId + tagNames.indexOf(tag)]);
    if (isPrivate && roll < 0.05) {
      for (const user of new Set(Array.from({ length: 1 + int(3) }, () => users[int(USERS)][0]))) if (user !== creator[0]) rows.shares.push([id, user]);
    }
    const versions = 1 + int(3);
    const providers = providerIds.filter(() => rand() < 0.6);
    let parent: string | null = null;
    for (let v = 1; v <= versions; v++) {
      const vStart = start + (v - 1) * 30 * DAY;
      const vEnd = v < versions ? new Date(vStart + 30 * DAY) : null;
      const versionId = randomUUID();
      rows.versions.push([versionId, id, String(v), `Version ${v}: ${words(3, 8).join(" ")}.`, parent, creator[0], new Date(vStart), vEnd]);
      parent = versionId;
      for (const provider of providers.length ? providers : [providerIds[int(providerIds.length)]]) {
        rows.machines.push([randomUUID(), id, String(v), provider, new Date(vStart), vEnd]);
      }
    }
  }
  return rows;
}

const COLUMNS = {
  users: ["id", "username", "email", "display_name", "password_hash", "is_staff", "created_at"],
  tags: ["id", "name", "key", "description"],
  images: ["id", "name", "description", "icon", "created_by_id", "start_date", "end_date", "private", "revision"],
  image_search: ["image_id", "text"],
  versions: ["id", "image_id", "name", "change_log", "parent_id", "created_by_id", "start_date", "end_date"],
  image_versions: ["alias", "image_id", "version", "provider_id", "start_date", "end_date"],
  image_tags: ["image_id", "tag_id"],
  image_shares: ["image_id", "user_id"],
} as const;
const TABLES: [keyof typeof COLUMNS, keyof Rows][] = [
  ["users", "users"],
  ["tags", "tags"],
  ["images", "images"],
  ["image_search", "search"],
  ["versions", "versions"],
  ["image_versions", "machines"],
  ["image_tags", "imageTags"],
  ["image_shares", "shares"],
];

async function fillSqlite(url: string) {
  const sqlite = new Database(sqlitePath(url));
  try {
    if ((sqlite.prepare("SELECT count(*) AS n FROM images").get() as { n: number }).n > 0) throw new Error("the database already has images: point DATABASE_URL at an empty one");
    const providerIds = ensureSqliteProviders(sqlite);
    const firstUser = ((sqlite.prepare("SELECT max(id) AS id FROM users").get() as { id: number | null }).id ?? 0) + 1;
    const firstTag = ((sqlite.prepare("SELECT max(id) AS id FROM tags").get() as { id: number | null }).id ?? 0) + 1;
    const rows = generate(providerIds, firstUser, firstTag, Date.now());
    // Prisma stores SQLite dates as ISO text and booleans as integers.
    const cell = (value: unknown) => (value instanceof Date ? value.toISOString().replace("Z", "+00:00") : value);
    sqlite.pragma("journal_mode = WAL");
    sqlite.transaction(() => {
      for (const [table, key] of TABLES) {
        const columns = COLUMNS[table];
        const insert = sqlite.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        for (const row of rows[key]) insert.run(...row.map(cell));
      }
    })();
    sqlite.exec("ANALYZE");
    return rows;
  } finally {
    sqlite.close();
  }
}

function ensureSqliteProviders(sqlite: Database.Database): number[] {
  const existing = sqlite.prepare("SELECT id FROM providers ORDER BY id LIMIT 3").all() as { id: number }[];
  if (existing.length === 3) return existing.map((row) => row.id);
  const insert = sqlite.prepare("INSERT INTO providers (name, location, active) VALUES (?, ?, 1)");
  return ["Marana Cloud", "Jetstream2", "Red Rock HPC"].slice(existing.length).map((name) => Number(insert.run(name, "dataset").lastInsertRowid)).concat(existing.map((row) => row.id));
}

async function fillPostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (Number((await client.query("SELECT count(*) AS n FROM images")).rows[0].n) > 0) throw new Error("the database already has images: point DATABASE_URL at an empty one");
    let providerIds = (await client.query<{ id: number }>("SELECT id FROM providers ORDER BY id LIMIT 3")).rows.map((row) => row.id);
    for (const name of ["Marana Cloud", "Jetstream2", "Red Rock HPC"].slice(providerIds.length)) {
      providerIds.push((await client.query<{ id: number }>("INSERT INTO providers (name, location, active) VALUES ($1, 'dataset', true) RETURNING id", [name])).rows[0].id);
    }
    providerIds = providerIds.slice(0, 3);
    const firstUser = Number((await client.query("SELECT coalesce(max(id), 0) + 1 AS id FROM users")).rows[0].id);
    const firstTag = Number((await client.query("SELECT coalesce(max(id), 0) + 1 AS id FROM tags")).rows[0].id);
    const rows = generate(providerIds, firstUser, firstTag, Date.now());
    await client.query("BEGIN");
    for (const [table, key] of TABLES) {
      const columns = COLUMNS[table];
      // unnest() of one array per column: thousands of rows a statement.
      const columnTypes = (await client.query<{ column_name: string; udt_name: string }>(
        "SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = $1",
        [table],
      )).rows;
      const typeOf = (column: string) => columnTypes.find((c) => c.column_name === column)!.udt_name;
      for (let start = 0; start < rows[key].length; start += 5000) {
        const batch = rows[key].slice(start, start + 5000);
        const arrays = columns.map((_, c) =>
          batch.map((row) => {
            const value = row[c];
            if (value instanceof Date) return value.toISOString();
            if (typeOf(columns[c]) === "bool") return value === 1 || value === true;
            return value;
          }),
        );
        await client.query(
          `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${typeOf(c)}[]`).join(", ")})`,
          arrays,
        );
      }
    }
    await client.query("SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users))");
    await client.query("SELECT setval(pg_get_serial_sequence('tags', 'id'), (SELECT max(id) FROM tags))");
    await client.query("COMMIT");
    // VACUUM too: it marks pages all-visible, so counts can be answered from an index alone.
    await client.query("VACUUM ANALYZE");
    return rows;
  } finally {
    await client.end();
  }
}

const started = performance.now();
const url = databaseUrl();
await migrate(url);
const rows = databaseKind(url) === "postgresql" ? await fillPostgres(url) : await fillSqlite(url);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `dataset: ${rows.images.length} images, ${rows.versions.length} versions (${rows.machines.length} machines), ${rows.tags.length} tags (${rows.imageTags.length} taggings), ${rows.users.length} users, ${rows.shares.length} shares in ${seconds} s (${databaseKind(url)})`,
);
