/**
 * Application segment matching (domain.md §2.1): the most specific segment for an FQDN, port and
 * protocol. An exact FQDN beats any wildcard; a longer wildcard suffix beats a shorter one; a
 * candidate only counts if one of its port ranges for the protocol contains the port, so
 * `git.acme.example` on TCP 22/443 and `*.acme.example` on TCP 80 send git.acme.example:80 to
 * the wildcard. Lookups cost one map probe per label of the FQDN. Pure: no I/O.
 */
import type {
  AppSegment,
  PortRange,
  Protocol,
  SegmentGroup,
} from '../../../shared/model/policy.js';
import { isValidSegmentDomain, normalizeHost } from '../../../shared/model/policy.js';

export { isValidSegmentDomain, normalizeHost };

export const portInRanges = (ranges: readonly PortRange[], port: number): boolean => {
  for (const r of ranges) if (port >= r.from && port <= r.to) return true;
  return false;
};

export const rangesOverlap = (a: readonly PortRange[], b: readonly PortRange[]): boolean =>
  a.some((x) => b.some((y) => x.from <= y.to && y.from <= x.to));

export const formatRanges = (ranges: readonly PortRange[]): string =>
  ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ');

export interface CompiledSegment {
  segment: AppSegment;
  group: SegmentGroup | undefined;
  /** Segment and its group enabled; otherwise access is NO_POLICY_FOUND. */
  active: boolean;
}

interface DomainEntry {
  cs: CompiledSegment;
  domain: string;
}

export interface SegmentMatch {
  cs: CompiledSegment;
  /** The segment's domain entry that matched. */
  domain: string;
  kind: 'exact' | 'wildcard';
}

/** A more specific entry for the host whose ports did not cover the request (for the trace). */
export interface PassedOver {
  name: string;
  domain: string;
}

export class SegmentIndex {
  private readonly exact = new Map<string, DomainEntry[]>();
  /** Keyed by the suffix after "*.". */
  private readonly wildcard = new Map<string, DomainEntry[]>();

  constructor(segments: readonly CompiledSegment[]) {
    for (const cs of segments) {
      for (const raw of cs.segment.domains) {
        const domain = normalizeHost(raw);
        const map = domain.startsWith('*.') ? this.wildcard : this.exact;
        const key = domain.startsWith('*.') ? domain.slice(2) : domain;
        let list = map.get(key);
        if (!list) map.set(key, (list = []));
        list.push({ cs, domain });
      }
    }
  }

  /** With `passedOver`, collects the entries for the host that did not cover the port. */
  match(
    fqdn: string,
    port: number,
    protocol: Protocol,
    passedOver?: PassedOver[],
  ): SegmentMatch | undefined {
    const host = normalizeHost(fqdn);
    const found = pick(this.exact.get(host), port, protocol, passedOver);
    if (found) return { cs: found.cs, domain: found.domain, kind: 'exact' };
    // Longest suffix first: a.b.acme.example tries *.b.acme.example, then *.acme.example, ...
    for (let i = host.indexOf('.'); i !== -1; i = host.indexOf('.', i + 1)) {
      const hit = pick(this.wildcard.get(host.slice(i + 1)), port, protocol, passedOver);
      if (hit) return { cs: hit.cs, domain: hit.domain, kind: 'wildcard' };
    }
    return undefined;
  }

  /** Other segments listing the same domain entry (for "Bypass wins" across ports). */
  sameDomain(cs: CompiledSegment, domain: string): CompiledSegment[] {
    const list = domain.startsWith('*.')
      ? this.wildcard.get(domain.slice(2))
      : this.exact.get(domain);
    if (!list || list.length < 2) return [];
    return list.filter((e) => e.cs !== cs).map((e) => e.cs);
  }
}

function pick(
  list: DomainEntry[] | undefined,
  port: number,
  protocol: Protocol,
  passedOver: PassedOver[] | undefined,
): DomainEntry | undefined {
  if (!list) return undefined;
  for (const e of list) {
    const ranges = protocol === 'UDP' ? e.cs.segment.udpPortRanges : e.cs.segment.tcpPortRanges;
    if (portInRanges(ranges, port)) return e;
  }
  if (passedOver)
    for (const e of list) passedOver.push({ name: e.cs.segment.name, domain: e.domain });
  return undefined;
}
