import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { maskPhone } from '@linli/common';

/**
 * Sends text messages to mobile phones. Deployments plug in their operator's gateway; the one
 * provider shipped is the console provider below, for the demo and the tests only.
 */
export interface SmsProvider {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

export interface SentSms {
  phone: string;
  text: string;
  at: string;
}

/**
 * DEMO AND TEST ONLY: "sends" by writing the message to the server log and appending it to
 * `DATA_DIR/sms-outbox.jsonl`, where a person trying the demo (or a browser test) reads the code.
 * No message leaves the machine.
 */
export class ConsoleSmsProvider implements SmsProvider {
  readonly name = 'console (demo only: messages go to the log, nothing is sent)';
  readonly sent: SentSms[] = [];

  constructor(
    private readonly outboxFile: string | null,
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {}

  async send(phone: string, text: string): Promise<void> {
    const message = { phone, text, at: new Date().toISOString() };
    this.sent.push(message);
    if (this.sent.length > 100) this.sent.shift();
    this.log(`[短信·控制台演示通道 console SMS, not sent] → ${maskPhone(phone)}: ${text}`);
    if (this.outboxFile) {
      await mkdir(path.dirname(this.outboxFile), { recursive: true });
      await appendFile(this.outboxFile, `${JSON.stringify(message)}\n`, { mode: 0o600 });
    }
  }
}
