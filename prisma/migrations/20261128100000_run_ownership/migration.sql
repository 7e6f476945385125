-- Run ownership: which dispatcher process runs a log row, and when it last said it is alive,
-- so a crashed process's runs are found and marked failed ("interrupted") by any instance.
-- params: the input params a run used (a manual run may override the task's).
ALTER TABLE `platform_task_logs`
    ADD COLUMN `runner_id` VARCHAR(64) NULL,
    ADD COLUMN `heartbeat_at` DATETIME(3) NULL,
    ADD COLUMN `params` JSON NULL;

-- CreateIndex
CREATE INDEX `idx_logs_heartbeat` ON `platform_task_logs`(`status`, `heartbeat_at`);
