import { redirect } from "next/navigation";
import { openNotification } from "@/lib/notifications/mark-read";
import { orPageError, requireViewer } from "@/lib/pages";
import { safeReturnPath } from "@/lib/http/safe-return";

/**
 * Opening a notification: marks it read and goes on to what it is about. The list links here
 * with plain links (never prefetched), so only a click marks a notice read.
 */
export default async function OpenNotificationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewer(`/notifications/${encodeURIComponent(id)}`);
  const link = await orPageError(openNotification(viewer, id));
  redirect(safeReturnPath(link));
}
