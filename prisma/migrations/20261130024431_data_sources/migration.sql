-- Data sources for db_query (issue 11): named MySQL/MariaDB connections whose DSN is stored
-- encrypted, granted by platform admins to tenants ('' = global tasks). A source's privilege
-- check verdict is kept so the console and /api/health can say why a source is refused.

-- CreateTable
CREATE TABLE `platform_data_sources` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `description` VARCHAR(255) NULL,
    `dsn` TEXT NOT NULL,
    `max_connections` INTEGER NOT NULL DEFAULT 4,
    `is_enabled` BOOLEAN NOT NULL DEFAULT true,
    `check_ok` BOOLEAN NOT NULL DEFAULT false,
    `check_message` TEXT NULL,
    `checked_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `uq_data_sources_name`(`name`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_data_source_grants` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `data_source_id` INTEGER NOT NULL,
    `tenant_id` VARCHAR(50) NOT NULL DEFAULT '',
    `is_default` BOOLEAN NOT NULL DEFAULT false,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `uq_data_source_grants`(`data_source_id`, `tenant_id`),
    INDEX `idx_data_source_grants_tenant`(`tenant_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `platform_data_source_grants` ADD CONSTRAINT `platform_data_source_grants_data_source_id_fkey` FOREIGN KEY (`data_source_id`) REFERENCES `platform_data_sources`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
