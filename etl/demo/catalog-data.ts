/**
 * The fixed vocabulary of the demo shop: a two-level category tree, brands, product nouns and
 * price ranges. Some names need CSV quoting (commas, double quotes) and some are not ASCII.
 */

/** A leaf category and the nouns its product names are built from. */
export interface LeafCategorySeed {
  readonly id: string;
  readonly name: string;
  readonly nouns: readonly string[];
}

/** A top-level category with its brands, its list-price range in cents and its leaves. */
export interface TopCategorySeed {
  readonly id: string;
  readonly name: string;
  readonly brandIds: readonly string[];
  readonly priceCents: readonly [number, number];
  readonly leaves: readonly LeafCategorySeed[];
}

/** Brands: id and name. */
export const BRANDS: readonly (readonly [string, string])[] = [
  ['B01', 'Nordlicht'],
  ['B02', 'Urbanic'],
  ['B03', 'Maison Dupont'],
  ['B04', 'Atelier Noé'],
  ['B05', 'Blau & Weiß'],
  ['B06', 'Voltix'],
  ['B07', 'Sonora'],
  ['B08', 'PixelPeak'],
  ['B09', 'TechNova'],
  ['B10', 'Lumen'],
  ['B11', 'HomeNest'],
  ['B12', 'Casa Bella'],
  ['B13', 'Müller & Söhne'],
  ['B14', 'Ørsted Design'],
  ['B15', 'GreenLeaf'],
  ['B16', 'Summit Gear'],
  ['B17', 'Velo Rapido'],
  ['B18', 'Trailblazer'],
  ['B19', 'Bergwerk'],
  ['B20', 'Glow Lab'],
  ['B21', 'Pure Skin'],
  ['B22', 'Crème de la Crème'],
  ['B23', 'Señora Bella'],
  ['B24', 'Kinderglück'],
  ['B25', 'PlayMakers'],
  ['B26', 'Zephyr'],
];

/** The category tree: six top-level categories with three or four leaves each. */
export const CATEGORY_TREE: readonly TopCategorySeed[] = [
  {
    id: 'CAT01',
    name: 'Fashion',
    brandIds: ['B01', 'B02', 'B03', 'B04', 'B05'],
    priceCents: [999, 12999],
    leaves: [
      { id: 'CAT0101', name: "Women's Clothing", nouns: ['Dress', 'Blouse', 'Cardigan', 'Jeans'] },
      { id: 'CAT0102', name: "Men's Clothing", nouns: ['Shirt', 'Chinos', 'Hoodie', 'Jacket'] },
      { id: 'CAT0103', name: 'Shoes', nouns: ['Sneakers', 'Boots', 'Loafers', 'Sandals'] },
      { id: 'CAT0104', name: 'Bags, Belts & Wallets', nouns: ['Tote Bag', 'Leather Belt', 'Wallet'] },
    ],
  },
  {
    id: 'CAT02',
    name: 'Electronics',
    brandIds: ['B06', 'B07', 'B08', 'B09', 'B10'],
    priceCents: [999, 59900],
    leaves: [
      {
        id: 'CAT0201',
        name: 'Phones & Tablets',
        nouns: ['Smartphone', 'Tablet 11"', 'Phone Case', 'Charger'],
      },
      { id: 'CAT0202', name: 'Audio', nouns: ['Headphones', 'Earbuds', 'Bluetooth Speaker', 'Soundbar'] },
      { id: 'CAT0203', name: 'Computers', nouns: ['Laptop 15.6"', 'Monitor 27"', 'Keyboard', 'Mouse'] },
      { id: 'CAT0204', name: 'TV & Video', nouns: ['Smart TV 55"', 'Streaming Stick', 'TV Wall Mount'] },
    ],
  },
  {
    id: 'CAT03',
    name: 'Home & Garden',
    brandIds: ['B11', 'B12', 'B13', 'B14', 'B15'],
    priceCents: [499, 24900],
    leaves: [
      { id: 'CAT0301', name: 'Kitchen', nouns: ['Mug', "Chef's Knife", 'Frying Pan', 'Coffee Grinder'] },
      { id: 'CAT0302', name: 'Furniture', nouns: ['Side Table', 'Bookshelf', 'Office Chair'] },
      { id: 'CAT0303', name: 'Garden', nouns: ['Planter', 'Garden Hose', 'Hedge Trimmer'] },
      { id: 'CAT0304', name: 'Lighting', nouns: ['Desk Lamp', 'Floor Lamp', 'LED Strip'] },
    ],
  },
  {
    id: 'CAT04',
    name: 'Sports & Outdoors',
    brandIds: ['B16', 'B17', 'B18', 'B19'],
    priceCents: [799, 29900],
    leaves: [
      { id: 'CAT0401', name: 'Fitness', nouns: ['Yoga Mat', 'Dumbbell Set', 'Resistance Bands'] },
      { id: 'CAT0402', name: 'Cycling', nouns: ['Bike Helmet', 'Bike Light', 'Cycling Jersey'] },
      { id: 'CAT0403', name: 'Camping', nouns: ['Tent', 'Sleeping Bag', 'Camping Stove'] },
    ],
  },
  {
    id: 'CAT05',
    name: 'Beauty',
    brandIds: ['B20', 'B21', 'B22', 'B23'],
    priceCents: [299, 8999],
    leaves: [
      { id: 'CAT0501', name: 'Skin Care', nouns: ['Face Cream', 'Serum', 'Cleanser'] },
      { id: 'CAT0502', name: 'Make-up', nouns: ['Lipstick', 'Mascara', 'Foundation'] },
      { id: 'CAT0503', name: 'Fragrance', nouns: ['Eau de Parfum', 'Body Mist'] },
    ],
  },
  {
    id: 'CAT06',
    name: 'Toys & Games',
    brandIds: ['B24', 'B25', 'B26'],
    priceCents: [499, 12999],
    leaves: [
      { id: 'CAT0601', name: 'Board Games', nouns: ['Strategy Game', 'Puzzle 1000 pcs', 'Card Game'] },
      { id: 'CAT0602', name: 'Outdoor Toys', nouns: ['Water Blaster', 'Kite', 'Sandbox Set'] },
      { id: 'CAT0603', name: 'Baby & Toddler', nouns: ['Plush Bear', 'Stacking Cups', 'Baby Rattle'] },
    ],
  },
];

/** Adjectives that open product names. */
export const ADJECTIVES: readonly string[] = [
  'Classic',
  'Premium',
  'Essential',
  'Comfort',
  'Pro',
  'Eco',
  'Urban',
  'Vintage',
  'Compact',
  'Deluxe',
  'Smart',
  'Nordic',
  'Alpine',
  'Crème',
];

/** Endings of product names; the empty one is the most common. */
export const VARIANTS: readonly string[] = [
  '',
  '',
  '',
  '',
  '',
  ', 2-Pack',
  ', Size M',
  ', Black',
  ' – Édition Spéciale',
  ' (Refurbished)',
];

/**
 * Names forced onto the first products so that every landing zone, however small, holds a name
 * with a comma, names with a double quote and non-ASCII names: `[leaf category id, name]`.
 */
export const FIXED_PRODUCTS: readonly (readonly [string, string])[] = [
  ['CAT0301', 'Café Crème Mug, 2-Pack'],
  ['CAT0203', 'Monitor 27" 4K UHD'],
  ['CAT0301', 'Müsli Bowl "Alpenglück"'],
];
