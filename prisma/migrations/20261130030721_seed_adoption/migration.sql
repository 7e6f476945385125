-- The record that the original system's rows were adopted (server/db/adopt-seed-data.ts): one row
-- per adoption, written in the same transaction as the adopted rows' changes, so a second start
-- changes nothing. last_*_id are the highest seed-era ids: rows up to them are the adopted ones
-- (log retention keeps them unless LEGACY_LOG_RETENTION=prune).
-- CreateTable
CREATE TABLE `platform_seed_adoption` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `adopted_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `legacy_timezone` VARCHAR(64) NOT NULL,
    `last_task_id` INTEGER NOT NULL DEFAULT 0,
    `last_channel_id` INTEGER NOT NULL DEFAULT 0,
    `last_log_id` BIGINT NOT NULL DEFAULT 0,
    `summary` JSON NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
