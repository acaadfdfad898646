/**
 * A real kube-apiserver with etcd, on 127.0.0.1 only, for `kubectl apply --dry-run=server --validate=strict`.
 * Everything lives in a temporary folder: etcd's data, the service-account key pair (generated here), the
 * apiserver's self-signed serving certificate (it generates one into --cert-dir), a static admin token and a
 * kubeconfig that trusts exactly that certificate. `stop()` kills both processes and removes the folder;
 * `start()` gives up after a deadline.
 */
import { ChildProcess, spawn } from 'child_process';
import { generateKeyPairSync, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { run, RunResult, tool } from './tools';

const LOOPBACK = '127.0.0.1';

/** kubectl bound to one API server. */
export type Kubectl = (args: readonly string[], timeoutMs?: number, input?: string) => RunResult;

/** kubectl (the one build.sh built) with a kubeconfig, e.g. a running ApiServer's. */
export function kubectlFor(kubeconfig: string): Kubectl {
  return (args, timeoutMs = 120_000, input) => run(tool('kubectl'), ['--kubeconfig', kubeconfig, ...args], timeoutMs, input);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

export class ApiServer {
  /** Starts etcd and kube-apiserver and waits until /readyz answers ok, or throws after `timeoutMs`. */
  public static async start(timeoutMs = 120_000): Promise<ApiServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-apiserver-'));
    const server = new ApiServer(dir);
    try {
      await server.boot(timeoutMs);
    } catch (e) {
      server.stop();
      throw e;
    }
    return server;
  }

  /** kubeconfig file for kubectl (`--kubeconfig`). */
  public readonly kubeconfig: string;
  /** Runs kubectl against this server. */
  public readonly kubectl: Kubectl;
  private readonly token = randomBytes(24).toString('hex');
  private readonly processes: ChildProcess[] = [];
  private readonly logs: string[] = [];
  private url = '';

  private constructor(private readonly dir: string) {
    this.kubeconfig = path.join(dir, 'kubeconfig');
    this.kubectl = kubectlFor(this.kubeconfig);
  }


  /** Kills both processes and removes the temporary folder. Safe to call twice. */
  public stop(): void {
    for (const child of this.processes.splice(0).reverse()) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** The last lines the two processes wrote, for error messages. */
  public logTail(lines = 30): string {
    return this.logs.join('').split('\n').slice(-lines).join('\n');
  }

  private async boot(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const [etcdClient, etcdPeer, securePort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://${LOOPBACK}:${etcdClient}`;
    this.spawn(tool('etcd'), [
      '--name', 'verify',
      '--data-dir', path.join(this.dir, 'etcd'),
      '--listen-client-urls', etcdUrl,
      '--advertise-client-urls', etcdUrl,
      '--listen-peer-urls', `http://${LOOPBACK}:${etcdPeer}`,
      '--initial-advertise-peer-urls', `http://${LOOPBACK}:${etcdPeer}`,
      '--initial-cluster', `verify=http://${LOOPBACK}:${etcdPeer}`,
      '--listen-metrics-urls', '',
      '--log-level', 'warn',
      '--quota-backend-bytes', String(512 * 1024 * 1024),
    ]);

    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const saPub = path.join(this.dir, 'sa.pub');
    const saKey = path.join(this.dir, 'sa.key');
    fs.writeFileSync(saPub, publicKey.export({ type: 'spki', format: 'pem' }));
    fs.writeFileSync(saKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const tokens = path.join(this.dir, 'tokens.csv');
    fs.writeFileSync(tokens, `${this.token},verify-admin,verify-admin,"system:masters"\n`, { mode: 0o600 });
    const certDir = path.join(this.dir, 'certs');

    this.spawn(tool('kube-apiserver'), [
      '--etcd-servers', etcdUrl,
      '--bind-address', LOOPBACK,
      '--advertise-address', LOOPBACK,
      '--secure-port', String(securePort),
      '--cert-dir', certDir,
      '--token-auth-file', tokens,
      '--authorization-mode', 'RBAC',
      '--service-account-issuer', 'https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file', saPub,
      '--service-account-signing-key-file', saKey,
      '--service-cluster-ip-range', '10.96.0.0/16',
      '--enable-priority-and-fairness=false',
      '--profiling=false',
      '--v', '0',
    ]);

    this.url = `https://${LOOPBACK}:${securePort}`;
    const ca = path.join(certDir, 'apiserver.crt');
    while (!(fs.existsSync(ca) && (await this.ready(ca)))) {
      const dead = this.processes.find(p => p.exitCode !== null || p.signalCode !== null);
      if (dead) throw new Error(`${dead.spawnfile} exited with ${dead.exitCode ?? dead.signalCode} before the API server was ready:\n${this.logTail()}`);
      if (Date.now() > deadline) throw new Error(`API server not ready after ${timeoutMs}ms:\n${this.logTail()}`);
      await sleep(500);
    }
    fs.writeFileSync(this.kubeconfig, JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'verify', cluster: { 'server': this.url, 'certificate-authority': ca } }],
      users: [{ name: 'verify-admin', user: { token: this.token } }],
      contexts: [{ name: 'verify', context: { cluster: 'verify', user: 'verify-admin' } }],
      ['current-context']: 'verify',
    }), { mode: 0o600 });
  }

  private spawn(command: string, args: string[]): void {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.logs.push(chunk.toString());
      if (this.logs.length > 400) this.logs.splice(0, this.logs.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', e => this.logs.push(`${command}: ${e.message}\n`));
    this.processes.push(child);
  }

  private ready(ca: string): Promise<boolean> {
    return new Promise(resolve => {
      const req = https.get(`${this.url}/readyz`, {
        ca: fs.readFileSync(ca),
        headers: { Authorization: `Bearer ${this.token}` },
        timeout: 2000,
      }, res => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
  }
}
