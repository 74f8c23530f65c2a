// Units of measure in answers: synonyms → one symbol, and factors between units of one dimension.
//
// A unit word counts only right after a number ("427 metres"): alone, "m", "in" or "t" are ordinary
// words. Qualifiers that may follow a unit ("1754 tons burthen", "427 m high") are ignored when
// quantities are compared (see `quantities`). Tons and tonnes are different units (long/short ton vs
// metric tonne) and are never converted into each other.

const SYNONYMS: Record<string, string[]> = {
  m: ['m', 'metre', 'metres', 'meter', 'meters', 'mtr'],
  km: ['km', 'kms', 'kilometre', 'kilometres', 'kilometer', 'kilometers'],
  cm: ['cm', 'centimetre', 'centimetres', 'centimeter', 'centimeters'],
  mm: ['mm', 'millimetre', 'millimetres', 'millimeter', 'millimeters'],
  ft: ['ft', 'foot', 'feet'],
  in: ['inch', 'inches'],
  yd: ['yd', 'yds', 'yard', 'yards'],
  mi: ['mi', 'mile', 'miles'],
  kg: ['kg', 'kgs', 'kilogram', 'kilograms', 'kilogramme', 'kilogrammes', 'kilo', 'kilos'],
  g: ['g', 'gram', 'grams', 'gramme', 'grammes'],
  lb: ['lb', 'lbs', 'pound', 'pounds'],
  ton: ['ton', 'tons'],
  tonne: ['tonne', 'tonnes', 't'],
  ha: ['ha', 'hectare', 'hectares'],
  acre: ['acre', 'acres'],
  km2: ['km2', 'sqkm'],
  l: ['l', 'litre', 'litres', 'liter', 'liters'],
  kmh: ['kmh', 'kph'],
  mph: ['mph'],
  year: ['year', 'years', 'yr', 'yrs'],
  month: ['month', 'months'],
  week: ['week', 'weeks'],
  day: ['day', 'days'],
  h: ['h', 'hr', 'hrs', 'hour', 'hours'],
  min: ['min', 'mins', 'minute', 'minutes'],
  s: ['s', 'sec', 'secs', 'second', 'seconds'],
  '%': ['%', 'percent'],
  usd: ['usd', 'dollar', 'dollars'],
  eur: ['eur', 'euro', 'euros'],
  gbp: ['gbp'],
  c: ['celsius', 'centigrade'],
  f: ['fahrenheit'],
  people: ['people', 'persons', 'inhabitants', 'residents'],
};

const CANONICAL = new Map<string, string>();
for (const [unit, words] of Object.entries(SYNONYMS)) for (const w of words) CANONICAL.set(w, unit);

/** The canonical symbol of a unit word, or null when it is not a unit. */
export function canonicalUnit(word: string): string | null {
  return CANONICAL.get(word) ?? null;
}

/** Units of one dimension, with their size in the dimension's base unit. */
const FACTORS: Record<string, { dim: string; f: number }> = {
  m: { dim: 'length', f: 1 },
  km: { dim: 'length', f: 1000 },
  cm: { dim: 'length', f: 0.01 },
  mm: { dim: 'length', f: 0.001 },
  ft: { dim: 'length', f: 0.3048 },
  in: { dim: 'length', f: 0.0254 },
  yd: { dim: 'length', f: 0.9144 },
  mi: { dim: 'length', f: 1609.344 },
  kg: { dim: 'mass', f: 1 },
  g: { dim: 'mass', f: 0.001 },
  lb: { dim: 'mass', f: 0.45359237 },
  tonne: { dim: 'mass', f: 1000 },
  ha: { dim: 'area', f: 10_000 },
  acre: { dim: 'area', f: 4046.8564224 },
  km2: { dim: 'area', f: 1_000_000 },
  kmh: { dim: 'speed', f: 1 },
  mph: { dim: 'speed', f: 1.609344 },
  h: { dim: 'time', f: 60 },
  min: { dim: 'time', f: 1 },
  s: { dim: 'time', f: 1 / 60 },
};

/** Unit words the splitter separates from a number written against it ("427m" → "427 m"). */
export const GLUED_UNITS = ['km', 'cm', 'mm', 'm', 'ft', 'kg', 'lbs', 'lb', 'mi', 'ha', 'kmh', 'kph', 'mph', 'hrs', 'hr', 'h', 'min', 'yrs'];

/**
 * Do two quantities agree? Same unit: equal numbers. Convertible units (length, mass, area, speed,
 * time): within 1 % after conversion, which tolerates the rounding of a converted figure
 * ("427 m" ≈ "1,401 ft") but not a different measurement.
 */
export function sameQuantity(a: { value: number; unit: string }, b: { value: number; unit: string }): boolean {
  if (a.unit === b.unit) return a.value === b.value;
  const fa = FACTORS[a.unit];
  const fb = FACTORS[b.unit];
  if (!fa || !fb || fa.dim !== fb.dim) return false;
  const x = a.value * fa.f;
  const y = b.value * fb.f;
  return Math.abs(x - y) <= 0.01 * Math.max(Math.abs(x), Math.abs(y));
}

export const isUnitSymbol = (t: string) => Object.hasOwn(SYNONYMS, t);
