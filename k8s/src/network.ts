import { get, ofKind, type TK8sObject } from './render';

/** Evaluates rendered NetworkPolicies the way the API defines them (one namespace, TCP/UDP, IPv4). */

export type TLabels = Record<string, string>;

type TLabelSelector = {
  matchLabels?: TLabels;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
};
type TPeer = {
  podSelector?: TLabelSelector;
  namespaceSelector?: TLabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
};
type TPolicyPort = { protocol?: string; port?: number | string; endPort?: number };
type TRule = { from?: TPeer[]; to?: TPeer[]; ports?: TPolicyPort[] };

/** A pod as a policy sees it: its labels, its namespace's labels and its named container ports. */
export type TPod = { labels: TLabels; namespaceLabels: TLabels; namedPorts?: Record<string, number> };

/** Where a connection goes (or comes from): a pod, or an address outside the cluster. */
export type TEndpoint = { pod: TPod } | { ip: string };

export function matchesSelector(selector: TLabelSelector | undefined, labels: TLabels): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const value = labels[expression.key];
    const values = expression.values ?? [];
    const ok =
      expression.operator === 'In'
        ? value !== undefined && values.includes(value)
        : expression.operator === 'NotIn'
          ? value === undefined || !values.includes(value)
          : expression.operator === 'Exists'
            ? value !== undefined
            : value === undefined;
    if (!ok) return false;
  }
  return true;
}

function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255))
    throw new Error(`not an IPv4 address: ${ip}`);
  return parts.reduce((sum, part) => sum * 256 + part, 0);
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [network = '', bitsText = '32'] = cidr.split('/');
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  const start = Math.floor(ipToInt(network) / size) * size;
  const address = ipToInt(ip);
  return address >= start && address < start + size;
}

function peerMatches(peer: TPeer, endpoint: TEndpoint, policyNamespaceLabels: TLabels): boolean {
  if ('ip' in endpoint) {
    if (!peer.ipBlock) return false;
    return (
      cidrContains(peer.ipBlock.cidr, endpoint.ip) &&
      !(peer.ipBlock.except ?? []).some((except) => cidrContains(except, endpoint.ip))
    );
  }
  if (peer.ipBlock) return false; // pod traffic is governed by pod and namespace selectors
  const namespaceOk = peer.namespaceSelector
    ? matchesSelector(peer.namespaceSelector, endpoint.pod.namespaceLabels)
    : sameLabels(endpoint.pod.namespaceLabels, policyNamespaceLabels);
  return namespaceOk && matchesSelector(peer.podSelector, endpoint.pod.labels);
}

function sameLabels(a: TLabels, b: TLabels): boolean {
  return a['kubernetes.io/metadata.name'] === b['kubernetes.io/metadata.name'];
}

function portMatches(
  ports: TPolicyPort[] | undefined,
  port: number,
  protocol: string,
  target?: TPod,
): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((candidate) => {
    if ((candidate.protocol ?? 'TCP') !== protocol) return false;
    if (candidate.port === undefined) return true;
    if (typeof candidate.port === 'string') return target?.namedPorts?.[candidate.port] === port;
    return candidate.endPort ? port >= candidate.port && port <= candidate.endPort : candidate.port === port;
  });
}

function policiesFor(policies: TK8sObject[], pod: TPod, type: 'Ingress' | 'Egress'): TK8sObject[] {
  return policies.filter(
    (policy) =>
      get<string[]>(policy, 'spec', 'policyTypes').includes(type) &&
      matchesSelector(get<TLabelSelector>(policy, 'spec', 'podSelector'), pod.labels),
  );
}

/** May `pod` open a connection to `destination` on `port`? (Egress side only.) */
export function egressAllowed(
  objects: TK8sObject[],
  pod: TPod,
  destination: TEndpoint,
  port: number,
  protocol = 'TCP',
): boolean {
  const selecting = policiesFor(ofKind(objects, 'NetworkPolicy'), pod, 'Egress');
  if (selecting.length === 0) return true;
  return selecting.some((policy) =>
    (get<TRule[] | undefined>(policy, 'spec', 'egress') ?? []).some(
      (rule) =>
        (!rule.to || rule.to.some((peer) => peerMatches(peer, destination, pod.namespaceLabels))) &&
        portMatches(rule.ports, port, protocol, 'pod' in destination ? destination.pod : undefined),
    ),
  );
}

/** May `source` reach `pod` on `port`? (Ingress side only.) */
export function ingressAllowed(
  objects: TK8sObject[],
  pod: TPod,
  source: TEndpoint,
  port: number,
  protocol = 'TCP',
): boolean {
  const selecting = policiesFor(ofKind(objects, 'NetworkPolicy'), pod, 'Ingress');
  if (selecting.length === 0) return true;
  return selecting.some((policy) =>
    (get<TRule[] | undefined>(policy, 'spec', 'ingress') ?? []).some(
      (rule) =>
        (!rule.from || rule.from.some((peer) => peerMatches(peer, source, pod.namespaceLabels))) &&
        portMatches(rule.ports, port, protocol, pod),
    ),
  );
}

/** The pod a Deployment or Job creates, in `namespace`. */
export function podOf(workload: TK8sObject, namespace: string): TPod {
  const template = get<{
    metadata?: { labels?: TLabels };
    spec: { containers: Array<{ ports?: Array<{ name?: string; containerPort: number }> }> };
  }>(workload, 'spec', 'template');
  const namedPorts: Record<string, number> = {};
  for (const container of template.spec.containers) {
    for (const port of container.ports ?? []) if (port.name) namedPorts[port.name] = port.containerPort;
  }
  return {
    labels: template.metadata?.labels ?? {},
    namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
    namedPorts,
  };
}

/** A pod elsewhere: `labels` in the namespace named `namespace`. */
export function foreignPod(namespace: string, labels: TLabels): TEndpoint {
  return { pod: { labels, namespaceLabels: { 'kubernetes.io/metadata.name': namespace } } };
}
