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

/** `total` deliveries over `modelCount` models, `duplicateShare` of them repeats of earlier ones. */
export const admissionLoad = (
  total: number,
  modelCount: number,
  duplicateShare: number,
  burstSize = 100,
): AdmissionLoad => {
  const models = Array.from({ length: modelCount }, (_, i) => `model-${String(i).padStart(2, '0')}`);
  const duplicates = Math.round(total * duplicateShare);
  const distinct = total - duplicates;
  const originals = Array.from({ length: distinct }, (_, i) => {
    const model = models[i % modelCount] as string;
    const time = new Date(T0.getTime() + i * 1000);
    return i % 2 === 0
      ? eventOf(ObjectCreated, s3Detail('acme-data', `${model}/part-${i}.csv`, `v${i}`), {
          id: `s3-${i}`,
          time,
        })
      : eventOf(RetrainingRequested, { model, reason: 'schedule' }, { id: `req-${i}`, time });
  });
  // Deterministic pseudo-random order: a repeat lands in the same burst as its original or a later one.
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const deliveries = [...originals];
  for (let i = 0; i < duplicates; i++) {
    const original = Math.floor(random() * distinct);
    const at = Math.min(deliveries.length, original + Math.floor(random() * burstSize * 2));
    deliveries.splice(at, 0, originals[original] as ReturnType<typeof eventOf>);
  }
  const bursts = [];
  for (let i = 0; i < deliveries.length; i += burstSize) bursts.push(deliveries.slice(i, i + burstSize));
  return { models, bursts, distinct, duplicates };
};
