import { ExtensionProvider } from './extension-provider';
import { MeshFeature } from '../topology/feature';
import type { MeshCore } from '../topology/mesh-core';
import { TopologyRules } from '../validation/rules/topology';

/** The extension providers declared on a mesh, referenced by construct from Telemetry and CUSTOM authorization. @internal */
export class ExtensionProviderRegistry extends MeshFeature {
  /** The registry of `mesh`, registered on first use. */
  public static of(mesh: MeshCore): ExtensionProviderRegistry {
    let registry = MeshFeature._find(mesh, ExtensionProviderRegistry);
    if (!registry) mesh.addFeature(registry = new ExtensionProviderRegistry());
    return registry;
  }

  public readonly featureName = 'extension-providers';
  private readonly list: ExtensionProvider[] = [];

  /** The declared providers, in declaration order. */
  public get providers(): ExtensionProvider[] {
    return [...this.list];
  }

  /** Declares a provider; a second provider with the same name is reported (MESH-TOPO-011). */
  public add(mesh: MeshCore, provider: ExtensionProvider): void {
    if (this.list.some(p => p.name === provider.name)) {
      mesh.report(TopologyRules.DUPLICATE_EXTENSION_PROVIDER, `${mesh.node.path}/extensionProviders/${provider.name}`, provider.name);
    } else {
      this.list.push(provider);
    }
  }

  /** Whether `provider` is declared. */
  public has(provider: ExtensionProvider): boolean {
    return this.list.includes(provider);
  }
}
