import cliProgress from 'cli-progress';

/**
 * A progress callback that shows a bar only once the work has run for a second, so quick work
 * prints nothing extra. Call `done()` at the end to close the bar.
 */
export function progressBar(title: string, stream: NodeJS.WriteStream = process.stderr) {
  const startedAt = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done: number, total: number, label = '') {
      if (!bar && Date.now() - startedAt < 1000) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: `${title} [{bar}] {percentage}% {value}/{total} {label}`, stream, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { label });
      }
      bar.setTotal(total);
      bar.update(done, { label });
    },
    done() {
      bar?.stop();
    },
  };
}
