-- Per-tenant override of the runs-in-flight quota (null = the RUNS_TENANT_MAX_IN_FLIGHT default).
ALTER TABLE `platform_tenants` ADD COLUMN `max_concurrent_runs` INTEGER NULL;
