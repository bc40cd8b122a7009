import { apiRoute } from "@/lib/api/route";
import { metricsAnswer } from "@/lib/ops/metrics-endpoint";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute({ GET: metricsAnswer });
