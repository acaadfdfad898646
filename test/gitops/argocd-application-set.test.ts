import * as yaml from 'js-yaml';
import { ArgoCdApplicationSet, Mesh } from '../../src';
import { synth, testApp } from '../util';

describe('ArgoCdApplicationSet', () => {
  test('one Application per cluster, each syncing its own manifest to its own cluster', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'prod',
      clusters: [{ name: 'east', apiServerAddress: 'https://east.example:6443' }, { name: 'west', apiServerAddress: 'https://west.example:6443' }],
    });
    new ArgoCdApplicationSet(mesh, 'argocd', { repoUrl: 'https://git.example/platform/mesh.git', path: 'dist/prod' });
    const out = synth(app);
    const appSet: any = yaml.load(out.text('argocd/applicationset.yaml'));
    expect(appSet.kind).toBe('ApplicationSet');
    expect(appSet.metadata).toEqual({ name: 'prod-clusters', namespace: 'argocd' });
    expect(appSet.spec.generators[0].list.elements).toEqual([
      { cluster: 'east', file: 'east.k8s.yaml', server: 'https://east.example:6443' },
      { cluster: 'west', file: 'west.k8s.yaml', server: 'https://west.example:6443' },
    ]);
    expect(appSet.spec.template.spec.source).toEqual({
      repoURL: 'https://git.example/platform/mesh.git', targetRevision: 'HEAD', path: 'dist/prod', directory: { include: '{{.file}}' },
    });
    expect(appSet.spec.template.spec.destination).toEqual({ server: '{{.server}}' });
    expect(appSet.spec.template.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });

  test('clusters without an API server address are addressed by Argo CD cluster name', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', clusters: [{ name: 'a' }] });
    new ArgoCdApplicationSet(mesh, 'argocd', { repoUrl: 'https://git.example/r.git', path: 'dist', autoSync: false });
    const appSet: any = yaml.load(synth(app).text('argocd/applicationset.yaml'));
    expect(appSet.spec.template.spec.destination).toEqual({ name: '{{.cluster}}' });
    expect(appSet.spec.template.spec.syncPolicy).toEqual({ syncOptions: ['ServerSideApply=true'] });
  });
});
