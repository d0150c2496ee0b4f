import { LeaseHeldError } from '../errors/lease-held-error';
import { LeaseLostError } from '../errors/lease-lost-error';
import type { Lease } from './entities';
import type { LeaseRequest } from './ports';

export const newLease = (request: LeaseRequest, acquiredAt?: string): Lease => ({
  model: request.model,
  environment: request.environment,
  holder: request.holder,
  acquiredAt: acquiredAt ?? request.now.toISOString(),
  renewedAt: request.now.toISOString(),
  expiresAtMs: request.now.getTime() + request.ttlMs,
});

export const leaseHeld = (
  request: LeaseRequest,
  current?: Pick<Lease, 'holder' | 'expiresAtMs'>,
): LeaseHeldError =>
  new LeaseHeldError(
    `lease on ${request.model}/${request.environment} is held by ${current?.holder ?? 'another holder'}` +
      (current ? ` until ${new Date(current.expiresAtMs).toISOString()}` : ''),
  );

export const leaseLost = (model: string, environment: string, holder: string): LeaseLostError =>
  new LeaseLostError(`${holder} does not hold the lease on ${model}/${environment}`);
