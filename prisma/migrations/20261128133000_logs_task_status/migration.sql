-- A task's logs filtered by status (the console's and REST's `status` filter, the overlap check
-- for a running run) read and count a range of this index instead of every row of the task.
-- CreateIndex
CREATE INDEX `idx_logs_task_status` ON `platform_task_logs`(`task_id`, `status`, `id`);
