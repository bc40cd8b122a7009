import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-12 text-center">
      <h1 className="mb-3 text-2xl font-semibold">Not found</h1>
      <p className="mb-6 text-slate-700 dark:text-slate-300">
        There is nothing here, or nothing you have access to. Private images can only be seen by their creator, the people
        they are shared with, and staff.
      </p>
      <Link href="/images" className="font-medium text-sky-700 underline dark:text-sky-400">
        Back to the catalog
      </Link>
    </div>
  );
}
