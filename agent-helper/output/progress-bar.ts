import cliProgress from 'cli-progress';

/** A single progress bar on a terminal (stderr), created on the first counted progress update. */
export class ProgressBar {
  private bar: cliProgress.SingleBar | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(text: string, done: number, total: number): void {
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        { stream: this.stream, format: '{bar} {value}/{total} {text}', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, done, { text });
    }
    this.bar.setTotal(total);
    this.bar.update(done, { text });
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
