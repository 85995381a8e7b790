/**
 * A minimal driver for headless Chromium over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`): open a page, wait for a condition, read text, take a screenshot.
 * Used by the browser example's test; needs only a `chromium` binary (Debian's package).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--remote-debugging-pipe',
];

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message: string }; sessionId?: string };

export class HeadlessPage {
  /** Console messages and uncaught exceptions of the page, in order. */
  readonly log: string[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private sessionId = '';

  private constructor(private readonly proc: ChildProcess) {
    let buffer = '';
    (proc.stdio[4] as Readable).on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
        this.onMessage(JSON.parse(buffer.slice(0, end)) as Message);
        buffer = buffer.slice(end + 1);
      }
    });
  }

  /** Start Chromium and attach to a new blank page. */
  static async launch(executable: string, windowSize = '1000,700'): Promise<HeadlessPage> {
    const proc = spawn(executable, [...CHROMIUM_FLAGS, `--window-size=${windowSize}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    const page = new HeadlessPage(proc);
    const { targetId } = await page.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await page.send('Target.attachToTarget', { targetId, flatten: true });
    page.sessionId = sessionId as string;
    await page.send('Runtime.enable');
    await page.send('Page.enable');
    return page;
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message: Message = { id, method, params, ...(this.sessionId ? { sessionId: this.sessionId } : {}) };
    (this.proc.stdio[3] as Writable).write(`${JSON.stringify(message)}\0`);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  async goto(url: string): Promise<void> {
    await this.send('Page.navigate', { url });
  }

  /** The value of a JavaScript expression in the page. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    return (r.result as { value: T }).value;
  }

  /** Poll `expression` until it is truthy; throws after `timeoutMs` with the page's log. */
  async waitFor(expression: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`Boolean(${expression})`))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}; page log:\n${this.log.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async screenshot(): Promise<Buffer> {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    return Buffer.from(data as string, 'base64');
  }

  async close(): Promise<void> {
    this.sessionId = '';
    await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 2000))]);
    this.proc.kill();
  }

  private onMessage(m: Message): void {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error.message));
      else p?.resolve(m.result ?? {});
    } else if (m.method === 'Runtime.consoleAPICalled') {
      const args = (m.params!.args as Array<{ value?: unknown; description?: string }>).map((a) => a.value ?? a.description);
      this.log.push(`console.${String(m.params!.type)}: ${args.join(' ')}`);
    } else if (m.method === 'Runtime.exceptionThrown') {
      const d = m.params!.exceptionDetails as { text: string; exception?: { description?: string } };
      this.log.push(`exception: ${d.exception?.description ?? d.text}`);
    }
  }
}
