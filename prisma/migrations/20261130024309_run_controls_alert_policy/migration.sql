-- Run controls (issue 12 item 5, issue 14): a run can be cancelled (status `cancelled`, asked for
-- through `cancel_requested_at`, which the process running it polls every second); a run whose
-- script succeeded but one of several deliveries failed is `partial`; who started a run is kept
-- (`triggered_by`), and where its failure alert went (`alert`).
ALTER TABLE `platform_task_logs`
    MODIFY `status` ENUM('running', 'success', 'failed', 'skipped', 'cancelled', 'partial') NULL,
    ADD COLUMN `cancel_requested_at` DATETIME(3) NULL,
    ADD COLUMN `triggered_by` VARCHAR(191) NULL,
    ADD COLUMN `alert` JSON NULL;

-- Run search across tasks: a tenant's runs in a date range.
CREATE INDEX `idx_logs_tenant_created` ON `platform_task_logs`(`tenant_id`, `created_at`);

-- Alert policy: channels to alert (ids of notify channels), @mentions, alert after N consecutive
-- failures (one alert per open incident, `alert_open`), and the running count of failures.
ALTER TABLE `platform_scheduled_tasks`
    MODIFY `last_run_status` ENUM('success', 'failed', 'running', 'cancelled', 'partial') NULL,
    ADD COLUMN `alert_channels` JSON NULL,
    ADD COLUMN `alert_mentions` JSON NULL,
    ADD COLUMN `alert_after_failures` INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN `consecutive_failures` INTEGER NOT NULL DEFAULT 0;

-- A tenant's default alert channel, used by tasks that alert without channels of their own.
ALTER TABLE `platform_tenants`
    ADD COLUMN `default_alert_channel_id` INTEGER NULL;
