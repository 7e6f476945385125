-- Hand-written in Prisma Migrate's layout (the schema engine cannot be downloaded here).
-- The seed's tables keep its `ON UPDATE CURRENT_TIMESTAMP` on updated_at, which Prisma does not emit.

-- CreateTable
CREATE TABLE `platform_scheduled_tasks` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `tenant_id` VARCHAR(50) NULL,
    `task_name` VARCHAR(100) NOT NULL,
    `task_desc` VARCHAR(500) NULL,
    `schedule_type` ENUM('simple', 'cron') NOT NULL DEFAULT 'simple',
    `time_points` JSON NULL,
    `cron_expression` VARCHAR(100) NULL,
    `timezone` VARCHAR(50) NULL DEFAULT 'Asia/Shanghai',
    `execution_type` ENUM('webhook', 'script') NOT NULL DEFAULT 'script',
    `webhook_url` VARCHAR(500) NULL,
    `script_content` TEXT NULL,
    `script_deps` TEXT NULL,
    `input_params` JSON NULL,
    `retry_count` INTEGER NULL DEFAULT 0,
    `retry_interval` INTEGER NULL DEFAULT 60,
    `alert_on_failure` BOOLEAN NULL DEFAULT false,
    `alert_webhook` VARCHAR(500) NULL,
    `notify_channels` JSON NULL,
    `notify_wecom_app_id` INTEGER NULL,
    `is_enabled` BOOLEAN NULL DEFAULT true,
    `last_run_at` DATETIME(0) NULL,
    `last_run_status` ENUM('success', 'failed', 'running') NULL,
    `last_run_message` TEXT NULL,
    `created_at` DATETIME(0) NULL DEFAULT CURRENT_TIMESTAMP(0),
    `updated_at` DATETIME(0) NULL DEFAULT CURRENT_TIMESTAMP(0) ON UPDATE CURRENT_TIMESTAMP(0),
    `next_run_at` DATETIME(3) NULL,
    `timeout_seconds` INTEGER NOT NULL DEFAULT 60,
    `overlap_policy` ENUM('skip', 'allow') NOT NULL DEFAULT 'skip',
    `misfire_grace_seconds` INTEGER NOT NULL DEFAULT 300,
    `workday_filter` ENUM('none', 'workday', 'holiday') NOT NULL DEFAULT 'none',
    `version` INTEGER NOT NULL DEFAULT 1,
    `alert_open` BOOLEAN NOT NULL DEFAULT false,

    INDEX `idx_tasks_due`(`is_enabled`, `next_run_at`),
    INDEX `idx_tasks_tenant`(`tenant_id`, `id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_task_notify_channels` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `tenant_id` VARCHAR(50) NOT NULL,
    `channel_name` VARCHAR(100) NOT NULL,
    `channel_type` ENUM('dingtalk_bot', 'wecom_bot') NOT NULL,
    `webhook_url` VARCHAR(500) NOT NULL,
    `sign_secret` VARCHAR(200) NULL,
    `description` VARCHAR(255) NULL,
    `is_enabled` BOOLEAN NULL DEFAULT true,
    `created_at` DATETIME(0) NULL DEFAULT CURRENT_TIMESTAMP(0),
    `updated_at` DATETIME(0) NULL DEFAULT CURRENT_TIMESTAMP(0) ON UPDATE CURRENT_TIMESTAMP(0),

    INDEX `idx_channels_tenant`(`tenant_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_task_logs` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `task_id` INTEGER NOT NULL,
    `tenant_id` VARCHAR(50) NULL,
    `trace_id` VARCHAR(100) NULL,
    `status` ENUM('running', 'success', 'failed', 'skipped') NULL,
    `started_at` DATETIME(0) NULL,
    `finished_at` DATETIME(0) NULL,
    `duration_ms` INTEGER NULL,
    `output` TEXT NULL,
    `error` TEXT NULL,
    `retry_count` INTEGER NULL DEFAULT 0,
    `created_at` DATETIME(0) NULL DEFAULT CURRENT_TIMESTAMP(0),
    `trigger` ENUM('schedule', 'manual', 'retry', 'test') NOT NULL DEFAULT 'schedule',
    `scheduled_for` DATETIME(3) NULL,
    `result` JSON NULL,
    `deliveries` JSON NULL,

    UNIQUE INDEX `uq_logs_task_fire`(`task_id`, `scheduled_for`),
    INDEX `idx_logs_task`(`task_id`, `id`),
    INDEX `idx_logs_tenant`(`tenant_id`, `id`),
    INDEX `idx_logs_status`(`status`, `started_at`),
    INDEX `idx_logs_created`(`created_at`),
    INDEX `idx_logs_trace`(`trace_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_task_script_versions` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `task_id` INTEGER NOT NULL,
    `version` INTEGER NOT NULL,
    `script_content` TEXT NULL,
    `created_by` VARCHAR(191) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `uq_script_versions`(`task_id`, `version`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_script_vars` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `task_id` INTEGER NOT NULL,
    `var_key` VARCHAR(100) NOT NULL,
    `var_value` JSON NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `uq_script_vars`(`task_id`, `var_key`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_secrets` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `tenant_id` VARCHAR(50) NOT NULL DEFAULT '',
    `secret_key` VARCHAR(100) NOT NULL,
    `secret_value` TEXT NOT NULL,
    `description` VARCHAR(255) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `uq_secrets`(`tenant_id`, `secret_key`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_tenants` (
    `tenant_id` VARCHAR(50) NOT NULL,
    `name` VARCHAR(100) NOT NULL,
    `is_enabled` BOOLEAN NOT NULL DEFAULT true,
    `extra_holidays` JSON NULL,
    `extra_workdays` JSON NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    PRIMARY KEY (`tenant_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_tenant_configs` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `tenant_id` VARCHAR(50) NOT NULL,
    `app_code` VARCHAR(50) NOT NULL,
    `config_key` VARCHAR(100) NOT NULL,
    `config_value` TEXT NULL,
    `is_secret` BOOLEAN NOT NULL DEFAULT false,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `uq_tenant_configs`(`tenant_id`, `app_code`, `config_key`),
    INDEX `idx_tenant_configs_key`(`app_code`, `config_key`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_wecom_apps` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `tenant_id` VARCHAR(50) NULL,
    `app_name` VARCHAR(100) NOT NULL,
    `corp_id` VARCHAR(100) NOT NULL,
    `agent_id` INTEGER NOT NULL,
    `secret` TEXT NOT NULL,
    `to_user` VARCHAR(500) NULL DEFAULT '@all',
    `to_party` VARCHAR(500) NULL,
    `to_tag` VARCHAR(500) NULL,
    `is_enabled` BOOLEAN NOT NULL DEFAULT true,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `idx_wecom_apps_tenant`(`tenant_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_users` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `email` VARCHAR(191) NOT NULL,
    `name` VARCHAR(100) NULL,
    `password_hash` VARCHAR(100) NOT NULL,
    `is_active` BOOLEAN NOT NULL DEFAULT true,
    `locale` VARCHAR(10) NOT NULL DEFAULT 'zh',
    `last_login_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `uq_users_email`(`email`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_memberships` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `tenant_id` VARCHAR(50) NOT NULL DEFAULT '',
    `role` ENUM('platform_admin', 'tenant_admin', 'viewer') NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `uq_memberships`(`user_id`, `tenant_id`),
    INDEX `idx_memberships_tenant`(`tenant_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_api_tokens` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(100) NOT NULL,
    `token_hash` CHAR(64) NOT NULL,
    `token_prefix` VARCHAR(16) NOT NULL,
    `tenant_id` VARCHAR(50) NOT NULL DEFAULT '',
    `role` ENUM('platform_admin', 'tenant_admin', 'viewer') NOT NULL,
    `created_by` VARCHAR(191) NULL,
    `last_used_at` DATETIME(3) NULL,
    `expires_at` DATETIME(3) NULL,
    `revoked_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `uq_api_tokens_hash`(`token_hash`),
    INDEX `idx_api_tokens_tenant`(`tenant_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_audit_logs` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `tenant_id` VARCHAR(50) NOT NULL DEFAULT '',
    `actor_type` ENUM('user', 'token', 'system') NOT NULL,
    `actor_id` VARCHAR(191) NOT NULL,
    `action` VARCHAR(100) NOT NULL,
    `entity_type` VARCHAR(50) NOT NULL,
    `entity_id` VARCHAR(100) NULL,
    `details` JSON NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `idx_audit_tenant`(`tenant_id`, `id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `platform_memberships` ADD CONSTRAINT `platform_memberships_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `platform_users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
