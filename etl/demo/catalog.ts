/**
 * The demo shop's catalogue: categories, brands, products with list price and unit cost, their
 * popularity (Zipf-like, so a few products sell most) and the list-price changes of a subset of
 * products over the period (`product_prices`).
 */
import {
  ADJECTIVES,
  BRANDS,
  CATEGORY_TREE,
  FIXED_PRODUCTS,
  type LeafCategorySeed,
  VARIANTS,
} from './catalog-data.ts';
import { csvField } from './csv-writer.ts';
import { formatCents, psychologicalPrice } from './money.ts';
import { type Rng, rngFor, WeightedSampler } from './random.ts';

/** A list-price change: from `day` (its midnight UTC) on, `product` costs `cents`. */
export interface PriceChange {
  readonly day: number;
  readonly product: number;
  readonly cents: number;
}

/** The generated catalogue; products are addressed by index (`P00001` is index 0). */
export interface Catalog {
  readonly productIds: readonly string[];
  /** Already CSV-quoted product rows, in id order. */
  readonly productRows: readonly string[];
  /** Base list price (products.list_price) in cents, by product index. */
  readonly basePrice: Int32Array;
  /** Draws a product index, popular products more often. */
  readonly popularity: WeightedSampler;
  /** Sorted by day, then product. */
  readonly priceChanges: readonly PriceChange[];
}

/** Share of products whose list price changes during the period. */
const REPRICED_SHARE = 0.3;

/** How many products a shop with `orders` orders carries: orders / 20, between 60 and 3000. */
export function productCount(orders: number): number {
  return Math.min(3000, Math.max(60, Math.round(orders / 20)));
}

/** Product id of an index: `P` and five digits. */
export function productId(index: number): string {
  return `P${String(index + 1).padStart(5, '0')}`;
}

/** Header-less category rows (`category_id,category_name,parent_category_id`), parents first. */
export function categoryRows(): string[] {
  const rows: string[] = [];
  for (const top of CATEGORY_TREE) rows.push(`${top.id},${csvField(top.name)},`);
  for (const top of CATEGORY_TREE) {
    for (const leaf of top.leaves) rows.push(`${leaf.id},${csvField(leaf.name)},${top.id}`);
  }
  return rows;
}

/** Header-less brand rows (`brand_id,brand_name`). */
export function brandRows(): string[] {
  return BRANDS.map(([id, name]) => `${id},${csvField(name)}`);
}

/** Log-uniform draw in a cent range, then a retail-looking price. */
function drawPrice(rng: Rng, [lo, hi]: readonly [number, number]): number {
  const cents = Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)));
  return psychologicalPrice(cents, rng.next());
}

interface Placement {
  readonly top: (typeof CATEGORY_TREE)[number];
  readonly leaf: LeafCategorySeed;
}

const LEAVES: readonly Placement[] = CATEGORY_TREE.flatMap((top) =>
  top.leaves.map((leaf) => ({ top, leaf })),
);

function placementOf(leafId: string): Placement {
  const found = LEAVES.find((p) => p.leaf.id === leafId);
  if (found === undefined) throw new Error(`catalog: unknown leaf category ${leafId}`);
  return found;
}

/**
 * Builds the catalogue for a shop of `orders` orders over `days` days starting at `startDay`.
 * Deterministic in `seed`.
 */
export function buildCatalog(seed: number, orders: number, startDay: number, days: number): Catalog {
  const rng = rngFor(seed, 'catalog');
  const n = productCount(orders);
  const productIds: string[] = [];
  const productRows: string[] = [];
  const basePrice = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const fixed = FIXED_PRODUCTS[i];
    const place = fixed === undefined ? rng.pick(LEAVES) : placementOf(fixed[0]);
    const name = fixed?.[1] ?? `${rng.pick(ADJECTIVES)} ${rng.pick(place.leaf.nouns)}${rng.pick(VARIANTS)}`;
    const brand = rng.chance(0.03) ? '' : rng.pick(place.top.brandIds);
    const price = drawPrice(rng, place.top.priceCents);
    const cost = rng.chance(0.05) ? '' : formatCents(Math.round(price * (0.35 + 0.3 * rng.next())));
    const id = productId(i);
    productIds.push(id);
    basePrice[i] = price;
    productRows.push(`${id},${csvField(name)},${place.leaf.id},${brand},${formatCents(price)},${cost}`);
  }
  return {
    productIds,
    productRows,
    basePrice,
    popularity: zipfPopularity(rng, n),
    priceChanges: drawPriceChanges(rng, basePrice, startDay, days),
  };
}

/** Zipf weights 1 / rank^0.95 over a random ranking of the products. */
function zipfPopularity(rng: Rng, n: number): WeightedSampler {
  const ranks = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [ranks[i], ranks[j]] = [ranks[j] as number, ranks[i] as number];
  }
  return new WeightedSampler(ranks.map((r) => 1 / (r + 1) ** 0.95));
}

/** One to three price changes, each -20 % to +15 %, for a share of the products. */
function drawPriceChanges(rng: Rng, basePrice: Int32Array, startDay: number, days: number): PriceChange[] {
  const changes: PriceChange[] = [];
  if (days < 2) return changes;
  for (let p = 0; p < basePrice.length; p++) {
    if (!rng.chance(REPRICED_SHARE)) continue;
    const count = rng.between(1, 3);
    const offsets = new Set<number>();
    for (let k = 0; k < count; k++) offsets.add(rng.between(1, days - 1));
    let price = basePrice[p] as number;
    for (const offset of [...offsets].sort((a, b) => a - b)) {
      price = psychologicalPrice(price * (0.8 + 0.35 * rng.next()), rng.next());
      changes.push({ day: startDay + offset, product: p, cents: price });
    }
  }
  return changes.sort((a, b) => a.day - b.day || a.product - b.product);
}
