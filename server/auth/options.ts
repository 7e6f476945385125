import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { ZCredentials } from "@/lib/schemas/auth";
import { db } from "../db";
import { env } from "../env";
import { verifyPassword } from "./password";

// bcrypt of a random string (cost 10, as real hashes): compared against when the account is unknown.
const DUMMY_HASH = "$2b$10$iWXEDU5i5N2ElMltWWiRW.zK2X5w7KBvG6VNkf7ksh4F2faVGRB6.";

/** Email + password sign-in; sessions are JWT cookies signed with APP_SECRET. */
export const authOptions: NextAuthOptions = {
  secret: env.APP_SECRET,
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const user = await db.user.findUnique({ where: { email: parsed.data.email } });
        // An unknown or disabled account costs the same bcrypt check: the answer's timing does
        // not tell which accounts exist.
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !user.isActive || !ok) return null;
        await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
        return { id: String(user.id), email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      if (session.user) (session.user as { id?: number }).id = token.uid as number;
      return session;
    },
  },
};
