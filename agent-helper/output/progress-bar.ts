import cliProgress from 'cli-progress';

/** A single progress bar on a terminal (stderr), created on the first counted progress update. */
export class ProgressBar {
  private bar: cliProgress.SingleBar | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(text: string, done: number, total: number, finish = ''): void {
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        { stream: this.stream, format: '{bar} {value}/{total} {finish} {text}', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, done, { text, finish });
    }
    this.bar.setTotal(total);
    this.bar.update(done, { text, finish });
  }

  /** Writes a line above the bar. */
  log(line: string): void {
    if (this.bar) this.stream.write('\r\x1b[K');
    this.stream.write(`${line}\n`);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
