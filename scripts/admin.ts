// Admin command for self-hosters and automation:
//   npm run admin -- create-tenant <id> <name>
//   npm run admin -- create-user <email> --tenant <id> --role <role> [--name <name>]
//   npm run admin -- create-user <email> --role platform_admin
//   npm run admin -- create-token --tenant <id> | --platform [--role <role>] [--name <name>]
import "./load-env";
import { parseArgs } from "node:util";
import { platformScope, SYSTEM_ACTOR } from "@/server/auth/scope";
import { disconnectDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { ZCreateTenantInput, ZCreateTokenInput, ZCreateUserInput } from "@/lib/schemas/admin";
import { createApiToken } from "@/server/services/api-tokens";
import { createTenant } from "@/server/services/tenants";
import { createUser } from "@/server/services/users";

const USAGE = `Usage:
  npm run admin -- create-tenant <id> <name>
  npm run admin -- create-user <email> --tenant <id> --role <tenant_admin|viewer> [--name <name>]
  npm run admin -- create-user <email> --role platform_admin [--name <name>]
  npm run admin -- create-token (--tenant <id> | --platform) [--role <role>] [--name <name>]`;

class UsageError extends Error {}

const scope = platformScope({ ...SYSTEM_ACTOR, id: "admin-cli" });

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      tenant: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      platform: { type: "boolean" },
    },
  });
  switch (command) {
    case "create-tenant": {
      const [id, ...nameParts] = positionals;
      if (!id || nameParts.length === 0) throw new UsageError("create-tenant needs <id> and <name>");
      const tenant = await createTenant({
        scope,
        input: ZCreateTenantInput.parse({ tenant_id: id, name: nameParts.join(" ") }),
      });
      console.log(`Created tenant ${tenant.tenantId} (${tenant.name})`);
      return;
    }
    case "create-user": {
      const [email] = positionals;
      if (!email || positionals.length > 1) throw new UsageError("create-user needs exactly one <email>");
      if (!values.role) throw new UsageError("create-user needs --role");
      const res = await createUser({
        scope,
        input: ZCreateUserInput.parse({
          email,
          role: values.role,
          tenant_id: values.tenant,
          name: values.name,
        }),
      });
      console.log(
        `${res.created ? "Created" : "Updated"} user ${res.user.email} as ${values.role}${values.tenant ? ` of ${values.tenant}` : ""}`,
      );
      if (res.password) console.log(`Password: ${res.password}`);
      else console.log("The user already existed; their password is unchanged.");
      return;
    }
    case "create-token": {
      if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
      if (!!values.platform === !!values.tenant)
        throw new UsageError("create-token needs exactly one of --tenant <id> or --platform");
      const res = await createApiToken({
        scope,
        input: ZCreateTokenInput.parse({
          name: values.name ?? (values.platform ? "platform (cli)" : `${values.tenant} (cli)`),
          tenant_id: values.tenant ?? null,
          role: values.role,
        }),
      });
      console.log(
        `Created API token #${res.apiToken.id} (${res.apiToken.role}${res.apiToken.tenantId ? `, tenant ${res.apiToken.tenantId}` : ", platform"}). It is shown only once:`,
      );
      console.log(res.token);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command: ${command}` : "no command given");
  }
}

main(process.argv.slice(2))
  .then(() => disconnectDb())
  .catch(async (err: unknown) => {
    await disconnectDb().catch(() => {});
    if (
      err instanceof UsageError ||
      (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      console.error(`Error: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (err instanceof AppError || (err instanceof Error && err.name === "ZodError")) {
      const details =
        err instanceof AppError && err.details
          ? err.details
          : (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.map((i) => ({
              path: i.path.join("."),
              message: i.message,
            }));
      console.error(`Error: ${err instanceof AppError ? err.message : "invalid arguments"}`);
      for (const d of details ?? []) console.error(`  ${d.path}: ${d.message}`);
      process.exit(1);
    }
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
