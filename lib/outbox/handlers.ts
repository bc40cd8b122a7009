import "server-only";
import { mailSettings } from "../notifications/mail-settings";
import { MAIL_JOB, sendMailJob } from "../notifications/mail-job";
import { CLOUD_PUSH_JOB } from "../providers/write-back/queue-push";
import { pushMachine } from "../providers/write-back/push-machine";
import type { JobHandlers } from "./worker";

/**
 * The kinds of job this process can run. A worker claims only these: without SMTP_URL it leaves
 * e-mail jobs to a process that has it. Pushes to clouds need only the database (their
 * connections are in it).
 */
export function outboxHandlers(): JobHandlers {
  return {
    [CLOUD_PUSH_JOB]: pushMachine,
    ...(mailSettings().smtpUrl ? { [MAIL_JOB]: sendMailJob } : {}),
  };
}
