// A reproducible load for admission: distinct triggers over many models, duplicates, bursts.
import { ObjectCreated, RetrainingRequested } from '../../lib/events/contracts';
import { eventOf, s3Detail, T0 } from './admission';

export interface AdmissionLoad {
  models: string[];
  /** Deliveries in order, grouped in bursts delivered concurrently. */
  bursts: ReturnType<typeof eventOf>[][];
  distinct: number;
  duplicates: number;
}

type Delivery = ReturnType<typeof eventOf>;

/**
 * `total` deliveries over `modelCount` models (model-00, ...), `duplicateShare` of them repeats of
 * earlier ones; the distinct ones made by `original`. Deterministic pseudo-random order: a repeat
 * lands in the same burst as its original or a later one.
 */
const loadOf = (
  total: number,
  modelCount: number,
  duplicateShare: number,
  burstSize: number,
  original: (i: number, model: string) => Delivery,
): AdmissionLoad => {
  const models = Array.from({ length: modelCount }, (_, i) => `model-${String(i).padStart(2, '0')}`);
  const duplicates = Math.round(total * duplicateShare);
  const distinct = total - duplicates;
  const originals = Array.from({ length: distinct }, (_, i) => original(i, models[i % modelCount] as string));
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const deliveries = [...originals];
  for (let i = 0; i < duplicates; i++) {
    const at = Math.floor(random() * distinct);
    const where = Math.min(deliveries.length, at + Math.floor(random() * burstSize * 2));
    deliveries.splice(where, 0, originals[at] as Delivery);
  }
  const bursts = [];
  for (let i = 0; i < deliveries.length; i += burstSize) bursts.push(deliveries.slice(i, i + burstSize));
  return { models, bursts, distinct, duplicates };
};

/** Data arrivals and scheduled requests, alternating, a second apart. */
export const admissionLoad = (
  total: number,
  modelCount: number,
  duplicateShare: number,
  burstSize = 100,
): AdmissionLoad =>
  loadOf(total, modelCount, duplicateShare, burstSize, (i, model) => {
    const time = new Date(T0.getTime() + i * 1000);
    return i % 2 === 0
      ? eventOf(ObjectCreated, s3Detail('acme-data', `${model}/part-${i}.csv`, `v${i}`), {
          id: `s3-${i}`,
          time,
        })
      : eventOf(RetrainingRequested, { model, reason: 'schedule' }, { id: `req-${i}`, time });
  });

/** A burst of S3 arrivals a millisecond apart: all within one debounce window. */
export const arrivalBurst = (
  total: number,
  modelCount: number,
  duplicateShare: number,
  burstSize = 100,
): AdmissionLoad =>
  loadOf(total, modelCount, duplicateShare, burstSize, (i, model) =>
    eventOf(ObjectCreated, s3Detail('acme-data', `${model}/burst/part-${i}.csv`, `v${i}`), {
      id: `s3-${i}`,
      time: new Date(T0.getTime() + i),
    }),
  );
