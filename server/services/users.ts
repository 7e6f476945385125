import { db } from "../db";
import { scopedDb, scopeOwns, tenantExists } from "../db/scoped";
import { AppError } from "../errors";
import { assertCanWrite, assertPlatformAdmin, type Scope } from "../auth/scope";
import { generatePassword, hashPassword } from "../auth/password";
import { recordAudit } from "./audit";

import type { TCreateUserInput } from "@/lib/schemas/admin";

/**
 * Creates a user with one membership (or adds the membership to an existing user) and returns
 * the password when one was generated, so it can be shown once.
 */
export async function createUser(opts: { scope: Scope; input: TCreateUserInput }) {
  const { email, name, role } = opts.input;
  const tenantId = role === "platform_admin" ? "" : opts.input.tenant_id!;
  if (role === "platform_admin" || opts.scope.type === "platform") assertPlatformAdmin(opts.scope);
  else {
    assertCanWrite(opts.scope);
    if (!scopeOwns(opts.scope, tenantId)) throw new AppError("TENANT_NOT_FOUND");
  }
  if (tenantId && !(await tenantExists(opts.scope, tenantId))) {
    throw new AppError("TENANT_UNKNOWN", { tenant_id: tenantId }, { field: "tenant_id" });
  }
  const existing = await db.user.findUnique({ where: { email } });
  const password = existing ? null : (opts.input.password ?? generatePassword());
  return scopedDb(opts.scope, { narrow: tenantId }).$transaction(async (tx) => {
    const user =
      existing ??
      (await tx.user.create({ data: { email, name, passwordHash: await hashPassword(password!) } }));
    const membership = await tx.membership.findFirst({ where: { userId: user.id } });
    if (membership) await tx.membership.update({ where: { id: membership.id }, data: { role } });
    else await tx.membership.create({ data: { userId: user.id, tenantId, role } });
    await recordAudit(
      opts.scope,
      { action: "member.set", entityType: "user", entityId: user.id, tenantId, details: { email, role } },
      tx,
    );
    return { user: { id: user.id, email: user.email, name: user.name }, password, created: !existing };
  });
}

/** The first platform admin, created from ADMIN_EMAIL / ADMIN_PASSWORD when no user exists yet. */
export async function ensureFirstAdmin(opts: { email: string; password?: string }) {
  if ((await db.user.count()) > 0) return null;
  const password = opts.password ?? generatePassword();
  const user = await db.user.create({
    data: {
      email: opts.email.toLowerCase(),
      name: "Admin",
      passwordHash: await hashPassword(password),
      memberships: { create: { tenantId: "", role: "platform_admin" } },
    },
  });
  return { email: user.email, password, generated: !opts.password };
}

export async function listMembers(opts: { scope: Scope; tenantId?: string }) {
  const rows = await scopedDb(opts.scope, { narrow: opts.tenantId }).membership.findMany({
    include: { user: { select: { id: true, email: true, name: true, isActive: true, lastLoginAt: true } } },
    orderBy: [{ tenantId: "asc" }, { userId: "asc" }],
  });
  return rows.map((m) => ({ tenantId: m.tenantId || null, role: m.role, user: m.user }));
}

export async function removeMember(opts: { scope: Scope; userId: number; tenantId: string }) {
  if (opts.scope.type === "platform") assertPlatformAdmin(opts.scope);
  else {
    assertCanWrite(opts.scope);
    if (!scopeOwns(opts.scope, opts.tenantId)) throw new AppError("MEMBER_NOT_FOUND");
  }
  const { count } = await scopedDb(opts.scope, { narrow: opts.tenantId }).membership.deleteMany({
    where: { userId: opts.userId },
  });
  if (count === 0) throw new AppError("MEMBER_NOT_FOUND");
  await recordAudit(opts.scope, {
    action: "member.remove",
    entityType: "user",
    entityId: opts.userId,
    tenantId: opts.tenantId,
  });
  return { success: true as const };
}
