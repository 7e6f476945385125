-- A task's script language. The original system's scripts are Python, and so is whatever a
-- seed-era client still inserts without this column: the default is 'python'. Every task this
-- platform created before this migration runs JavaScript, so the rows present now are set to
-- 'javascript'. (Rows of an adopted seed database are set back to 'python' by the seed data
-- adoption that runs after the migrations: server/db/adopt-seed-data.ts.)
-- AlterTable
ALTER TABLE `platform_scheduled_tasks` ADD COLUMN `script_language` ENUM('python', 'javascript') NOT NULL DEFAULT 'python';

UPDATE `platform_scheduled_tasks` SET `script_language` = 'javascript';
