import type { Lease } from '../entities';
import { leaseHeld, leaseLost, newLease } from '../leases';
import type { LeaseRepository, LeaseRequest } from '../ports';
import type { DynamoTable } from './dynamo-table';

// PK MODEL#<model>  SK LEASE#<environment>. Expiry is checked in every condition (expiresAtMs), not
// left to TTL: TTL deletes late, and dynalite has none. `expiresAt` (seconds) lets AWS clean up.
export class DynamoDBLeaseRepository implements LeaseRepository {
  constructor(private readonly table: DynamoTable) {}

  async acquire(request: LeaseRequest, read?: { lease: Lease | undefined }): Promise<Lease> {
    const current = read ? read.lease : await this.get(request.model, request.environment);
    const lease = newLease(request, current?.holder === request.holder ? current.acquiredAt : undefined);
    const written = await this.table.put(this.item(lease), {
      expression: 'attribute_not_exists(PK) OR expiresAtMs <= :now OR holder = :holder',
      values: { ':now': request.now.getTime(), ':holder': request.holder },
    });
    if (!written) throw leaseHeld(request, await this.get(request.model, request.environment));
    return lease;
  }

  async renew(request: LeaseRequest): Promise<Lease> {
    const expiresAtMs = request.now.getTime() + request.ttlMs;
    const renewed = await this.table.update<Lease>(
      `MODEL#${request.model}`,
      `LEASE#${request.environment}`,
      { expiresAtMs, expiresAt: Math.ceil(expiresAtMs / 1000), renewedAt: request.now.toISOString() },
      {
        expression: 'holder = :holder AND expiresAtMs > :now',
        values: { ':holder': request.holder, ':now': request.now.getTime() },
      },
    );
    if (!renewed) throw leaseLost(request.model, request.environment, request.holder);
    return renewed;
  }

  async release(model: string, environment: string, holder: string, unchanged?: Lease): Promise<void> {
    const deleted = await this.table.delete(`MODEL#${model}`, `LEASE#${environment}`, {
      expression: unchanged ? 'holder = :holder AND expiresAtMs = :expiresAtMs' : 'holder = :holder',
      values: { ':holder': holder, ...(unchanged ? { ':expiresAtMs': unchanged.expiresAtMs } : {}) },
    });
    if (!deleted) throw leaseLost(model, environment, holder);
  }

  async get(model: string, environment: string): Promise<Lease | undefined> {
    return this.table.get<Lease>(`MODEL#${model}`, `LEASE#${environment}`);
  }

  private item(lease: Lease) {
    return {
      PK: `MODEL#${lease.model}`,
      SK: `LEASE#${lease.environment}`,
      expiresAt: Math.ceil(lease.expiresAtMs / 1000),
      ...lease,
    };
  }
}
