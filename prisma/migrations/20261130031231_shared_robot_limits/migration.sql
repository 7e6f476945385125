-- Robot rate limits (20 messages a minute per robot) and the WeCom access-token cache live in
-- the database, so every instance shares them.

-- CreateTable
CREATE TABLE `platform_robot_sends` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `robot_key` CHAR(64) NOT NULL,
    `reserved_at` DATETIME(3) NOT NULL,
    `done_at` DATETIME(3) NULL,

    INDEX `idx_robot_sends_robot`(`robot_key`, `reserved_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_robot_send_locks` (
    `robot_key` CHAR(64) NOT NULL,

    PRIMARY KEY (`robot_key`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `platform_wecom_tokens` (
    `cache_key` CHAR(64) NOT NULL,
    `access_token` TEXT NOT NULL,
    `expires_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`cache_key`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
