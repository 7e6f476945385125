-- A webhook task's signing key can be rotated: the key is derived from APP_SECRET, the task id
-- and this generation (0 = the key every task had before rotation existed).
ALTER TABLE `platform_scheduled_tasks` ADD COLUMN `webhook_key_version` INTEGER NOT NULL DEFAULT 0;
