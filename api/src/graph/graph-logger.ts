/** The slice of a pino logger the Graph client writes to. */
export interface GraphLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export const silentLogger: GraphLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
};
