import type { Db, Tx } from "../db/client";
import { hashPassword } from "../auth/passwords";
import { createImageRecord } from "../images/create-image";
import { ensureTags } from "../images/tag-ids";

/** The demo sign-ins, listed in the README and printed by `npm start`. */
export const DEMO_USERS = [
  { username: "support", password: "support-demo", displayName: "Support Desk", isStaff: true },
  { username: "alice", password: "alice-demo", displayName: "Alice Nakamura", isStaff: false },
  { username: "bob", password: "bob-demo", displayName: "Bob Okafor", isStaff: false },
  { username: "carol", password: "carol-demo", displayName: "Carol Jensen", isStaff: false },
] as const;

type DemoUser = (typeof DEMO_USERS)[number]["username"];

const PROVIDERS = [
  { name: "Marana Cloud", location: "Tucson, AZ" },
  { name: "Jetstream2", location: "Bloomington, IN" },
  { name: "Red Rock HPC", location: "Salt Lake City, UT" },
];

const DAY = 24 * 60 * 60 * 1000;

interface DemoImage {
  name: string;
  by: DemoUser;
  tags: string[];
  description: string;
  /** Days before "now" the image was created. */
  age: number;
  providers: number[];
  private?: boolean;
  sharedWith?: DemoUser[];
  /** Days from now: negative retired, positive scheduled for retirement. */
  endsIn?: number;
  /** Older versions before the current one. */
  history?: number;
  /** Requirements and imaging rule of every version of it. */
  requirements?: { minCpu?: number; minMemoryGb?: number; minDiskGb?: number; allowImaging?: boolean };
}

// A few dozen images covering public, private, shared, retired and scheduled-for-retirement.
const IMAGES: DemoImage[] = [
  { name: "Ubuntu 24.04 LTS Base", by: "support", tags: ["Ubuntu", "Featured", "Base"], age: 200, providers: [0, 1, 2], history: 2, description: "A minimal Ubuntu 24.04 LTS with the cloud tools, security updates applied monthly." },
  { name: "Ubuntu 22.04 LTS Base", by: "support", tags: ["Ubuntu", "Base"], age: 900, providers: [0, 1, 2], history: 3, description: "Ubuntu 22.04 LTS with the cloud tools. Prefer 24.04 for new work." },
  { name: "Ubuntu 12.04 Updated NoGUI v1", by: "support", tags: ["Ubuntu", "Featured"], age: 4000, providers: [0], endsIn: -400, description: "Description for Ubuntu 12.04 Updated NoGUI v1. Retired: past its end of life." },
  { name: "Rocky Linux 9 Base", by: "support", tags: ["Rocky Linux", "Base", "Featured"], age: 150, providers: [0, 1], history: 1, description: "Rocky Linux 9 with EPEL enabled and the cloud tools." },
  { name: "CentOS 7 Base", by: "support", tags: ["CentOS", "Base"], age: 2500, providers: [0, 1], endsIn: -300, description: "CentOS 7 reached its end of life; kept for reproducing old results." },
  { name: "Debian 12 Bookworm Base", by: "support", tags: ["Debian", "Base"], age: 300, providers: [1, 2], description: "Debian 12 with unattended upgrades." },
  { name: "Fedora 39 Workstation", by: "support", tags: ["Fedora", "Desktop"], age: 500, providers: [1], endsIn: 30, description: "A Fedora desktop reachable from the browser. Fedora 39 is out of support: this image will be removed soon." },
  { name: "Ubuntu 24.04 Desktop with GUI", by: "support", tags: ["Ubuntu", "Desktop", "Featured"], age: 120, providers: [0, 1], description: "XFCE desktop over the web shell, with Firefox and a file browser." },
  { name: "NVIDIA CUDA 12 on Ubuntu 22.04", by: "support", tags: ["GPU", "CUDA", "Ubuntu", "Featured"], age: 90, providers: [1], history: 1, requirements: { minCpu: 8, minMemoryGb: 32, minDiskGb: 60, allowImaging: false }, description: "CUDA 12 toolkit, cuDNN and the NVIDIA drivers for the GPU flavors." },
  { name: "Docker and Compose Host", by: "support", tags: ["Docker", "Containers", "Ubuntu"], age: 60, providers: [0, 1, 2], description: "Docker Engine, the compose plugin and a registry mirror configured." },
  { name: "Jupyter Data Science Stack", by: "alice", tags: ["Jupyter", "Python", "Data Science", "Featured"], age: 45, providers: [0, 1], history: 2, description: "JupyterLab with pandas, scikit-learn, matplotlib and Dask, served on port 8888." },
  { name: "RStudio Server 2024", by: "alice", tags: ["R", "RStudio", "Data Science"], age: 70, providers: [0, 1], description: "RStudio Server with the tidyverse, Bioconductor core and Shiny." },
  { name: "BLAST+ 2.15 Workbench", by: "alice", tags: ["Bioinformatics", "BLAST", "Genomics"], age: 110, providers: [0], description: "NCBI BLAST+ 2.15 with a local copy of the Swiss-Prot database and helper scripts." },
  { name: "QIIME 2 Amplicon 2024.5", by: "alice", tags: ["Bioinformatics", "Microbiome", "QIIME"], age: 80, providers: [0, 1], description: "QIIME 2 amplicon distribution in a conda environment, with the tutorial data." },
  { name: "Alice's RNA-seq Pipeline (private)", by: "alice", tags: ["Bioinformatics", "RNA-seq", "Genomics"], age: 20, providers: [0], private: true, description: "STAR, Salmon and DESeq2 with the lab's Snakemake pipeline. Work in progress." },
  { name: "Alice's Lab Notebook Server", by: "alice", tags: ["Jupyter", "Python"], age: 15, providers: [1], private: true, sharedWith: ["bob"], description: "The lab's JupyterHub with shared notebooks; shared with Bob for the joint project." },
  { name: "Single-cell Analysis Toolkit", by: "alice", tags: ["Bioinformatics", "Single-cell", "Python", "R"], age: 10, providers: [0, 1], private: true, sharedWith: ["bob", "carol"], description: "Scanpy, Seurat and CellRanger, shared with the single-cell working group." },
  { name: "Workshop: Intro to Genomics", by: "alice", tags: ["Workshop", "Genomics", "Bioinformatics"], age: 5, providers: [0], endsIn: 14, description: "For the genomics workshop: samtools, bcftools and IGV. Available until the workshop ends." },
  { name: "Old Galaxy Server 19.09", by: "alice", tags: ["Galaxy", "Bioinformatics"], age: 1500, providers: [0], endsIn: -200, description: "Galaxy 19.09: superseded by the Galaxy 23 image." },
  { name: "Galaxy 23 Server", by: "bob", tags: ["Galaxy", "Bioinformatics", "Featured"], age: 100, providers: [0, 1], history: 1, requirements: { minCpu: 4, minMemoryGb: 8, minDiskGb: 100 }, description: "Galaxy 23.1 with the common tool sheds and a Slurm job runner." },
  { name: "WRF Weather Model 4.5", by: "bob", tags: ["Climate", "HPC", "Fortran"], age: 130, providers: [2], description: "The WRF model compiled with Intel oneAPI and OpenMPI, with the WPS preprocessor." },
  { name: "OpenFOAM 11 CFD", by: "bob", tags: ["CFD", "HPC", "Simulation"], age: 160, providers: [1, 2], description: "OpenFOAM 11 with ParaView for post-processing." },
  { name: "GROMACS 2024 Molecular Dynamics", by: "bob", tags: ["Chemistry", "HPC", "GPU"], age: 75, providers: [1], description: "GROMACS built with CUDA support for the GPU flavors." },
  { name: "Bob's Draft Climate Image", by: "bob", tags: ["Climate"], age: 3, providers: [2], private: true, description: "Not ready yet." },
  { name: "Bob's Teaching Cluster Head Node", by: "bob", tags: ["HPC", "Workshop", "Slurm"], age: 25, providers: [2], private: true, sharedWith: ["carol"], description: "A Slurm head node for the HPC course, shared with Carol who co-teaches it." },
  { name: "PostGIS Geospatial Server", by: "bob", tags: ["GIS", "PostgreSQL", "Geospatial"], age: 55, providers: [0, 1], description: "PostgreSQL 16 with PostGIS 3, GDAL and QGIS Server." },
  { name: "Retired MATLAB Runtime 2019", by: "bob", tags: ["MATLAB"], age: 1800, providers: [1], endsIn: -100, description: "MATLAB Runtime R2019b: retired." },
  { name: "Apache Spark 3.5 Notebook", by: "carol", tags: ["Spark", "Big Data", "Python", "Jupyter"], age: 40, providers: [0, 1], description: "Spark 3.5 in standalone mode with PySpark in JupyterLab." },
  { name: "TensorFlow 2 GPU Notebook", by: "carol", tags: ["Machine Learning", "GPU", "Python", "Featured"], age: 35, providers: [1], history: 1, requirements: { minCpu: 4, minMemoryGb: 16, minDiskGb: 40 }, description: "TensorFlow 2 and Keras with CUDA, JupyterLab and TensorBoard." },
  { name: "PyTorch 2 GPU Notebook", by: "carol", tags: ["Machine Learning", "GPU", "Python"], age: 30, providers: [1], description: "PyTorch 2 with torchvision and Lightning, CUDA enabled." },
  { name: "Apache2 Web Server with PHP", by: "carol", tags: ["apache2", "Web", "PHP"], age: 210, providers: [0, 2], description: "Apache2, PHP 8 and Let's Encrypt client for project web sites." },
  { name: "SpliceGrapher Environment", by: "carol", tags: ["SpliceGrapher", "ESD", "BGF", "Bioinformatics"], age: 260, providers: [0], description: "SpliceGrapher with its dependencies, for predicting splice graphs from RNA-seq." },
  { name: "Carol's Thesis Environment", by: "carol", tags: ["LaTeX", "R"], age: 8, providers: [0], private: true, description: "TeX Live and R for the thesis figures." },
  { name: "Carol's Expiring Shared Dataset Box", by: "carol", tags: ["Data"], age: 12, providers: [1], private: true, sharedWith: ["alice"], endsIn: 7, description: "Shared with Alice until the data-use agreement ends next week." },
  { name: "Carol's Retired Private Experiment", by: "carol", tags: ["Machine Learning"], age: 400, providers: [1], private: true, endsIn: -60, description: "An old private experiment, retired." },
  { name: "Julia 1.10 Scientific Computing", by: "support", tags: ["Julia", "Scientific Computing"], age: 65, providers: [0, 1, 2], description: "Julia 1.10 with DifferentialEquations.jl, Plots.jl and Pluto notebooks." },
];

/** Fills an empty database with the demo catalog; does nothing when any user exists. */
export async function seedDemoData(db: Db, now = new Date()): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const users = new Map<string, { id: number; username: string }>();
  for (const user of DEMO_USERS) {
    const created = await db.user.create({
      data: {
        username: user.username,
        email: `${user.username}@example.org`,
        displayName: user.displayName,
        isStaff: user.isStaff,
        passwordHash: await hashPassword(user.password),
      },
      select: { id: true, username: true },
    });
    users.set(user.username, created);
  }
  const providers: { id: number; name: string }[] = [];
  for (const provider of PROVIDERS) providers.push(await db.provider.create({ data: provider }));

  await db.$transaction(async (tx) => {
    let address = 10;
    for (const user of users.values()) {
      for (const provider of providers) {
        const identity = await tx.identity.create({ data: { userId: user.id, providerId: provider.id } });
        for (const [index, purpose] of ["analysis", "web"].entries()) {
          const tagIds = await ensureTags(tx, index === 0 ? ["Analysis", "Python"] : ["Web"]);
          await tx.instance.create({
            data: {
              name: `${user.username}-${purpose}-${provider.name.split(" ")[0].toLowerCase()}`,
              ipAddress: `10.${provider.id}.0.${address++}`,
              providerId: provider.id,
              identityId: identity.id,
              status: index === 0 ? "active" : "suspended",
              startDate: new Date(now.getTime() - (30 + address) * DAY),
              tags: { create: tagIds.map((tagId) => ({ tagId })) },
            },
          });
        }
      }
    }
    for (const image of IMAGES) {
      const startDate = new Date(now.getTime() - image.age * DAY);
      const versions = Array.from({ length: (image.history ?? 0) + 1 }, (_, index) => index + 1).flatMap((version, index, all) =>
        image.providers.map((provider) => ({
          version: String(version),
          providerId: providers[provider].id,
          startDate: new Date(startDate.getTime() + index * 20 * DAY),
          endDate: version < all.length ? new Date(startDate.getTime() + (index + 1) * 20 * DAY) : null,
        })),
      );
      await createImageRecord(tx, {
        name: image.name,
        description: image.description,
        createdBy: users.get(image.by)!,
        tags: image.tags,
        private: image.private ?? false,
        sharedWithIds: (image.sharedWith ?? []).map((name) => users.get(name)!.id),
        startDate,
        endDate: image.endsIn === undefined ? null : new Date(now.getTime() + image.endsIn * DAY),
        versions,
        versionDetails: Object.fromEntries(
          versions.map(({ version }) => [version, { changeLog: changeLog(image, Number(version)), ...image.requirements }]),
        ),
      });
    }
    await launchInstancesFromImages(tx);
    await markFavorites(tx, users);
    await tx.tag.updateMany({ where: { key: "featured" }, data: { description: "Images the support desk recommends." } });
    await seedRequests(tx, users, now);
  });
  return true;
}

const changeLog = (image: DemoImage, version: number) =>
  version === 1
    ? `First version: ${image.description.charAt(0).toLowerCase()}${image.description.slice(1)}`
    : `Version ${version}: security updates, and the packages brought up to date (${image.tags.slice(0, 2).join(", ")}).`;

// Which image each instance was launched from (its newest version): most from catalog images,
// some of alice's from her own images (so she can ask for their next version), some of bob's
// from other people's (so his requests make new images), one from a version that may not be
// imaged (licensed software).
const LAUNCHED_FROM: Record<string, string> = {
  "alice-analysis-marana": "Jupyter Data Science Stack",
  "alice-analysis-jetstream2": "RStudio Server 2024",
  "alice-web-marana": "Ubuntu 24.04 LTS Base",
  "alice-web-jetstream2": "Docker and Compose Host",
  "bob-analysis-marana": "Jupyter Data Science Stack",
  "bob-analysis-jetstream2": "Galaxy 23 Server",
  "bob-analysis-red": "WRF Weather Model 4.5",
  "bob-web-red": "Ubuntu 24.04 LTS Base",
  "carol-analysis-jetstream2": "TensorFlow 2 GPU Notebook",
  "carol-web-jetstream2": "Debian 12 Bookworm Base",
  "carol-analysis-marana": "Apache Spark 3.5 Notebook",
  "carol-web-marana": "Apache2 Web Server with PHP",
  "carol-web-red": "NVIDIA CUDA 12 on Ubuntu 22.04",
  "bob-web-marana": "Single-cell Analysis Toolkit",
  "bob-web-jetstream2": "Ubuntu 24.04 Desktop with GUI",
  "alice-analysis-red": "BLAST+ 2.15 Workbench",
  "support-analysis-marana": "Rocky Linux 9 Base",
  "support-web-jetstream2": "Docker and Compose Host",
};

// A few favorites, so that the stars and the Favorites tab show something from the start.
const FAVORITES: Record<string, string[]> = {
  alice: ["Galaxy 23 Server", "Ubuntu 24.04 LTS Base", "PostGIS Geospatial Server"],
  bob: ["Jupyter Data Science Stack", "Galaxy 23 Server", "Single-cell Analysis Toolkit"],
};

async function markFavorites(tx: Tx, users: Map<string, { id: number }>) {
  for (const [username, names] of Object.entries(FAVORITES)) {
    const images = await tx.image.findMany({ where: { name: { in: names } }, select: { id: true } });
    await tx.bookmark.createMany({ data: images.map((image) => ({ userId: users.get(username)!.id, imageId: image.id })) });
  }
}

async function launchInstancesFromImages(tx: Tx) {
  for (const [instance, image] of Object.entries(LAUNCHED_FROM)) {
    const newest = await tx.version.findFirstOrThrow({ where: { image: { name: image } }, orderBy: { startDate: "desc" }, select: { id: true } });
    await tx.instance.updateMany({ where: { name: instance }, data: { sourceVersionId: newest.id } });
  }
}

/** A few requests for the support desk to work on: waiting, approved, and one denied. */
async function seedRequests(tx: Tx, users: Map<string, { id: number }>, now: Date) {
  const support = users.get("support")!.id;
  const requests = [
    // The next version of the image the instance runs (alice made it).
    { by: "alice", instance: "alice-analysis-marana", name: "Jupyter Data Science Stack", status: "pending", vis: "public", tags: ["Polars"], message: "", fork: false, changeLog: "Polars and DuckDB added; JupyterLab 4.2." },
    { by: "bob", instance: "bob-analysis-jetstream2", name: "Bob Climate Downscaling", status: "approved", vis: "public", tags: ["Climate", "HPC"], message: "Approved: we will image it tonight." },
    { by: "carol", instance: "carol-web-marana", name: "Carol Lab Website", status: "denied", vis: "public", tags: ["Web"], message: "Please exclude the SSH keys under /home/carol/.ssh and ask again." },
  ] as const;
  for (const [index, request] of requests.entries()) {
    const instance = await tx.instance.findFirstOrThrow({ where: { name: request.instance } });
    const newVersion = "fork" in request;
    const requester = users.get(request.by)!.id;
    const start = new Date(now.getTime() - (3 - index) * DAY);
    const final = request.status === "denied";
    await tx.imageRequest.create({
      data: {
        status: request.status,
        name: request.name,
        description: `An image of ${request.instance}, to share the setup with the rest of the lab.`,
        instanceAlias: instance.alias,
        ipAddress: instance.ipAddress,
        providerId: instance.providerId,
        identityId: instance.identityId,
        software: "Conda environments under /opt/conda; the analysis scripts in /srv/lab.",
        exclude: "/home/*/.ssh\n/etc/ssh/ssh_host_*",
        tags: JSON.stringify(request.tags),
        visibility: request.vis,
        fork: !newVersion,
        changeLog: newVersion ? request.changeLog : "",
        sourceVersionId: instance.sourceVersionId,
        createdById: requester,
        adminMessage: request.message,
        openInstance: final ? null : instance.alias,
        startDate: start,
        endDate: final ? new Date(start.getTime() + DAY / 2) : null,
        history: {
          create: [
            { actorId: requester, fromStatus: null, toStatus: "pending", at: start },
            ...(request.status === "pending" ? [] : [{ actorId: support, fromStatus: "pending", toStatus: request.status, message: request.message, at: new Date(start.getTime() + DAY / 2) }]),
          ],
        },
      },
    });
  }
}
