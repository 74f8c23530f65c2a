// Filler prose for the encyclopedia pages: sentences that carry no fact a question asks about, so pages read
// like articles and the facts sit at realistic depths. Sentences are consistent with any world (no dates or
// figures about the entity that could contradict its facts). This file: towns and events; prose-people.ts
// and prose-works.ts hold the rest.

export interface PlaceVoice {
  name: string;
  river: string;
  province: string;
  trade: string;
}

export const townHistory = (v: PlaceVoice): string[] => [
  `The oldest part of the town grew up around a ford and a small market square.`,
  `For most of its history the town was governed by a council of twelve elected each spring.`,
  `The town walls were pulled down during the following centuries, and only a gatehouse remains.`,
  `A ferry crossed the ${v.river} here long before the first bridge was built.`,
  `The parish records begin unusually early and are a well-known source for local historians.`,
  `The town changed hands twice during the border wars and suffered badly each time.`,
  `An old rivalry with the neighbouring towns upriver is still remembered in local songs.`,
  `Its guild hall, rebuilt after a fire, houses the town archive.`,
  `The first school was founded by the merchants' guild.`,
  `The town grew slowly until the river trade brought a period of rapid expansion.`,
];

export const townGeography = (v: PlaceVoice): string[] => [
  `The surrounding country is mostly pasture and orchard.`,
  `Spring floods once reached the lower streets most years.`,
  `The hills to the north shelter the town from the winter winds.`,
  `Marshland to the south was drained in stages and is now farmed.`,
  `The ${v.river} is wide and slow here, with sandbanks that shift from year to year.`,
  `Winters are long and often foggy; summers are short and warm.`,
  `A chain of small lakes lies a few hours' walk to the west.`,
  `The old town sits on a low rise above the floodplain.`,
];

export const townEconomy = (v: PlaceVoice): string[] => [
  `A weekly market is still held on the old square.`,
  `Several warehouses along the quay have been converted into dwellings.`,
  `The railway reached the town late, and river traffic remained important for longer than elsewhere.`,
  `Small workshops, many of them family-run, make up most of the local economy.`,
  `The ${v.trade} merchants built the large houses along the quay.`,
  `A cattle fair is held every autumn on the meadows outside the town.`,
  `Tanneries once lined the lower reach of the river; none survives.`,
  `The town's brewery is among the oldest in ${v.province}.`,
];

export const townCulture = (v: PlaceVoice): string[] => [
  `The town has a long tradition of choral singing.`,
  `Its main church has a tall, slightly leaning tower that is a landmark for boatmen on the ${v.river}.`,
  `A small museum in the former customs house tells the history of the river trade.`,
  `The local dialect is noted for its soft consonants.`,
  `Every summer a regatta is held on the ${v.river}.`,
  `A lantern procession on the longest night of the year is said to go back centuries.`,
];

export const eventBackground = (town: string): string[] => [
  `The years before had been unsettled ones for ${town}.`,
  `Local chronicles record warnings that went unheeded.`,
  `Preparations had been discussed in the council for months.`,
  `Few of those involved had any experience of an undertaking on this scale.`,
  `Prices had risen sharply in the preceding seasons.`,
  `The provincial assembly had been asked for help more than once.`,
];

export const eventDetail = (town: string): string[] => [
  `Eyewitness accounts were collected by the town clerk of ${town}.`,
  `Prices of bread and fuel rose sharply while it lasted.`,
  `Church bells were rung to summon help.`,
  `Volunteers came from the surrounding villages.`,
  `Many families lodged with relatives for weeks afterwards.`,
  `A local printer issued a broadsheet describing it within days.`,
];

export const eventAftermath = (town: string): string[] => [
  `A memorial was put up some years afterwards.`,
  `The episode is commemorated locally every year.`,
  `Its consequences were felt for a generation.`,
  `Newspapers in several provinces reported on it at length.`,
  `A commission was later appointed to report on what had happened.`,
  `Memories of it were still vivid decades later.`,
  `Songs about it were sung in the taverns of ${town} long afterwards.`,
];
