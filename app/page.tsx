import Link from "next/link";

export default function HomePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-semibold">Atmosphere Images</h1>
      <p className="max-w-prose text-slate-700 dark:text-slate-300">
        The image catalog of the research cloud: snapshots of instances, offered for launching. Scripts and other services
        use the JSON API at{" "}
        <Link className="underline" href="/api/v1/images">
          /api/v1/images
        </Link>
        .
      </p>
    </div>
  );
}
