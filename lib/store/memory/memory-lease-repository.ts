import type { Lease } from '../entities';
import { leaseHeld, leaseLost, newLease } from '../leases';
import type { LeaseRepository, LeaseRequest } from '../ports';

export class MemoryLeaseRepository implements LeaseRepository {
  private readonly leases = new Map<string, Lease>();

  async acquire(request: LeaseRequest): Promise<Lease> {
    const current = this.leases.get(leaseKey(request.model, request.environment));
    const free =
      !current || current.expiresAtMs <= request.now.getTime() || current.holder === request.holder;
    if (!free) throw leaseHeld(request, current);
    const lease = newLease(request, current?.holder === request.holder ? current.acquiredAt : undefined);
    this.leases.set(leaseKey(request.model, request.environment), lease);
    return { ...lease };
  }

  async renew(request: LeaseRequest): Promise<Lease> {
    const current = this.leases.get(leaseKey(request.model, request.environment));
    if (current?.holder !== request.holder || current.expiresAtMs <= request.now.getTime()) {
      throw leaseLost(request.model, request.environment, request.holder);
    }
    const lease = newLease(request, current.acquiredAt);
    this.leases.set(leaseKey(request.model, request.environment), lease);
    return { ...lease };
  }

  async release(model: string, environment: string, holder: string, unchanged?: Lease): Promise<void> {
    const current = this.leases.get(leaseKey(model, environment));
    if (current?.holder !== holder || (unchanged && current.expiresAtMs !== unchanged.expiresAtMs))
      throw leaseLost(model, environment, holder);
    this.leases.delete(leaseKey(model, environment));
  }

  async get(model: string, environment: string): Promise<Lease | undefined> {
    const lease = this.leases.get(leaseKey(model, environment));
    return lease && { ...lease };
  }
}

const leaseKey = (model: string, environment: string) => `${model}\u0000${environment}`;
