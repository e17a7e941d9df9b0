import { CancellationToken, type Connection } from 'vscode-languageserver';
import { injectFault } from './faults';

/**
 * Wraps a request handler so that an exception is logged and answered with a fallback, and a
 * cancelled request is answered with the fallback without doing the work.
 */
export function guard<P, R>(
  connection: Connection,
  name: string,
  fallback: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    if (token.isCancellationRequested) return fallback;
    try {
      injectFault(name);
      const result = await handler(params, token);
      return token.isCancellationRequested ? fallback : result;
    } catch (error) {
      connection.console.error(`${name} failed: ${describe(error)}`);
      return fallback;
    }
  };
}

/** The same for requests without parameters (their handler receives only the token). */
export function guard0<R>(connection: Connection, name: string, fallback: R, handler: (token: CancellationToken) => R | Promise<R>): (token: CancellationToken) => Promise<R> {
  const wrapped = guard<undefined, R>(connection, name, fallback, (_params, token) => handler(token));
  // A client may send `"params": null` with a request that takes none; the token then comes
  // second. Take whichever argument is the token.
  return (...args: unknown[]) => wrapped(undefined, args.find(isToken) ?? CancellationToken.None);
}

function isToken(value: unknown): value is CancellationToken {
  return typeof value === 'object' && value !== null && typeof (value as CancellationToken).isCancellationRequested === 'boolean';
}

/** The same for notifications: log, never throw into the connection. */
export function guardNotification<P>(connection: Connection, name: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      injectFault(name);
      const result = handler(params);
      if (result instanceof Promise) result.catch((error: unknown) => connection.console.error(`${name} failed: ${describe(error)}`));
    } catch (error) {
      connection.console.error(`${name} failed: ${describe(error)}`);
    }
  };
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
