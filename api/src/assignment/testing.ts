/**
 * The asm.js warnings V8 prints while `run` runs a kernel (a module it rejects or cannot link
 * runs as plain JavaScript, several times slower, and V8 says so only as a process warning).
 */
export async function asmJsWarnings(run: () => void): Promise<string[]> {
  const warnings: string[] = [];
  const listen = (warning: Error): void => {
    warnings.push(warning.message);
  };
  process.on('warning', listen);
  try {
    run();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off('warning', listen);
  }
  return warnings.filter((w) => /asm\.js/i.test(w));
}
