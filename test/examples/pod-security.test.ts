/**
 * Every pod template in every example meets the Kubernetes Pod Security Standards "restricted" profile
 * (which includes "baseline"), checked rule by rule as the PodSecurity admission controller (v1.30) does.
 */
import { synthesizeExamples } from './all-examples';

const POD_TEMPLATE_KINDS: { [kind: string]: (obj: any) => any } = {
  Pod: obj => obj,
  Deployment: obj => obj.spec.template,
  StatefulSet: obj => obj.spec.template,
  DaemonSet: obj => obj.spec.template,
  ReplicaSet: obj => obj.spec.template,
  Job: obj => obj.spec.template,
  CronJob: obj => obj.spec.jobTemplate.spec.template,
};

/** Sysctls the baseline profile allows. */
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/** The restricted-profile violations of one pod spec, as `<rule>: <detail>`. */
export function restrictedViolations(spec: any): string[] {
  const out: string[] = [];
  const pod = spec.securityContext ?? {};
  const containers: any[] = [...spec.containers ?? [], ...spec.initContainers ?? [], ...spec.ephemeralContainers ?? []];
  const each = (rule: string, bad: (c: any) => boolean) => {
    for (const c of containers) if (bad(c.securityContext ?? {})) out.push(`${rule}: container ${c.name}`);
  };
  // baseline
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[field] === true) out.push(`host namespaces: ${field}`);
  if (pod.windowsOptions?.hostProcess === true) out.push('hostProcess: pod');
  each('hostProcess', sc => sc.windowsOptions?.hostProcess === true);
  each('privileged', sc => sc.privileged === true);
  each('capabilities (baseline)', sc => (sc.capabilities?.add ?? []).some((c: string) => !BASELINE_CAPABILITIES.includes(c)));
  for (const v of spec.volumes ?? []) if (v.hostPath) out.push(`hostPath volume: ${v.name}`);
  for (const c of containers) for (const p of c.ports ?? []) if (p.hostPort) out.push(`hostPorts: container ${c.name} ${p.hostPort}`);
  const badSeLinux = (o: any) => o && ((o.type && !['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'].includes(o.type)) || o.user || o.role);
  if (badSeLinux(pod.seLinuxOptions)) out.push('seLinux: pod');
  each('seLinux', sc => badSeLinux(sc.seLinuxOptions));
  each('procMount', sc => sc.procMount !== undefined && sc.procMount !== 'Default');
  const badAppArmor = (p: any) => p && !['RuntimeDefault', 'Localhost'].includes(p.type);
  if (badAppArmor(pod.appArmorProfile)) out.push('appArmor: pod');
  each('appArmor', sc => badAppArmor(sc.appArmorProfile));
  for (const s of pod.sysctls ?? []) if (!SAFE_SYSCTLS.includes(s.name)) out.push(`sysctls: ${s.name}`);
  // restricted
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find(k => k !== 'name');
    if (!type || !RESTRICTED_VOLUMES.includes(type)) out.push(`volume types: ${v.name} (${type})`);
  }
  each('allowPrivilegeEscalation', sc => sc.allowPrivilegeEscalation !== false);
  each('runAsNonRoot', sc => sc.runAsNonRoot === false || (sc.runAsNonRoot !== true && pod.runAsNonRoot !== true));
  if (pod.runAsUser === 0) out.push('runAsUser: pod');
  each('runAsUser', sc => sc.runAsUser === 0);
  const seccompOk = (p: any) => p && ['RuntimeDefault', 'Localhost'].includes(p.type);
  if (pod.seccompProfile && !seccompOk(pod.seccompProfile)) out.push('seccompProfile: pod');
  each('seccompProfile', sc => sc.seccompProfile ? !seccompOk(sc.seccompProfile) : !seccompOk(pod.seccompProfile));
  each('capabilities (restricted)', sc => !(sc.capabilities?.drop ?? []).includes('ALL') || (sc.capabilities?.add ?? []).some((c: string) => c !== 'NET_BIND_SERVICE'));
  return out;
}

describe('the restricted-profile check', () => {
  const good = {
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'c', securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  };
  test('accepts a compliant pod', () => expect(restrictedViolations(good)).toEqual([]));
  test('reports each broken rule', () => {
    expect(restrictedViolations({ ...good, securityContext: {} })).toEqual(['seccompProfile: container c']);
    expect(restrictedViolations({ ...good, hostNetwork: true, securityContext: { ...good.securityContext, sysctls: [{ name: 'net.core.somaxconn', value: '1' }] } }))
      .toEqual(['host namespaces: hostNetwork', 'sysctls: net.core.somaxconn']);
    expect(restrictedViolations({ ...good, volumes: [{ name: 'h', hostPath: { path: '/' } }] })).toEqual(['hostPath volume: h', 'volume types: h (hostPath)']);
    expect(restrictedViolations({ ...good, containers: [{ name: 'c', securityContext: { runAsUser: 0, capabilities: { add: ['NET_ADMIN'] } } }] }))
      .toEqual(['capabilities (baseline): container c', 'allowPrivilegeEscalation: container c', 'runAsNonRoot: container c', 'runAsUser: container c', 'capabilities (restricted): container c']);
  });
});

describe('every pod template in every example meets the restricted profile', () => {
  const templates = synthesizeExamples().flatMap(e => e.out.clusterNames.flatMap(cluster => e.out.cluster(cluster)
    .filter(o => POD_TEMPLATE_KINDS[o.kind])
    .map(o => [`${e.name}/${cluster}: ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, POD_TEMPLATE_KINDS[o.kind](o).spec] as [string, any])));

  test('there are pod templates to check', () => expect(templates.length).toBeGreaterThan(20));

  test.each(templates)('%s', (_name, spec) => {
    expect(restrictedViolations(spec)).toEqual([]);
  });
});
