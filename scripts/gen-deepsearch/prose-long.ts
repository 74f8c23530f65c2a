// Extra paragraphs (v2) that make main pages longer than one 2,000-character `open`, so the facts the
// research bins need sit on a page's second screen and reading "deep" costs an extra open. Generic
// prose without names, numbers or dates, so it adds reading, never answers.
export const shipLong = (): string[] => [
  `Contemporary descriptions praise the care taken over her fittings, from the deck planking to the brass of the binnacle.`,
  `Her owners kept detailed accounts of every refit, and these accounts are now among the best sources on the running costs of a vessel of her class.`,
  `Sailors who served in her later described the forecastle as cramped but dry, which was not true of every ship in the trade.`,
  `A model of her, made by one of her carpenters, was for many years displayed in a harbour tavern.`,
  `Insurance records of the period list her as a first-class risk, a rating she kept for most of her working life.`,
  `She is mentioned in several shipping registers, though the registers do not always agree on the spelling of her name.`,
  `Her rig was altered more than once to suit the trades she was put to, each change recorded in the yard's books.`,
  `Passengers occasionally travelled in her, and a few of their letters describing the voyages have been published.`,
  `The harbour authorities at several ports noted her quick turnarounds, which her masters achieved by careful stowage.`,
  `Her pumps, according to one surviving report, were of an improved pattern that was still unusual at the time.`,
  `Paintings of ships of her type often show the same broad stern and raked masts that distinguished her.`,
  `Historians of the coastal trade have used her voyages as a typical example of the work such vessels did.`,
];
export const orgLong = (): string[] => [
  `The early years were difficult, and more than once the partners considered closing the business altogether.`,
  `Its account books, kept in a neat clerk's hand, survive almost complete and are held in the provincial archive.`,
  `Relations with the town council were sometimes strained, particularly over rights to the waterfront.`,
  `Apprentices came from across the province, and several of them later set up on their own.`,
  `A fire in its workshops destroyed some of the early records, so parts of its history rest on later recollections.`,
  `Visitors often remarked on the orderliness of its premises and on the long hours its people worked.`,
  `The building it occupied was enlarged several times, and the joins between the old and new parts can still be seen.`,
  `Its reputation rested less on any single achievement than on a steady record of reliable work.`,
  `Several of its customers stayed with it for generations, a loyalty its managers were proud to point out.`,
  `A history of the firm was commissioned at one point but never finished; the drafts survive in private hands.`,
  `Its letters to suppliers show a constant concern with the price and quality of materials.`,
  `Local newspapers reported regularly on its fortunes, which were taken as a measure of the town's prosperity.`,
];
export const townLong = (): string[] => [
  `The old centre keeps much of its medieval street plan, with narrow lanes running down towards the river.`,
  `Market days still draw farmers from the surrounding villages, although the trade is smaller than it once was.`,
  `The parish church, rebuilt more than once, stands on a low rise above the market square.`,
  `A number of merchants' houses with carved doorways survive along the main street.`,
  `The town's archive holds charters, tax rolls and minutes of the council going back several centuries.`,
  `Travellers' accounts describe the town as quiet and well kept, with an unusual number of gardens.`,
  `The surrounding countryside is given over to mixed farming, with orchards on the higher ground.`,
  `Local customs include a procession along the riverbank each spring, the origin of which is disputed.`,
  `The town has produced a steady stream of craftsmen, clerks and sailors who made their careers elsewhere.`,
  `Its schools were well regarded, and families from neighbouring towns sometimes sent their children there.`,
  `Old maps show a town wall along the landward side; only a short stretch of it still stands.`,
  `The coming of the railway to the province changed the town less than many had feared or hoped.`,
];
export const personLong = (): string[] => [
  `Letters to friends and colleagues show a careful, sometimes anxious correspondent who kept copies of everything.`,
  `Contemporaries describe a reserved manner in company that gave way to warmth among close friends.`,
  `Much of the work was done in the early morning, a habit formed in youth and kept for life.`,
  `Debts were a recurring worry, and several surviving letters ask patiently for payment of overdue accounts.`,
  `Travel within the province was frequent, usually by river, and a diary of some of these journeys survives.`,
  `The family papers, long kept in an attic, were given to the provincial archive by a descendant.`,
  `Opinions of the work varied widely during the subject's lifetime and have continued to vary since.`,
  `A portrait painted in middle age shows a lean face and a direct gaze; its present whereabouts are uncertain.`,
  `Public honours were accepted politely but, by most accounts, without much enthusiasm.`,
  `Several younger colleagues later wrote of the encouragement they had received at the start of their careers.`,
  `The household accounts reveal a frugal domestic life, with occasional extravagance on books.`,
  `Illness in later years slowed the pace of work but did not stop it entirely.`,
];
