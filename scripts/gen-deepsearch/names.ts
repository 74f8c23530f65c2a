// Syllable-based names for the fictional world. Every name is registered in a NameRegistry so no two
// entities share a name (case-insensitive), except near-namesakes made on purpose by `nearNamesake`.
import type { Rng } from './rng.ts';

const ONSETS: readonly (readonly [string, number])[] = [
  ['b', 3], ['br', 1], ['d', 3], ['dr', 1], ['f', 2], ['g', 2], ['gr', 1], ['h', 2], ['k', 4], ['kr', 1],
  ['l', 4], ['m', 4], ['n', 3], ['p', 2], ['r', 4], ['s', 4], ['st', 1], ['t', 4], ['tr', 1], ['v', 4],
  ['z', 2], ['th', 2], ['sk', 1], ['qu', 1], ['j', 1], ['', 2],
];
const VOWELS: readonly (readonly [string, number])[] = [
  ['a', 6], ['e', 6], ['i', 4], ['o', 5], ['u', 2], ['ae', 1], ['ei', 1], ['ou', 1], ['y', 1],
];
const CODAS: readonly (readonly [string, number])[] = [
  ['', 10], ['n', 3], ['r', 3], ['l', 3], ['s', 2], ['th', 1], ['m', 1], ['k', 1], ['v', 1],
];

const SURNAME_ENDS = ['ek', 'ec', 'in', 'ar', 'el', 'is', 'ant', 'orr', 'esk', 'ith', 'une', 'ald', 'ero', 'ane', 'ik', 'ul', 'ond', 'av', 'eth', 'ich'];
const FEMALE_ENDS = ['a', 'e', 'ine', 'ia', 'elle', 'ys', 'wen', 'ara', 'ette', 'is'];
const MALE_ENDS = ['o', 'an', 'ek', 'is', 'or', 'ard', 'ul', 'en', 'as', 'im'];
const TOWN_ENDS = ['vel', 'mar', 'dun', 'ost', 'ara', 'enne', 'orra', 'ith', 'evar', 'quen', 'ast', 'ulm', 'esse', 'oth', 'avel', 'irn', 'ach', 'ume'];
const RIVER_ENDS = ['a', 'ine', 'ava', 'ule', 'enne', 'is', 'ova'];
const PROVINCE_ENDS = ['ia', 'ara', 'ene', 'orre', 'and', 'ovia'];
const SHIP_ENDS = ['a', 'ia', 'ine', 'elle', 'ora', 'ande', 'isse', 'eth'];
const WORD_ENDS = ['an', 'or', 'el', 'is', 'et', 'ov', 'ar', 'ul', 'en'];

/**
 * Words the generator produced for some seed that an English word list (with proper names) also holds,
 * found by a one-off check against /usr/share/dict/words at development time (not needed to run).
 */
// prettier-ignore
const DICTIONARY_HITS = `
  /work/main/scripts/gen-deepsearch/generate.ts:203 /work/main/scripts/gen-deepsearch/names.ts:111
  /work/main/scripts/gen-deepsearch/names.ts:113 alone amalia amman angina arise basel beard belays bemoan benet
  benin beret bethune bette board bolas boris bovine bowen brain brant bravo brays breach bremen briar brunette
  bryan bryant byline daren darin davis delia delis denis derek devin dinette divas doris drano drays dunant
  duran erich filet finis galas gareth gavel gavin genet giselle golan goren grain graven grebe greys grime
  groan groin gruel guard haman harare havel haven heard heine herero hoard hulas inane jamar janet janette
  janie janine janis jerald jinan jonas karin keith keven kieth kirov koran kramer krone kronor labia lamar
  lamas latin leila lelia lenard lenin lenora letha lethe levine liken lilia lilith liras lithe liven maine
  mamet manet marin maris mathis maura maven mavis meant merak minim minis mirach molar monet moran morin
  moselle mosul munich murine nanette nevis nisan noelle nokia nonzero novas novelle paine panda paris penis
  petard poniard purim quasar quine quinine regard regor reich reran reset resin rise risen rivas riven rivet
  roman rosette rouse saith salas saline samar sanka saran saris savant selim semen semis senior silas sivan
  skein solis sonar sorrel sousa stael stain stake stale stamen stare stays stein steve steven stile stine stoke
  stole stolen store style susan taine taken talent tamara tarim tenet tenor tet thais thalia thant there these
  thine those thule tithe tomas tonia train travis trays treas tremor troys truant tulane tunas turkeys urine
  valet verdun visas visor zamora zenith zukor
`;

// Real names and English words the syllables could produce; rejected so the world stays fictional and names
// never read as ordinary words ("Mine", "Feast"). Not exhaustive (no dictionary is available offline): the
// minimum lengths below and the invented endings make the remaining collisions rare.
const BLOCKLIST = new Set(
  `ankara samara kazan varna tirana parma verona vienna riga tula sofia lima roma malta kira dara lena nina vera maria sara
  tara mara lara zara dora nora flora laura marco mario bruno hugo otto leon simon damian kevin brian adrian tristan stefan
  tobias moskva neva volga kama drava sava morava vltava elbe seine loire rhone tiber arno douro tagus ebro thames severn
  tyne tweed ural amur indus ganges nile niger congo zambezi mali chad peru cuba java bali fiji samoa tonga nauru oslo bern
  kiev minsk baku dubai doha rabat tunis cairo lagos accra dakar quito bogota vulcan titan athena minerva venus juno diana
  luna terra gaia thor odin loki india asia media mania sepia dahlia gardenia tiara mascara sahara travel gravel navel ravel
  marvel ghost frost coast beast feast least yeast toast roast boast contrast smith faith beach reach teach leach peach
  bleach volume costume resume presume assume consume legume broth sloth cloth tenth dune tune finesse largesse noblesse
  duchesse mine vine line fine wine dine pine nine shine spine swine brine marine divine define ravine feline famine
  routine machine engine doctrine genuine medicine lava guava rule mule module capsule molecule schedule basis thesis
  crisis iris axis tennis pelvis mantis nova sofa data manga drama coma lama gazelle belle nacelle aurora pandora angora
  menora teeth kenneth cabin robin basin raisin muffin coffin margin origin begin violin cousin cigar solar polar lunar
  sugar dollar collar cellar pillar model level hotel novel panel label camel barrel tunnel angel bagel chapel diesel
  gospel jewel morsel vessel towel plant grant giant slant tenant servant pleasant merchant elephant blond beyond second
  sandwich ostrich prune fortune commune immune neptune scald herald emerald hero zero bolero sombrero plane crane insane
  arcane thane membrane hurricane skull seoul gazette cassette roulette palette vignette cigarette solo memo logo tomato
  potato motto piano radio ratio tango began divan sedan pelican doctor motor rotor tutor razor actor mirror error horror
  vapor major minor donor manor honor lizard wizard hazard custard mustard leopard standard coward reward toward forward
  haggard garden golden linen seven eleven heaven raven maiden siren often token woken kitten mitten bitten listen dozen
  canvas atlas texas alias denim pilgrim victim maxim ruby dahlia villa vanilla gorilla umbrella novella stella bella
  della cinema karma panorama magma stigma enigma dilemma comma gamma plasma trauma asthma llama pajama banana savanna
  sonata cantata regatta lasagna arena hyena antenna sauna tundra zebra cobra opera camera sierra terra aroma diploma
  persona corona madonna sultana bandana cabana nirvana veranda agenda propaganda formula nebula tarantula peninsula
  piranha dogma visa pizza plaza tessa vanessa teresa lisa mona rosa rhonda wanda linda brenda glenda amanda miranda
  fiona gloria olivia sylvia lydia nadia tania sonia cynthia patricia alicia amelia ophelia cornelia julia emilia
  rebecca monica veronica jessica angelica erica helena selena elena magdalena carolina regina gina tina christina
  martina bettina lucia diane elaine jane lorraine blaine duane shane wayne arlene irene darlene marlene charlene
  jolene helene eugene gene rene rose tess bess jess tessa melissa alissa marisa lorena serena corinne colleen maureen
  darren warren karen loren galen allen ellen helen owen rowan logan megan morgan jordan dylan nolan ronan conan
  duncan lincoln milan dean sean ivan evan ethan nathan jonathan tristram ivar edgar oscar omar victor hector nestor
  arthur taylor tyler walter peter lester chester vester dexter baxter foster carter porter parker turner homer
  gerard bernard leonard richard edward howard ward harold gerald donald ronald reginald oswald arnold isaac
  darius marcus julius brutus linus cyrus janus remus horus icarus tarsus lotus cactus walrus chorus bonus
  status virus focus census campus circus versus apparatus sinus fetus ${DICTIONARY_HITS}`.split(/\s+/).filter(Boolean),
);

/** Minimum name lengths by kind (short syllable strings are the ones that turn out to be English words). */
const MIN_LEN = { given: 5, surname: 5, town: 6, river: 5, province: 6, ship: 5, word: 5 } as const;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function wellFormed(word: string, minLen: number): boolean {
  if (word.length < minLen || word.length > 12) return false;
  if (/[^aeiouy]{4}/.test(word)) return false; // four consonants in a row
  if (/[aeiouy]{3}/.test(word)) return false; // three vowels in a row
  if (/(.)\1\1/.test(word)) return false;
  if (/^(qu|sk|st|th)?[aeiouy]?$/.test(word)) return false;
  if (/q(?!u)/.test(word) || /quu|quy/.test(word)) return false;
  return !BLOCKLIST.has(word);
}

/** Names already given out (lower case), so no two entities collide by accident. */
export class NameRegistry {
  private readonly used = new Set<string>();

  has(name: string): boolean {
    return this.used.has(name.toLowerCase());
  }

  add(name: string): void {
    const key = name.toLowerCase();
    if (this.used.has(key)) throw new Error(`name registry: '${name}' is already taken`);
    this.used.add(key);
  }

  /** Draw from `make` until the name is free, then register it. */
  fresh(make: () => string, what: string): string {
    for (let i = 0; i < 500; i++) {
      const name = make();
      if (!this.has(name)) {
        this.add(name);
        return name;
      }
    }
    throw new Error(`name registry: could not find a free ${what} name after 500 draws`);
  }
}

export class NameMaker {
  constructor(private readonly rng: Rng) {}

  private syllable(): string {
    const r = this.rng;
    return r.weighted(ONSETS) + r.weighted(VOWELS) + r.weighted(CODAS);
  }

  private word(syllables: number, ends: readonly string[], minLen: number): string {
    for (let i = 0; i < 200; i++) {
      let w = '';
      for (let s = 0; s < syllables; s++) w += this.syllable();
      w += this.rng.pick(ends);
      w = w.replace(/([aeiouy])\1+/g, '$1');
      if (wellFormed(w, minLen)) return cap(w);
    }
    throw new Error('name maker: no well-formed word after 200 draws');
  }

  given(gender: 'f' | 'm'): string {
    return this.word(this.rng.int(1, 2), gender === 'f' ? FEMALE_ENDS : MALE_ENDS, MIN_LEN.given);
  }
  surname(): string {
    return this.word(this.rng.int(1, 2), SURNAME_ENDS, MIN_LEN.surname);
  }
  town(): string {
    return this.word(this.rng.int(1, 2), TOWN_ENDS, MIN_LEN.town);
  }
  river(): string {
    return this.word(this.rng.int(1, 2), RIVER_ENDS, MIN_LEN.river);
  }
  province(): string {
    return this.word(this.rng.int(1, 2), PROVINCE_ENDS, MIN_LEN.province);
  }
  ship(): string {
    return this.word(this.rng.int(1, 2), SHIP_ENDS, MIN_LEN.ship);
  }
  /** A neutral invented word for organisation, bridge, street and award names. */
  word2(): string {
    return this.word(this.rng.int(1, 2), WORD_ENDS, MIN_LEN.word);
  }
}

/**
 * A near-namesake of `word`: one small spelling change (k↔c, i↔y, a doubled or undoubled consonant, one
 * vowel changed), e.g. "Tellinek" → "Tellinec". Returns undefined when every variant is taken.
 */
export function nearNamesake(word: string, rng: Rng, taken: (w: string) => boolean): string | undefined {
  const variants = new Set<string>();
  const lower = word.toLowerCase();
  const swaps: [RegExp, string][] = [
    [/k$/, 'c'], [/c$/, 'k'], [/ck/, 'k'], [/i/, 'y'], [/y/, 'i'], [/th/, 't'], [/v/, 'w'], [/s$/, 'z'],
  ];
  for (const [re, rep] of swaps) {
    if (re.test(lower)) variants.add(lower.replace(re, rep));
  }
  // Double or undouble one inner consonant that stands between vowels ("Fomane" → "Fomanne").
  const vowel = (c: string | undefined) => c !== undefined && 'aeiouy'.includes(c);
  for (let i = 1; i < lower.length - 1; i++) {
    const ch = lower[i]!;
    if (!'lnrst'.includes(ch)) continue;
    if (lower[i + 1] === ch && vowel(lower[i - 1]) && vowel(lower[i + 2])) variants.add(lower.slice(0, i) + lower.slice(i + 1));
    else if (vowel(lower[i - 1]) && vowel(lower[i + 1])) variants.add(lower.slice(0, i + 1) + ch + lower.slice(i + 1));
  }
  // Change one vowel (not the first letter).
  const vowelSwap: Record<string, string> = { a: 'e', e: 'a', o: 'u', u: 'o', i: 'e' };
  for (let i = 1; i < lower.length; i++) {
    const v = vowelSwap[lower[i]!];
    if (v) variants.add(lower.slice(0, i) + v + lower.slice(i + 1));
  }
  variants.delete(lower);
  const options = rng.shuffle([...variants].filter((v) => !/[^aeiouy]{4}/.test(v) && !BLOCKLIST.has(v)).map(cap));
  return options.find((v) => !taken(v));
}
