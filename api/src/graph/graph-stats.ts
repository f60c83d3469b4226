/** What one client instance has cost Graph so far (benchmarks report it). */
export interface GraphStats {
  /** HTTP requests sent to Graph, every attempt counted; one `$batch` is one request. */
  requests: number;
  /** Attempts that were repeats of an earlier one (middleware retries and batch sub-request retries). */
  retries: number;
  /** Answers of 429, 503 or 504, whole responses and `$batch` sub-responses alike. */
  throttled: number;
}

export function emptyStats(): GraphStats {
  return { requests: 0, retries: 0, throttled: 0 };
}
