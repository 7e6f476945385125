import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";
import { withLoginThrottle } from "@/server/services/throttled-sign-in";

// /api/auth/* — next-auth (credentials sign-in, session, sign-out); sign-ins go through the
// login throttle first (429 + Retry-After while an account or address is locked).
const handler = withLoginThrottle(NextAuth(authOptions));

export { handler as GET, handler as POST };
