import { randomBytes } from "node:crypto";
import type mysql from "mysql2/promise";
import { openConnection, quoteIdent, withDatabase } from "@/server/db/connection";
import { testServerUrl } from "./test-databases";

// A scratch "business" database and users on the test MariaDB, created as root with unique
// names and dropped afterwards: what a data source of db_query points at.

export type BusinessDb = {
  database: string;
  root: mysql.Connection;
  /** Creates a user with these grants (`{db}` is replaced by the business database) and returns its DSN. */
  user(grants: string[], opts?: { database?: string }): Promise<{ user: string; dsn: string }>;
  cleanup(): Promise<void>;
};

export async function businessDb(tag: string): Promise<BusinessDb> {
  const suffix = `${process.pid}_${process.env.VITEST_POOL_ID ?? "1"}_${randomBytes(3).toString("hex")}`;
  const database = `biz_${tag}_${suffix}`.slice(0, 60);
  const root = await openConnection(testServerUrl(), { database: false });
  await root.query(`CREATE DATABASE ${quoteIdent(database)}`);
  const users: string[] = [];
  let n = 0;
  return {
    database,
    root,
    async user(grants, opts) {
      const name = `u_${tag}_${suffix}_${n++}`.slice(0, 80);
      const password = randomBytes(12).toString("hex");
      await root.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [name, password]);
      users.push(name);
      for (const g of grants) {
        const [head, option = ""] = g.split(/(?= WITH GRANT OPTION$)/);
        await root.query(`${head!.replace(/\{db\}/g, quoteIdent(database))} TO ?@'%'${option}`, [name]);
      }
      const url = new URL(withDatabase(testServerUrl(), opts?.database ?? database));
      url.username = name;
      url.password = password;
      return { user: name, dsn: url.toString() };
    },
    async cleanup() {
      for (const u of users) await root.query(`DROP USER IF EXISTS ?@'%'`, [u]).catch(() => undefined);
      await root.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`);
      await root.end();
    },
  };
}
