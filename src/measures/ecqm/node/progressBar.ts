/**
 * A progress bar on stderr: redrawn in place on a terminal, a line per tenth otherwise (so a
 * CI log shows progress without thousands of lines). Stdout is left to the JSON results.
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

export function progressBar(label: string, unit: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const width = 30;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total) {
      const share = total > 0 ? done / total : 1;
      const filled = Math.round(share * width);
      const text = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${unit}`;
      if (stream.isTTY) {
        stream.write(`\r${text}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${text}\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
