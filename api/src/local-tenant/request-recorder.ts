/** One Graph call the local tenant answered, as it went over the wire. */
export interface RecordedExchange {
  method: string;
  /** After `/v1.0`, with the query string. */
  path: string;
  requestBody: unknown;
  status: number;
  /** Absent for 202/204. */
  responseBody: unknown;
}

export type GraphRecorder = (exchange: RecordedExchange) => void;

let processRecorder: GraphRecorder | undefined;

/**
 * Test support: every local tenant in this process without a recorder of its own reports each
 * Graph call it answers (a `$batch` once, envelope and all). `undefined` stops it.
 */
export function recordAllLocalTenants(recorder: GraphRecorder | undefined): void {
  processRecorder = recorder;
}

export function processWideRecorder(): GraphRecorder | undefined {
  return processRecorder;
}
