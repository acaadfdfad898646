import * as yaml from 'js-yaml';
import { isJsonObject, jsonObjects, jsonString } from '../core/json';

/**
 * What is wrong with a kubeconfig given for a remote secret, or undefined if istiod can use it. istiod builds
 * its client for the remote cluster from the kubeconfig's current context (client-go `clientcmd`), so that
 * context must exist and name a cluster with a server URL and a user, as `istioctl create-remote-secret` writes it.
 * @param text the kubeconfig
 */
export function kubeconfigProblem(text: string): string | undefined {
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (e) {
    return `It is not YAML (${(e instanceof Error ? e.message : String(e)).split('\n')[0]}).`;
  }
  if (!isJsonObject(doc)) return 'It is not a kubeconfig: the YAML is not a mapping with clusters, users and contexts.';
  const kind = jsonString(doc, 'kind');
  if (kind !== undefined && kind !== 'Config') return `Its kind is "${kind}", not "Config".`;
  const apiVersion = jsonString(doc, 'apiVersion');
  if (apiVersion !== undefined && apiVersion !== 'v1') return `Its apiVersion is "${apiVersion}", not "v1".`;
  const clusters = jsonObjects(doc, 'clusters');
  if (!clusters.length) return 'It lists no cluster.';
  for (const cluster of clusters) {
    const server = jsonString(cluster, 'cluster', 'server');
    if (!server || !/^https?:\/\/[^\s/]+/.test(server)) return `Its cluster "${jsonString(cluster, 'name') ?? '?'}" has no server URL (https://…).`;
  }
  const current = jsonString(doc, 'current-context');
  if (!current) return 'It sets no current-context; istiod uses the current context.';
  const context = jsonObjects(doc, 'contexts').find(c => jsonString(c, 'name') === current);
  if (!context) return `Its current-context "${current}" is not one of its contexts.`;
  const clusterName = jsonString(context, 'context', 'cluster');
  if (!clusters.some(c => jsonString(c, 'name') === clusterName)) return `The current context names the cluster "${clusterName ?? ''}", which it does not list.`;
  const userName = jsonString(context, 'context', 'user');
  if (!jsonObjects(doc, 'users').some(u => jsonString(u, 'name') === userName)) return `The current context names the user "${userName ?? ''}", which it does not list.`;
  return undefined;
}
