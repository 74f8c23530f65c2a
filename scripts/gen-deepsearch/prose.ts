// Filler prose for the encyclopedia pages: sentences that carry no fact a question asks about, so pages
// read like articles and the facts sit at realistic depths. Sentences are consistent with any world (no
// dates or figures about the entity that could contradict its facts).

export interface PersonVoice {
  S: string; // She / He
  s: string;
  o: string; // her / him
  p: string; // her / his
  P: string;
  name: string;
  surname: string;
  home: string; // birthplace
  river: string;
  town: string; // another town
  occ: string;
}

export const personEarly = (v: PersonVoice): string[] => [
  `As a child ${v.s} spent long summers on the banks of the ${v.river}.`,
  `${v.P} family moved house several times during ${v.p} childhood, though never far from ${v.home}.`,
  `Few records of ${v.p} schooling survive; a parish register notes ${v.p} name among the pupils of a small day school.`,
  `Letters from these years show an early interest in drawing and in numbers.`,
  `An uncle who kept accounts for a river barge company is said to have taught ${v.o} to read.`,
  `A childhood illness kept ${v.o} indoors for most of one winter, and ${v.s} later said that this was when ${v.s} learned to concentrate.`,
  `${v.P} mother kept a small shop near the market, where ${v.s} helped with the accounts from an early age.`,
  `Neighbours remembered a quiet child who took clocks apart and could not always put them back together.`,
  `${v.S} learned to sail on the ${v.river} in a borrowed dinghy.`,
  `Family tradition held that ${v.s} walked to ${v.town} and back in a single day at the age of twelve.`,
  `The household was poor but full of books, most of them borrowed.`,
  `${v.S} was sent for a time to relatives in ${v.town}, an experience ${v.s} rarely spoke about.`,
];

export const personCareer = (v: PersonVoice): string[] => [
  `${v.P} first years of independent work were difficult and poorly paid.`,
  `Contemporaries describe ${v.o} as exacting, patient and rather short with flatterers.`,
  `${v.S} kept detailed notebooks, many of which are now held in the archive at ${v.town}.`,
  `A dispute with a former partner over unpaid fees dragged on for several years before it was settled out of court.`,
  `${v.S} travelled widely along the ${v.river} and its tributaries in search of work.`,
  `Commissions came slowly at first, mostly from relatives and family friends.`,
  `${v.S} was known for finishing work on time, which was unusual among the ${v.occ}s of the day.`,
  `A period of illness in mid-career forced ${v.o} to turn down several commissions.`,
  `${v.S} worked for some years in partnership with a cousin, an arrangement that ended in a quarrel.`,
  `${v.P} methods were studied by younger colleagues, who copied ${v.p} drawings and notes.`,
  `Rivals accused ${v.o} of taking credit for the work of assistants, a charge ${v.s} denied in a long open letter.`,
  `${v.S} spent a winter in ${v.town}, studying the work of older masters.`,
  `The middle years of ${v.p} career were the most productive.`,
  `${v.S} was careful with money and rarely borrowed.`,
];

export const personPrivate = (v: PersonVoice): string[] => [
  `Visitors remembered a crowded study and a garden full of rhubarb.`,
  `${v.S} was a keen swimmer and an indifferent card player.`,
  `${v.S} belonged to a reading circle that met on Thursday evenings.`,
  `The household kept a succession of large, badly behaved dogs.`,
  `Friends described the family table as noisy and generous.`,
  `${v.S} played the viola, badly by ${v.p} own account.`,
  `${v.S} rose early and walked along the river before breakfast, whatever the weather.`,
  `Much of ${v.p} surviving correspondence is with ${v.p} siblings.`,
  `${v.S} disliked formal dinners and avoided them when ${v.s} could.`,
  `A sketchbook of family scenes, made over many summers, survives in private hands.`,
];

export const personLater = (v: PersonVoice): string[] => [
  `In later life ${v.s} gave occasional lectures to apprentices and students.`,
  `${v.S} corresponded with colleagues in every province, and some two hundred of these letters survive.`,
  `${v.P} eyesight failed gradually during ${v.p} last decade.`,
  `${v.S} declined several offers of public office.`,
  `Younger colleagues sought ${v.p} opinion on difficult commissions.`,
  `${v.S} wrote a short memoir, never published, which is kept with ${v.p} papers.`,
  `${v.S} spent ${v.p} last years putting ${v.p} papers in order.`,
  `A portrait made in ${v.p} old age shows a thin face and a sharp, amused expression.`,
  `${v.S} remained active in the affairs of ${v.home} until ${v.p} final illness.`,
  `${v.S} took an interest in the schools of ${v.home} and paid for a small library there.`,
];

export const personLegacy = (v: PersonVoice): string[] => [
  `A street in ${v.home} bears ${v.p} name.`,
  `${v.P} grave is marked by a plain stone.`,
  `A short biography appeared a few years after ${v.p} death.`,
  `${v.P} papers were divided between two provincial archives.`,
  `Historians have tended to treat ${v.o} as a minor figure, a view that has been questioned more recently.`,
  `An exhibition on ${v.p} life and work was held in ${v.home} in the last century.`,
  `The name ${v.surname} is still common around ${v.home}, though most who bear it are not related.`,
  `Several of ${v.p} pupils and assistants went on to distinguished careers of their own.`,
];

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

export const orgHistory = (seat: string): string[] => [
  `The founder had spent several years raising money among friends and relatives before the first premises were leased.`,
  `Its early years were precarious, and it nearly closed during a trade slump.`,
  `The first premises were a rented warehouse near the river.`,
  `A licence from the provincial assembly was obtained only after long petitioning.`,
  `It quickly gained a reputation beyond ${seat}.`,
  `Its statutes were drafted with the help of a lawyer from the provincial capital.`,
  `Early accounts show that it relied heavily on a handful of patrons.`,
  `A fire destroyed much of its early records.`,
  `The first years were spent in makeshift rooms above a tavern.`,
];

export const orgLater = (seat: string): string[] => [
  `The directors' minutes survive almost complete.`,
  `Management passed through several hands in the following decades.`,
  `A new building was put up on the same site some years later.`,
  `Its statutes were revised twice in the first fifty years.`,
  `Its archives are consulted by historians of the region.`,
  `It played a modest part in the civic life of ${seat}.`,
  `It was one of the larger employers in ${seat}.`,
  `Relations with the town council were often strained.`,
  `A long lawsuit over a boundary wall was finally settled in its favour.`,
  `Its annual reports were printed and distributed to members and patrons.`,
];

export const shipBuild = (): string[] => [
  `Her keel was laid the previous year, and work was delayed by a shortage of seasoned oak.`,
  `The owners asked for a vessel that could cross the bar at the river mouth at low water.`,
  `Her lines were considered unusually fine for a ship of her size.`,
  `Much of her timber came from forests upriver.`,
  `Her figurehead, a carved heron, was the work of a local woodcarver.`,
  `The owners changed the rig twice before she was finished.`,
  `Her launch was watched by a large crowd, and a band played on the quay.`,
  `The builders were paid in instalments, the last of them a year late.`,
];

export const shipService = (): string[] => [
  `In her early years she sailed mostly in the coastal trade.`,
  `She made several long voyages carrying timber and grain.`,
  `She was twice damaged in winter storms and repaired.`,
  `Her crews regarded her as a dry and lucky ship.`,
  `She was chartered for a time by a survey commission.`,
  `She once ran aground in fog and was refloated on the next tide without serious damage.`,
  `Her logbooks for several voyages survive.`,
  `She changed owners more than once.`,
  `Her speed made her popular with merchants in a hurry.`,
];

export const bridgeBuild = (): string[] => [
  `Building was interrupted by high water more than once.`,
  `The foundations were laid inside timber cofferdams.`,
  `Stone for the piers came from quarries a day's journey upstream.`,
  `Several workmen were injured during construction, and one was killed.`,
  `The opening was marked by a procession and a fair.`,
  `The contractor went bankrupt during the works, and the council had to finish the job.`,
  `The design was criticised at the time as too light for the river.`,
  `Models of the arches were tested on a millstream before the work began.`,
];

export const bridgeLater = (): string[] => [
  `It was repaired after flood damage in the following century.`,
  `Tolls were abolished some decades after it opened.`,
  `It is protected as a historic monument.`,
  `The roadway was widened to take heavier traffic.`,
  `Lamps were added to the parapets when the town introduced street lighting.`,
  `It appears in many paintings and prints of the town.`,
  `A plaque on the central pier records the names of the builders.`,
];

export const bookReception = (): string[] => [
  `Reviewers praised its clear style.`,
  `It sold slowly at first.`,
  `One critic called it the best book of its season.`,
  `It was quickly pirated by rival printers.`,
  `The author revised it for a second edition.`,
  `A sermon was preached against it, which did its sales no harm.`,
  `It was read aloud in many households over the winter it appeared.`,
  `Some readers took it for a thinly disguised account of real people, which the author denied.`,
];

export const bookLater = (): string[] => [
  `It has been translated into several languages.`,
  `A stage version was attempted but closed after a few nights.`,
  `It remains in print.`,
  `It is now read mainly by specialists.`,
  `The manuscript, with many corrections, is held in a provincial library.`,
  `Schoolchildren in several provinces still read extracts from it.`,
];

export const paintingDesc = (): string[] => [
  `The light falls from the left, as in most of the painter's work.`,
  `Underdrawing visible in infrared suggests the composition was changed while it was being painted.`,
  `The colours are unusually muted.`,
  `Several preparatory sketches survive.`,
  `The frame is original and was made by a local carver.`,
  `The sky takes up more than half of the picture.`,
  `Small figures in the foreground were added late, perhaps at a patron's request.`,
];

export const paintingHistory = (): string[] => [
  `It was shown at an exhibition soon after it was finished.`,
  `Critics at the time found it unfinished in manner.`,
  `It was cleaned and restored in the last century.`,
  `It passed through several private collections before reaching its present home.`,
  `A copy by a pupil hangs in a church nearby.`,
  `It was lent abroad only once, and the lender insisted on its return within the year.`,
];

export const eventBackground = (town: string): string[] => [
  `The years before had been unsettled ones for ${town}.`,
  `Local chronicles record warnings that went unheeded.`,
  `Preparations had been discussed in the council for months.`,
  `Few of those involved had any experience of an undertaking on this scale.`,
  `Prices had risen sharply in the preceding seasons.`,
  `The provincial assembly had been asked for help more than once.`,
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

export const shipLegacy = (): string[] => [
  `A half-model of her hull, made in the builder's loft, survives in a private collection.`,
  `Her name was given to at least one later vessel.`,
  `Sailors' songs from the period mention her more than once.`,
  `Her bell was recovered and now hangs in a chapel by the harbour.`,
  `Plans of her rigging are kept with the builder's papers.`,
  `She appears in the background of several harbour paintings.`,
  `Her career is typical of the ships of her class and period.`,
];

export const shipVoyages = (): string[] => [
  `On one passage she was becalmed for eleven days and ran short of water.`,
  `She carried emigrants on at least one voyage, and a passenger's diary of the crossing survives.`,
  `A mutiny was threatened on one voyage over short rations but came to nothing.`,
  `She was stopped and searched by a revenue cutter on suspicion of smuggling; nothing was found.`,
  `She once towed a disabled fishing boat into harbour and was awarded salvage money.`,
  `For a few seasons she carried mail as well as cargo.`,
  `She spent one winter frozen in at an upriver quay.`,
];

export const bridgeSetting = (): string[] => [
  `From the middle of the bridge there is a long view down the valley.`,
  `The approaches were rebuilt when the riverside streets were raised against floods.`,
  `Fishermen use the cutwaters as platforms in the summer.`,
  `A small toll house stands at one end, now used as a kiosk.`,
  `The river here is tidal only at the highest spring tides.`,
  `Old photographs show market carts queuing to cross on fair days.`,
];

export const bookWriting = (): string[] => [
  `The author began it while recovering from an illness.`,
  `Drafts show that the opening chapters were rewritten many times.`,
  `A friend of the author read the manuscript aloud to a small circle before it was printed.`,
  `The publisher asked for cuts, some of which the author refused.`,
  `The title was changed late, at the publisher's suggestion.`,
  `Parts of it first appeared in a newspaper.`,
];

export const paintingLegacy = (): string[] => [
  `It is often reproduced on postcards and calendars.`,
  `Art historians disagree about whether it is finished.`,
  `It influenced a generation of painters in the region.`,
  `Its title was given by a dealer, not by the painter.`,
  `X-ray examination revealed an earlier, abandoned composition beneath it.`,
  `A smaller version, probably a study, is known from an old photograph.`,
];

export const eventDetail = (town: string): string[] => [
  `Eyewitness accounts were collected by the town clerk of ${town}.`,
  `Prices of bread and fuel rose sharply while it lasted.`,
  `Church bells were rung to summon help.`,
  `Volunteers came from the surrounding villages.`,
  `Many families lodged with relatives for weeks afterwards.`,
  `A local printer issued a broadsheet describing it within days.`,
];
