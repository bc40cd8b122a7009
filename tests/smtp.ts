// A real SMTP server for the tests (the smtp-server package on 127.0.0.1), whose messages are
// parsed with mailparser. It can refuse connections (stopped), or answer 421 or 451 for a while.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Received {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

export type SmtpMode = "accept" | "421 at greeting" | "451 after data" | "550 at recipient";

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export class TestSmtpServer {
  readonly received: Received[] = [];
  mode: SmtpMode = "accept";
  port = 0;
  private server: SMTPServer | null = null;

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens on a free port the first time, on the same one after a stop. */
  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onConnect: (_session, callback) => callback(this.mode === "421 at greeting" ? smtpError(421, "Service not available, try again later") : undefined),
      onRcptTo: (_address, _session, callback) => callback(this.mode === "550 at recipient" ? smtpError(550, "No such user here") : undefined),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", async () => {
          if (this.mode === "451 after data") return callback(smtpError(451, "Local error in processing, try again"));
          const mail = await simpleParser(Buffer.concat(chunks));
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          };
          this.received.push({ envelope, mail });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the port: connections are refused until start(). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
