import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** Turns taken one at a time, in the order asked: `take()` resolves, with the turn's end, once every earlier turn has ended. */
class Turns {
  private last: Promise<void> = Promise.resolve();
  take(): Promise<() => void> {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const before = this.last;
    this.last = before.then(() => ended);
    return before.then(() => end);
  }
}

/**
 * Prisma's better-sqlite3 adapter with one rule added (SPEC §11): while a transaction is open on
 * the process's one connection, every other statement waits for it to end. The adapter itself
 * only makes transactions wait for each other: a statement sent outside one runs at once, on the
 * same connection, so it would land inside whatever transaction another request has open, and be
 * rolled back with it after its own request answered success. Every statement outside a
 * transaction, and every transaction, now takes its turn.
 *
 * Inside a transaction, use its client (`tx`): a statement on the process's client would wait for
 * the transaction it is part of, forever.
 */
export function serializedSqlite(factory: Factory): Factory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialize(await factory.connect()),
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb()),
  } as Factory;
}

function serialize(adapter: Adapter): Adapter {
  const turns = new Turns();
  const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    const end = await turns.take();
    try {
      return await work();
    } finally {
      end();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => inTurn(() => adapter.queryRaw(query)),
    executeRaw: (query) => inTurn(() => adapter.executeRaw(query)),
    executeScript: (script) => inTurn(() => adapter.executeScript(script)),
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => inTurn(() => adapter.dispose()),
    async startTransaction(isolationLevel) {
      const end = await turns.take();
      try {
        return holdingTurn(await adapter.startTransaction(isolationLevel), end);
      } catch (error) {
        end();
        throw error;
      }
    },
  } as Adapter;
}

type Query = Parameters<Transaction["executeRaw"]>[0];
const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\b/i;

/**
 * The transaction, which gives its turn back when it commits or rolls back. Prisma sends COMMIT
 * as a statement and then calls commit(); when the COMMIT itself fails (a deferred constraint, a
 * disk error) it calls neither commit() nor rollback(), and the connection would wait forever:
 * the transaction is rolled back and the turn given back here instead.
 */
function holdingTurn(transaction: Transaction, end: () => void): Transaction {
  const endingSafely = async <T>(query: Query, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (ENDS_TRANSACTION.test(query.sql)) {
        await transaction.executeRaw({ ...query, sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
        await transaction.rollback().catch(() => undefined);
        end();
      }
      throw error;
    }
  };
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: (query) => endingSafely(query, () => transaction.queryRaw(query)),
    executeRaw: (query) => endingSafely(query, () => transaction.executeRaw(query)),
    commit: () => transaction.commit().finally(end),
    rollback: () => transaction.rollback().finally(end),
  };
}
