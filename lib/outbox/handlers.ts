import "server-only";
import { mailSettings } from "../notifications/mail-settings";
import { MAIL_JOB, sendMailJob } from "../notifications/mail-job";
import type { JobHandlers } from "./worker";

/**
 * The kinds of job this process can run. A worker claims only these: without SMTP_URL it leaves
 * e-mail jobs to a process that has it. (Pushes to OpenStack Glance will join here.)
 */
export function outboxHandlers(): JobHandlers {
  return {
    ...(mailSettings().smtpUrl ? { [MAIL_JOB]: sendMailJob } : {}),
  };
}
