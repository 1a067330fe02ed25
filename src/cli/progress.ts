/*
 * A progress bar for long CLI work, on stderr. On a terminal it redraws one line; elsewhere (CI
 * logs, pipes) it prints a line at every tenth so logs stay short.
 */
export interface ProgressBar {
  tick(n?: number): void;
  /** Sets the count done so far (for callbacks that report a running total). */
  update(done: number): void;
  done(): void;
}

const WIDTH = 30;

export function progressBar(label: string, total: number, quiet = false, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const started = performance.now();
  let done = 0;
  let lastTenth = -1;
  let lastDraw = 0;
  const line = () => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const eta = rate > 0 && total > done ? ` · 剩余 / ETA ${Math.ceil((total - done) / rate)} s` : '';
    const filled = Math.round(share * WIDTH);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${Math.round(rate).toLocaleString('en')}/s${eta}`;
  };
  const draw = (final: boolean) => {
    if (quiet) return;
    if (stream.isTTY) {
      const now = performance.now();
      if (!final && now - lastDraw < 100) return;
      lastDraw = now;
      stream.write(`\r${line()}${final ? '\n' : ''}`);
      return;
    }
    const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
    if (tenth > lastTenth || (final && lastTenth < 10)) {
      lastTenth = tenth;
      stream.write(`${line()}\n`);
    }
  };
  return {
    tick(n = 1) {
      done += n;
      draw(false);
    },
    update(n: number) {
      done = n;
      draw(false);
    },
    done() {
      draw(true);
    },
  };
}
