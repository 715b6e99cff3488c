import cliProgress from 'cli-progress';

/** A progress bar on stderr with rate and time left; silent when stderr is not a terminal and in tests. */
export function progressBar(label: string, unit: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | còn {eta_formatted}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      etaBuffer: 50,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(done: number, total: number) {
      if (!running) {
        bar.start(total, 0, { rate: 0 });
        running = true;
      }
      bar.setTotal(total);
      bar.update(done, { rate: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)) });
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
