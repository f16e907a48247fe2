/**
 * Seeded randomness for the demo generator. Never `Math.random`: the same seed gives the same
 * numbers on every machine, because everything here is 32-bit integer arithmetic.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "Small Fast Chaotic" generator, PractRand),
 * seeded through MurmurHash3's 32-bit finaliser so that nearby seeds give unrelated streams.
 */

/** MurmurHash3 `fmix32`: a bijective avalanche of a 32-bit integer. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a hash of a stream name, so that each concern draws from its own stream. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A seeded pseudo-random generator (sfc32). Deterministic, platform-independent.
 *
 * @example new Rng(1, 2, 3, 4).int(10) // the same value on every machine
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** The next 32-bit unsigned integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi], both inclusive. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('Rng.pick: empty list');
    return item;
  }

  /** A Poisson draw (Knuth's multiplication method; fine for the small means used here). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

/**
 * The generator for one concern (`stream`) and one item (`index`) under a seed. Separate streams
 * keep concerns independent: switching defects off does not shift the orders' random numbers.
 */
export function rngFor(seed: number, stream: string, index = 0): Rng {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  const s = hashName(stream);
  return new Rng(
    fmix32(lo ^ 0x9e3779b9),
    fmix32(hi ^ s),
    fmix32(Math.imul(index >>> 0, 0x85ebca6b) ^ s ^ 0x27d4eb2f),
    fmix32(lo + s + index),
  );
}

/**
 * Draws indices with probability proportional to fixed weights in O(1) per draw (Vose's alias
 * method, "A linear algorithm for generating random numbers with a given distribution", 1991).
 */
export class WeightedSampler {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    if (n === 0) throw new Error('WeightedSampler: no weights');
    const total = weights.reduce((s, w) => s + w, 0);
    if (!(total > 0)) throw new Error(`WeightedSampler: weights must sum to a positive number, got ${total}`);
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((w, i) => {
      (w < 1 ? small : large).push(i);
    });
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      const ws = scaled[s] as number;
      const wl = (scaled[l] as number) + ws - 1;
      this.prob[s] = ws;
      this.alias[s] = l;
      scaled[l] = wl;
      (wl < 1 ? small : large).push(l);
    }
    for (const i of [...large, ...small]) {
      this.prob[i] = 1;
      this.alias[i] = i;
    }
  }

  /** An index in [0, size), drawn with the weights given to the constructor. */
  sample(rng: Rng): number {
    const i = rng.int(this.size);
    return rng.next() < (this.prob[i] as number) ? i : (this.alias[i] as number);
  }
}
