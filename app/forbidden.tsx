import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg py-12 text-center">
      <h1 className="mb-3 text-2xl font-semibold">You cannot do that</h1>
      <p className="mb-6 text-slate-700 dark:text-slate-300">Only an image&apos;s creator and staff may change it.</p>
      <Link href="/images" className="font-medium text-sky-700 underline dark:text-sky-400">
        Back to the catalog
      </Link>
    </div>
  );
}
