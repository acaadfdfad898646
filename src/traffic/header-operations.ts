import { nonEmpty } from './match';
import { sortedRecord } from '../core/names';
import { VirtualServiceSpecHttpHeaders, VirtualServiceSpecHttpHeadersRequest } from '../imports/networking.istio.io';

/** Header changes in one direction. */
export interface HeaderChanges {
  /**
   * Headers to overwrite.
   * @default - none
   */
  readonly set?: { [name: string]: string };
  /**
   * Headers to append.
   * @default - none
   */
  readonly add?: { [name: string]: string };
  /**
   * Headers to remove.
   * @default - none
   */
  readonly remove?: string[];
}

/** Request and response header manipulation. */
export interface HeaderOperations {
  /**
   * Changes to the request before it is forwarded.
   * @default - none
   */
  readonly request?: HeaderChanges;
  /**
   * Changes to the response before it is returned.
   * @default - none
   */
  readonly response?: HeaderChanges;
}

/** Every header name the operations touch. */
export function headerOperationNames(ops: HeaderOperations | undefined): string[] {
  return [ops?.request, ops?.response].flatMap(c => [
    ...Object.keys(c?.set ?? {}), ...Object.keys(c?.add ?? {}), ...(c?.remove ?? []),
  ]);
}

/** Renders the Istio `Headers` object. */
export function renderHeaderOperations(ops: HeaderOperations | undefined): VirtualServiceSpecHttpHeaders | undefined {
  if (!ops) return undefined;
  const out: VirtualServiceSpecHttpHeaders = { request: renderChanges(ops.request), response: renderChanges(ops.response) };
  return out.request || out.response ? out : undefined;
}

function renderChanges(changes: HeaderChanges | undefined): VirtualServiceSpecHttpHeadersRequest | undefined {
  if (!changes) return undefined;
  const out: VirtualServiceSpecHttpHeadersRequest = {
    set: nonEmpty(sortedRecord(changes.set)),
    add: nonEmpty(sortedRecord(changes.add)),
    remove: changes.remove?.length ? [...changes.remove] : undefined,
  };
  return out.set || out.add || out.remove ? out : undefined;
}
