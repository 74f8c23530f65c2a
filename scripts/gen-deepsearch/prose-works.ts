// Filler prose for the pages of works: ships, bridges, books and paintings (see prose-places.ts for what
// filler prose is).

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

export const shipVoyages = (): string[] => [
  `On one passage she was becalmed for eleven days and ran short of water.`,
  `She carried emigrants on at least one voyage, and a passenger's diary of the crossing survives.`,
  `A mutiny was threatened on one voyage over short rations but came to nothing.`,
  `She was stopped and searched by a revenue cutter on suspicion of smuggling; nothing was found.`,
  `She once towed a disabled fishing boat into harbour and was awarded salvage money.`,
  `For a few seasons she carried mail as well as cargo.`,
  `She spent one winter frozen in at an upriver quay.`,
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

export const bridgeSetting = (): string[] => [
  `From the middle of the bridge there is a long view down the valley.`,
  `The approaches were rebuilt when the riverside streets were raised against floods.`,
  `Fishermen use the cutwaters as platforms in the summer.`,
  `A small toll house stands at one end, now used as a kiosk.`,
  `The river here is tidal only at the highest spring tides.`,
  `Old photographs show market carts queuing to cross on fair days.`,
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

export const bookWriting = (): string[] => [
  `The author began it while recovering from an illness.`,
  `Drafts show that the opening chapters were rewritten many times.`,
  `A friend of the author read the manuscript aloud to a small circle before it was printed.`,
  `The publisher asked for cuts, some of which the author refused.`,
  `The title was changed late, at the publisher's suggestion.`,
  `Parts of it first appeared in a newspaper.`,
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

export const paintingLegacy = (): string[] => [
  `It is often reproduced on postcards and calendars.`,
  `Art historians disagree about whether it is finished.`,
  `It influenced a generation of painters in the region.`,
  `Its title was given by a dealer, not by the painter.`,
  `X-ray examination revealed an earlier, abandoned composition beneath it.`,
  `A smaller version, probably a study, is known from an old photograph.`,
];
