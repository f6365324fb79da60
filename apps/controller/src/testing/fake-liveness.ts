import type { BrokerLiveness, ElectionFacts } from '../replicas/replica-state';

/** A hand-set liveness view for state-machine specs: ids are alive when listed, with optional election facts. */
export class FakeLiveness implements BrokerLiveness {
  private readonly alive = new Map<string, ElectionFacts | undefined>();

  set(brokerName: string, brokerId: number, facts?: Partial<ElectionFacts>): this {
    this.alive.set(
      `${brokerName}/${brokerId}`,
      facts === undefined ? undefined : { epoch: 0, maxOffset: 0, electionPriority: 2147483647, ...facts },
    );
    return this;
  }

  kill(brokerName: string, brokerId: number): this {
    this.alive.delete(`${brokerName}/${brokerId}`);
    return this;
  }

  isAlive(brokerName: string, brokerId: number): boolean {
    return this.alive.has(`${brokerName}/${brokerId}`);
  }

  electionFacts(brokerName: string, brokerId: number): ElectionFacts | undefined {
    return this.alive.get(`${brokerName}/${brokerId}`);
  }
}
