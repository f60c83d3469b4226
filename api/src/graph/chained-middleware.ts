import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/** The SDK's middleware contract with the link to the next handler kept in one place. */
export abstract class ChainedMiddleware implements Middleware {
  private next: Middleware | undefined;

  setNext(middleware: Middleware): void {
    this.next = middleware;
  }

  abstract execute(context: Context): Promise<void>;

  protected async callNext(context: Context): Promise<void> {
    if (this.next === undefined) {
      throw new Error(`${this.constructor.name} is the last middleware; the chain needs a sender`);
    }
    await this.next.execute(context);
  }
}
