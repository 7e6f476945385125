import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

// /api/auth/* — next-auth (credentials sign-in, session, sign-out)
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
