/** A synthetic mesh size. */
export interface BenchSize {
  readonly name: 'S' | 'M' | 'L' | 'XL';
  readonly clusters: number;
  readonly services: number;
  readonly networks: number;
  readonly regions: number;
  /** Services per namespace. */
  readonly servicesPerNamespace: number;
  /** Timed runs after the warm-up (fewer for the largest sizes, so `npm run bench` stays under 15 minutes on 2 cores). */
  readonly runs: number;
}

export const SIZES: BenchSize[] = [
  { name: 'S', clusters: 2, services: 100, networks: 1, regions: 1, servicesPerNamespace: 25, runs: 5 },
  { name: 'M', clusters: 5, services: 1000, networks: 1, regions: 1, servicesPerNamespace: 50, runs: 5 },
  { name: 'L', clusters: 10, services: 2000, networks: 2, regions: 3, servicesPerNamespace: 50, runs: 3 },
  { name: 'XL', clusters: 20, services: 5000, networks: 2, regions: 4, servicesPerNamespace: 50, runs: 1 },
];

export function sizeNamed(name: string): BenchSize {
  const size = SIZES.find(s => s.name === name);
  if (!size) throw new Error(`unknown size ${name}; use ${SIZES.map(s => s.name).join(', ')}`);
  return size;
}
