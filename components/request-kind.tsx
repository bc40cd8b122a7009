import Link from "next/link";
import type { RequestJson } from "@/lib/api/response-schemas";

/** What a request makes (SPEC §7): the next version of the image the instance runs, or a new image. */
export function RequestKind({ request }: { request: RequestJson }) {
  const version = request.version_name ? `version ${request.version_name}` : "its next version";
  if (!request.fork && !request.source) return <span>A new version of the image the instance was launched from ({version})</span>;
  if (!request.fork && request.source) {
    return (
      <span>
        A new version of{" "}
        <Link href={`/images/${request.source.image}`} className="underline">
          {request.source.image_name}
        </Link>{" "}
        ({version}, made from version {request.source.version})
      </span>
    );
  }
  return (
    <span>
      A new image{request.version_name ? ` (version ${request.version_name})` : ""}
      {request.source && (
        <>
          , made from{" "}
          <Link href={`/images/${request.source.image}`} className="underline">
            {request.source.image_name}
          </Link>{" "}
          version {request.source.version}
        </>
      )}
    </span>
  );
}
