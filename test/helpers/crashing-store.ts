// Crash injection: a state store (and starter) that performs the Nth write and then throws, as a
// process killed right after that write would leave things.
import type { PipelineStarter } from '../../lib/events/admission/pipeline-starter';
import type { StateStore } from '../../lib/store/ports';

export class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

const WRITES: Record<string, readonly string[]> = {
  runs: ['createRun', 'transitionRun', 'updateRun', 'putTriggers', 'putStep'],
  triggers: ['enqueue', 'remove', 'openWindow', 'closeWindow'],
  leases: ['acquire', 'renew', 'release'],
  decisions: ['begin', 'beginOrGet', 'transition', 'recordDuplicate'],
  sweeps: ['put', 'clear'],
};

export interface CrashSwitch {
  /** Writes done so far. */
  writes: number;
  /** The write after which to crash (1-based); 0 never crashes. */
  crashAfter: number;
  /** What each write was, in order. */
  log: string[];
}

const counted = <T extends object>(
  target: T,
  name: string,
  methods: readonly string[],
  crash: CrashSwitch,
): T =>
  new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (!methods.includes(String(property))) return value.bind(object);
      return async (...args: unknown[]) => {
        const result = await value.apply(object, args);
        crash.writes++;
        crash.log.push(`${name}.${String(property)}`);
        if (crash.writes === crash.crashAfter) throw new InjectedCrash(`crashed after write ${crash.writes}`);
        return result;
      };
    },
  });

/** The store and starter, counting writes and crashing after the `crashAfter`th. */
export const crashing = (store: StateStore, starter: PipelineStarter, crashAfter = 0) => {
  const crash: CrashSwitch = { writes: 0, crashAfter, log: [] };
  const wrapped = Object.fromEntries(
    Object.entries(store).map(([name, repository]) => [
      name,
      counted(repository as object, name, WRITES[name] ?? [], crash),
    ]),
  ) as unknown as StateStore;
  return { store: wrapped, starter: counted(starter, 'starter', ['startExecution'], crash), crash };
};
