import { handleAuthRequest } from "@/lib/auth/next-auth-route";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = async (request: Request, { params }: Context) => handleAuthRequest(request, (await params).nextauth);
export { handler as GET, handler as POST };
