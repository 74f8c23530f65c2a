// Filler prose for the pages of people and organisations (see prose-places.ts for what filler prose is).

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
