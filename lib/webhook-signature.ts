/** The request header a webhook task's calls carry their signature in (shown before the key is). */
export const SIGNATURE_HEADER = "x-scheduled-task-signature";
