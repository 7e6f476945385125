import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth/options";

/**
 * The signed-in console user, for server components (the console layout, the login page). The
 * one place app/ pages reach server/ for auth: app/(console) imports server/ only as types.
 */
export function consoleSession() {
  return getServerSession(authOptions);
}
