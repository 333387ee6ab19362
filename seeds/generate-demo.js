#!/usr/bin/env node
/**
 * Writes seeds/demo/P1, P7, P8 and P9 .casefile.json: a synthetic (no real person)
 * rendering of the four deep-dive pilots whose case records the 2020 evaluation examined
 * (Section 3, "Meaningful measures"). Scored as at the end of the fieldwork
 * (2020-03-31) the sites show the report's per-site case-record findings; see SITES below for
 * each case.
 *
 * Pages are those of the report (Evaluation of MTM's Signs of Safety Pilots, DfE, October 2020).
 * test/evaluation-claims.e2e-spec.ts checks every finding marked "report" with the demo's figures.
 * Reproduces the report:
 *   - 30 case records: 6 in P1 and 10 in P9 (p. 27), P7 and P9 the 18 read independently (p. 40),
 *     so 8 in P7 and 6 in P8;
 *   - `fam`: family involvement in mapping, 5 of 6 in P1, half in P7 and P8, 1 of 10 in P9 (p. 27);
 *   - `ds`: a danger statement in every case, usually one; more than one, each with a safety
 *     goal, the exception (p. 27);
 *   - `plan`: a plan in place in every case in P1 and P8, all but one in P7, two-thirds in P9;
 *     reviewed as the case went on in P1, P7 and P8, in about half in P9 (pp. 27, 34);
 *   - `ssg`: existing strengths, existing safety and safety goals in all cases in P1 and P8,
 *     three-quarters in P7 and P9 (p. 27);
 *   - `fnm`: family network meetings in every case in P1 and P8, a third in P7, rarely in P9 (p. 27);
 *   - `voice`: no Three Houses or Words and Pictures on the file in three of the four pilots (p. 27);
 *   - P9 the lowest of the four on recording (p. 26).
 * Not reproduced: P8 "the highest level of compliance of the 4" (p. 26). The per-site findings
 * above put P1 at or above P8 on every item, so the demo keeps them; README, "Which pilot
 * recorded best".
 * The demo's own invention (marked "DEMO'S OWN" below):
 *   - the families, scenarios, wording, people, teams, workers and every date;
 *   - which pilot has the child's-voice records (P1) and how many: the report names neither;
 *   - the depth indicators' findings: P9's blank impacts (danger statements well formed), whose
 *     ratings are on the scale (several perspectives), and that every plan rule has someone to
 *     keep it; the report measured none of these;
 *   - the early time point: two cases per pilot open from May 2018, so that T1 (April–June 2018,
 *     p. 18) has something to score; the report examined case records only at T3 (p. 20);
 *   - the cancelled meetings, the plans' revisions, and P9 plans without the family's words.
 *
 * Deterministic: `node seeds/generate-demo.js` writes the same files every time.
 * `by` and `worker` name demo usernames (every one is a user of organisation.json, a
 * member of the case's team: workers take cases in turn, and each site's number of
 * workers is a multiple of its number of teams); the demo loader turns them into user ids.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const EXPORTED_AT = '2020-03-31T17:00:00Z';

// --- a small seeded PRNG (mulberry32), so the files never change between runs -------
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- families (invented names) ------------------------------------------------------
const FAMILIES = [
  { surname: 'Hartley', child: 'Mason', childBorn: '2012-05-09', parent: 'Leanne', carer: 'Craig', relative: ['Sheila', 'maternal grandmother'], friend: ['Bev Price', 'neighbour'] },
  { surname: 'Okoro', child: 'Amara', childBorn: '2015-02-17', parent: 'Grace', carer: 'Tunde', relative: ['Ngozi', 'maternal aunt'], friend: ['Pastor Femi Ade', 'church minister'] },
  { surname: 'Walsh', child: 'Ruby', childBorn: '2010-11-30', parent: 'Donna', carer: 'Lee', relative: ['Pat', 'paternal grandfather'], friend: ['Kim Shaw', "mother's friend"] },
  { surname: 'Khan', child: 'Zayan', childBorn: '2016-08-04', parent: 'Sadia', carer: 'Imran', relative: ['Rukhsana', 'paternal grandmother'], friend: ['Yasmin Ali', 'family friend'] },
  { surname: 'Novak', child: 'Eliska', childBorn: '2011-03-22', parent: 'Petra', carer: 'Marek', relative: ['Jana', 'maternal aunt'], friend: ['Tom Birch', 'football coach'] },
  { surname: 'Brennan', child: 'Kayden', childBorn: '2014-07-12', parent: 'Stacey', carer: 'Ryan', relative: ['Maureen', 'maternal grandmother'], friend: ['Julie Kerr', 'neighbour'] },
  { surname: 'Mensah', child: 'Kofi', childBorn: '2009-12-01', parent: 'Abena', carer: 'Daniel', relative: ['Efua', 'maternal aunt'], friend: ['Mrs Lowe', 'childminder'] },
  { surname: 'Pryce', child: 'Lily-Mae', childBorn: '2017-01-19', parent: 'Chloe', carer: 'Jordan', relative: ['Tracy', 'maternal grandmother'], friend: ['Sam Hughes', "mother's friend"] },
  { surname: 'Doherty', child: 'Cian', childBorn: '2013-04-03', parent: 'Siobhan', carer: 'Martin', relative: ['Brendan', 'maternal uncle'], friend: ['Ann Moore', 'neighbour'] },
  { surname: 'Ahmed', child: 'Hana', childBorn: '2012-09-25', parent: 'Farida', carer: 'Omar', relative: ['Layla', 'maternal aunt'], friend: ['Mrs Patel', 'school family support worker'] },
  { surname: 'Clarke', child: 'Tyler', childBorn: '2008-06-14', parent: 'Gemma', carer: 'Wayne', relative: ['Linda', 'paternal grandmother'], friend: ['Steve Wood', 'youth worker'] },
  { surname: 'Silva', child: 'Beatriz', childBorn: '2015-10-08', parent: 'Ana', carer: 'Rui', relative: ['Helena', 'maternal grandmother'], friend: ['Joana Reis', 'family friend'] },
  { surname: 'Evans', child: 'Freya', childBorn: '2011-01-27', parent: 'Kelly', carer: 'Dean', relative: ['Glenys', 'maternal grandmother'], friend: ['Rhian Jones', 'neighbour'] },
  { surname: 'Popescu', child: 'Andrei', childBorn: '2014-03-15', parent: 'Ioana', carer: 'Vlad', relative: ['Elena', 'maternal aunt'], friend: ['Carmen Dobre', 'family friend'] },
  { surname: 'Murphy', child: 'Ellie', childBorn: '2013-06-14', parent: 'Kerry', carer: 'Shaun', relative: ['Pauline', 'maternal grandmother'], friend: ['Sandra Osei', 'neighbour'] },
];

// --- what the worries are about: scenario templates written as case notes ----------
// {c} child, {p} parent, {q} carer, {r} relative, {f} friend (given names)
const SCENARIOS = [
  {
    harm: ['Police were called to the home twice after neighbours heard fighting; on the second occasion {c} was found hiding upstairs.', '{c} told her teacher she "does not like it when {q} is loud".'],
    complicating: ['{q} has not engaged with alcohol services before.', '{p} says she does not want to lose {q} and minimises the incidents.'],
    strengths: ['{c} goes to school every day and her teacher describes her as bright and kind.', '{p} takes {c} to every health appointment.', '{r} lives nearby and {c} loves staying with her.'],
    safety: ['On the night of the second incident {p} phoned {r}, who collected {c} and kept her overnight.'],
    danger: [
      { worriedWho: "Children's social care and {c}'s school", behaviour: '{p} and {q} push and hit each other when they argue, often late at night after drinking, while {c} is at home', impact: '{c} could be hurt if she is caught up in a fight, and could grow up frightened and believing violence is normal' },
      { worriedWho: "Children's social care", behaviour: '{q} drinks heavily at weekends and becomes unpredictable when he is caring for {c}', impact: '{c} could be left without a sober adult to keep her safe' },
    ],
    goals: ['Everyone who knows {c} will be confident that when the adults in her home disagree nobody gets hurt and {c} is kept safe and calm.', 'There will always be a sober adult looking after {c}.'],
    rules: [['If an argument starts, {p} will take {c} to {r} straight away.', ['parent', 'relative']], ['{q} will not drink at home when {c} is there.', ['carer', 'relative']], ['{f} will phone {r} if she hears shouting next door.', ['friend']]],
    commitments: { relative: 'Will collect {c} any time, day or night, and will visit every Sunday', friend: 'Will check in with {p} twice a week and phone {r} if worried' },
    steps: ['Refer {q} to the community alcohol team.', 'Ask {r} whether {c} can stay at weekends while the plan is tested.'],
  },
  {
    harm: ['{c} has been seen at school hungry and in the same clothes for several days.', 'The home was found without heating or food in the fridge at an unannounced visit.'],
    complicating: ['{p} has low mood and struggles to get up in the mornings.', 'The family have rent arrears and have been threatened with eviction.'],
    strengths: ['{c} is affectionate with {p} and they enjoy reading together.', '{p} asked for help with her mood from her GP herself.'],
    safety: ['When {p} was unwell in the autumn, {r} came to stay and made sure {c} got to school.'],
    danger: [
      { worriedWho: 'School and the health visitor', behaviour: '{p} is often too low in mood to get {c} up, fed and to school', impact: '{c} could miss out on school, become unwell and feel she has to look after herself' },
      { worriedWho: "Children's social care", behaviour: 'the family could lose their home because of rent arrears', impact: '{c} could be moved away from her school and the people who help her' },
    ],
    goals: ['{c} will be fed, warm and in school every day, and {p} will have people around her who notice when she is struggling.', 'The family will have a settled home.'],
    rules: [['{r} will phone {p} every morning before school.', ['relative']], ['If {p} cannot get up, she will text {r}, who will take {c} to school.', ['parent', 'relative']], ['{f} will make sure there is food in the house on Fridays.', ['friend']]],
    commitments: { relative: 'Will phone every morning and step in on bad days', friend: 'Will shop with {p} on Fridays' },
    steps: ['Support {p} to see her GP about her mood.', 'Refer to the housing team about the arrears.'],
  },
  {
    harm: ['{c} was taken to A&E with a bruise to her cheek; {q} said she had fallen, {c} said he "grabbed" her.'],
    complicating: ['{q} was physically disciplined as a child and believes smacking is acceptable.', 'The family have recently moved and know few people locally.'],
    strengths: ['{p} took {c} to hospital straight away.', '{q} has agreed to attend a parenting course.'],
    safety: ['Since the injury {p} has made sure she is home at bedtimes, when most of the arguments with {c} used to happen.'],
    danger: [
      { worriedWho: 'The hospital and children\'s social care', behaviour: '{q} loses his temper with {c} and grabs or hits her when she does not do as she is told', impact: '{c} could be seriously injured and could become frightened of the adults who care for her' },
      { worriedWho: "{c}'s school", behaviour: '{c} is being told to keep what happens at home a secret', impact: '{c} may not tell anyone if she is hurt again' },
    ],
    goals: ['{c} will be cared for without anyone hurting her, and will have people she can tell if she is worried.', '{c} will know she can talk about home.'],
    rules: [['{q} will never physically discipline {c}; if he feels angry he will leave the room and call {r}.', ['carer', 'relative']], ['{p} will be home at bedtime every night.', ['parent']], ['{f} will see {c} at football twice a week and ask how things are.', ['friend']]],
    commitments: { relative: 'Will take {q}\'s calls and come round if needed', friend: 'Will check in with {c} at football and pass on any worries' },
    steps: ['Book {q} onto the parenting course.', 'Complete direct work with {c} about who she can talk to.'],
  },
  {
    harm: ['{c} was found alone in the flat at 10pm when {p} went out to buy drugs.', 'Needles were found in reach of {c} during a home visit.'],
    complicating: ['{p} has used heroin for several years and has relapsed twice.', '{q} also uses drugs and has been in prison.'],
    strengths: ['{p} is engaging with the drug service and collects her prescription every day.', '{c} has a strong bond with {r}.'],
    safety: ['When {p} relapsed last year she called {r}, who looked after {c} for a fortnight.'],
    danger: [
      { worriedWho: "Children's social care and the drug service", behaviour: '{p} uses drugs and leaves {c} alone or with people who are using', impact: '{c} could be hurt, find needles, or be left without anyone to care for her' },
      { worriedWho: 'The police', behaviour: 'people who sell drugs come to the flat', impact: '{c} could be exposed to violence and exploitation' },
    ],
    goals: ['{c} will always be looked after by an adult who is not using drugs, and her home will be free of drugs and needles.', 'No one who sells drugs will come to the home.'],
    rules: [['{p} will keep all medication in a locked box.', ['parent']], ['If {p} uses, she will call {r}, who will collect {c}.', ['parent', 'relative']], ['{q} will not come to the flat when {c} is there.', ['carer', 'relative']]],
    commitments: { relative: 'Will collect {c} whenever {p} calls, and visit unannounced twice a week', friend: 'Will call round in the evenings when {p} is on her own' },
    steps: ['Joint visit with the drug service keyworker.', 'Agree who will test the locked box each week.'],
  },
  {
    harm: ['{c} has told school that she sometimes stays up all night because {p} is "talking to people who aren\'t there".'],
    complicating: ['{p} stops taking her medication when she feels well.', '{q} works away during the week.'],
    strengths: ['{p} recognises the early signs of becoming unwell.', '{c} has close friends and does well at school.'],
    safety: ['When {p} became unwell in the spring, {q} came home and {c} stayed with {r} for a week.'],
    danger: [
      { worriedWho: "{c}'s school and the mental health team", behaviour: '{p} becomes very unwell and confused when she stops her medication, and {c} is left to cope alone', impact: '{c} could be frightened, miss school and sleep, and take on caring she is too young for' },
      { worriedWho: "Children's social care", behaviour: 'nobody outside the family knows when {p} is becoming unwell', impact: 'help may arrive too late for {c}' },
    ],
    goals: ['When {p} becomes unwell, an adult {c} trusts will step in straight away, and {c} will never have to cope alone.', 'The network will know the early signs.'],
    rules: [['{c} will phone {r} if {p} is talking about people who are not there.', ['child', 'relative']], ['{q} will come home within a day if {p} becomes unwell.', ['carer']], ['{f} will look in on {p} and {c} twice a week.', ['friend']]],
    commitments: { relative: 'Will have {c} to stay whenever needed', friend: 'Will visit twice a week' },
    steps: ['Write the early-signs plan with the mental health team.', 'Words and Pictures explanation for {c} about her mum\'s illness.'],
  },
  {
    harm: ['{c} has been missing from home overnight three times and was found in a car with older young men.'],
    complicating: ['{c} does not see herself as at risk and says the men are her friends.', '{p} works night shifts.'],
    strengths: ['{c} is close to {r} and listens to her.', '{p} reported {c} missing straight away each time.'],
    safety: ['The last time {c} went missing, {r} found her and brought her home.'],
    danger: [
      { worriedWho: 'The police and children\'s social care', behaviour: 'older young men are giving {c} lifts, alcohol and gifts and keeping her out overnight', impact: '{c} could be sexually exploited or hurt' },
      { worriedWho: "{c}'s school", behaviour: '{c} is missing school to meet them', impact: '{c} could lose her place at college' },
    ],
    goals: ['{c} will be home safe every night and will have people around her who she trusts to talk to about the men.', '{c} will be in school every day.'],
    rules: [['{c} will be home by 9pm or phone {r}.', ['child', 'relative']], ['{p} will not work nights while the plan is tested.', ['parent']], ['{f} will meet {c} after school on Wednesdays.', ['friend']]],
    commitments: { relative: 'Will be the person {c} calls, any time', friend: 'Will meet {c} weekly and keep her busy' },
    steps: ['Refer to the exploitation team.', 'Return home interview after each missing episode.'],
  },
];

function fill(text, fam) {
  return text
    .replace(/\{c\}/g, fam.child)
    .replace(/\{p\}/g, fam.parent)
    .replace(/\{q\}/g, fam.carer)
    .replace(/\{r\}/g, fam.relative[0])
    .replace(/\{f\}/g, fam.friend[0].split(' ')[0] === 'Mrs' || fam.friend[0].split(' ')[0] === 'Pastor' ? fam.friend[0] : fam.friend[0].split(' ')[0]);
}

// --- the sites, and what each case shows at the end of the fieldwork -----------------
// fam: family involved in some mapping; ds: danger statements in the latest mapping;
// plan: 'reviewed' | 'static' | 'draft' | null; ssg: existing strengths, existing safety and
// safety goals recorded; fnm: a family network meeting held; voice: child's-voice tools
// recorded on the file (DEMO'S OWN: P1 is the pilot with records). DEMO'S OWN: the first two
// cases of each site were open at T1 (May 2018).
const SITES = {
  P1: {
    name: 'Pilot 1 (synthetic)',
    teams: ['Safeguarding and Support Team'],
    workers: ['aisha.bello', 'gareth.lloyd'],
    plan: [
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: ['three_houses'] },
      { fam: 1, ds: 2, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: ['words_and_pictures'] },
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: ['three_houses'] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
    ],
  },
  P7: {
    name: 'Pilot 7 (synthetic)',
    teams: ['Child Protection Team'],
    workers: ['maya.chen', 'rob.ferreira', 'zoe.hamid'],
    plan: [
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 1, fnm: 0, voice: [] },
      { fam: 1, ds: 2, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 0, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: 'draft', ssg: 0, fnm: 0, voice: [] },
    ],
  },
  P8: {
    name: 'Pilot 8 (synthetic)',
    teams: ['Locality Team North', 'Locality Team South'],
    workers: ['jo.worker', 'kwame.asante', 'nina.kowalski', 'ollie.brooks'],
    plan: [
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 1, ds: 2, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
    ],
  },
  P9: {
    name: 'Pilot 9 (synthetic)',
    teams: ['Assessment Team A', 'Assessment Team B'],
    workers: ['sam.worker', 'tariq.hussain', 'ellen.park', 'dami.oyelaran'],
    plan: [
      { fam: 1, ds: 1, plan: 'reviewed', ssg: 1, fnm: 1, voice: [] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: 'reviewed', ssg: 1, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: 'static', ssg: 1, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: 'static', ssg: 1, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: 'static', ssg: 0, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: 'draft', ssg: 1, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: null, ssg: 0, fnm: 0, voice: [] },
      { fam: 0, ds: 1, plan: null, ssg: 0, fnm: 0, voice: [] },
    ],
  },
};

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const date = (ms) => new Date(ms).toISOString().slice(0, 10);

function buildCase(siteCode, site, index, spec, rand, familyIndex) {
  const fam = FAMILIES[familyIndex % FAMILIES.length];
  const scen = SCENARIOS[(familyIndex + index) % SCENARIOS.length];
  const f = (t) => fill(t, fam);
  const team = site.teams[index % site.teams.length];
  const worker = site.workers[index % site.workers.length];
  const ref = `${siteCode}-${String(index + 1).padStart(4, '0')}`;
  const people = [
    { id: 'c1', role: 'child', name: `${fam.child} ${fam.surname}`, birthDate: fam.childBorn },
    { id: 'p1', role: 'parent', name: `${fam.parent} ${fam.surname}` },
    { id: 'p2', role: 'carer', name: `${fam.carer} ${index % 2 ? 'Taylor' : 'Green'}`, relationship: "mother's partner" },
    { id: 'n1', role: 'relative', name: `${fam.relative[0]} ${fam.surname}`, relationship: fam.relative[1] },
    { id: 'n2', role: 'friend', name: fam.friend[0], relationship: fam.friend[1] },
    { id: 'h1', role: 'professional', name: 'Dr A. Lindqvist', relationship: 'GP' },
  ];
  const roleIds = { child: 'c1', parent: 'p1', carer: 'p2', relative: 'n1', friend: 'n2' };

  // DEMO'S OWN: cases open between September 2018 and October 2019; two per site are open at T1
  const opened = index < 2 ? Date.UTC(2018, 4, 2) + index * 17 * DAY : Date.UTC(2018, 8, 3) + Math.floor(rand() * 300) * DAY;
  let t = opened + (3 + Math.floor(rand() * 10)) * DAY + 10 * 3600_000;
  const at = (days) => {
    t += days * DAY + 60_000 + Math.floor(rand() * 6 * 3600_000);
    return iso(t);
  };

  const ds = scen.danger.slice(0, spec.ds).map((d, i) => ({
    id: `d${i + 1}`,
    worriedWho: f(d.worriedWho),
    behaviour: f(d.behaviour),
    // DEMO'S OWN: some of P9's impacts left blank, for the depth indicator. (The report's "recorded
    // under SofS headings, however minimally" (p. 28) is about observed practice, not blank fields.)
    impact: siteCode === 'P9' && index % 3 === 2 ? '' : f(d.impact),
    text: `${f(d.worriedWho)} are worried that ${f(d.behaviour)}, and that ${f(d.impact)}.`,
  }));
  const goals = spec.ssg ? scen.goals.slice(0, spec.ds).map((g, i) => ({ id: `g${i + 1}`, text: f(g), addresses: [`d${i + 1}`] })) : [];
  const participants = (family) =>
    family
      ? [{ role: 'professional', label: 'social worker' }, { personId: 'p1', role: 'parent' }, ...(index % 2 ? [{ personId: 'n1', role: 'relative' }] : [{ personId: 'p2', role: 'carer' }])]
      : [{ role: 'professional', label: 'social worker' }, { role: 'professional', label: index % 2 ? 'team manager' : 'school designated safeguarding lead' }];
  // DEMO'S OWN: the family rates the scale only where it took part (depth: several perspectives)
  const ratings = (family, score) =>
    family
      ? [{ raterRole: 'professional', score, reason: 'The plan is being tested' }, { raterRole: 'parent', personId: 'p1', score: Math.min(10, score + 2), reason: null }]
      : [{ raterRole: 'professional', score, reason: siteCode === 'P9' ? null : 'Worries remain' }];
  const mapping = (heldOn, kind, family, extra) => ({
    heldOn,
    kind,
    participants: participants(family),
    harm: scen.harm.map((x) => ({ text: f(x) })),
    complicatingFactors: scen.complicating.map((x) => ({ text: f(x) })),
    existingStrengths: spec.ssg ? scen.strengths.slice(0, 2 + extra).map((x) => ({ text: f(x) })) : [],
    existingSafety: spec.ssg ? scen.safety.map((x) => ({ text: f(x) })) : [],
    dangerStatements: ds,
    safetyGoals: goals,
    nextSteps: scen.steps.map((x, i) => ({ text: f(x), owner: i ? 'social worker' : 'family', dueOn: date(t + (7 + 7 * i) * DAY) })),
    scaleRatings: ratings(family, 3 + extra * 2),
  });

  const records = [];
  // mappings: an initial mapping, revised a few days later, and a review mapping months on
  const m1Held = date(t);
  const m1 = { type: 'mapping', id: 'm1', revisions: [] };
  m1.revisions.push({ at: at(0), by: worker, reason: 'initial mapping', data: mapping(m1Held, 'initial', false, 0) });
  m1.revisions.push({ at: at(2), by: worker, reason: spec.fam ? "added the family's views after a home visit" : 'typed up from notebook', data: mapping(m1Held, 'initial', !!spec.fam, 0) });
  records.push(m1);

  // the safety plan
  // DEMO'S OWN: every rule names who makes sure it is kept (depth: plan rules have someone)
  const rule = ([text, roles]) => ({ text: f(text), ensuredBy: roles.map((r) => roleIds[r]) });
  const network = (n) => ['relative', 'friend'].slice(0, n).map((r) => ({ personId: roleIds[r], commitment: f(scen.commitments[r]) }));
  if (spec.plan) {
    const sp = { type: 'safety_plan', id: 'sp1', revisions: [] };
    const draft = { status: 'draft', agreedOn: null, lastReviewedOn: null, rules: scen.rules.slice(0, 2).map(rule), network: network(1), goalIds: goals.map((g) => g.id), familyWords: siteCode !== 'P9' };
    sp.revisions.push({ at: at(5), by: worker, reason: 'first draft with the family', data: draft });
    if (spec.plan !== 'draft') {
      const agreedAt = at(9);
      const agreed = { ...draft, status: 'agreed', agreedOn: date(Date.parse(agreedAt)) };
      sp.revisions.push({ at: agreedAt, by: worker, reason: 'agreed with the family and network', data: agreed });
      if (spec.plan === 'reviewed') {
        const reviewedAt = at(60 + Math.floor(rand() * 30));
        sp.revisions.push({
          at: reviewedAt,
          by: worker,
          reason: 'reviewed at the core group: a rule added and the network widened',
          data: { ...agreed, status: 'active', lastReviewedOn: date(Date.parse(reviewedAt)), rules: scen.rules.map(rule), network: network(2) },
        });
      } else {
        // a static plan: later revisions change its status and wording of nothing that matters
        sp.revisions.push({ at: at(75), by: worker, reason: 'status updated', data: { ...agreed, status: 'active' } });
      }
    }
    records.push(sp);
  }

  // the family network meeting
  if (spec.fnm) {
    const heldOn = date(Date.parse(at(1)) + 6 * DAY);
    const nm = { type: 'network_meeting', id: 'nm1', revisions: [] };
    const attendees = [{ personId: 'p1', role: 'parent' }, { personId: 'n1', role: 'relative' }, { personId: 'n2', role: 'friend' }, { role: 'professional', label: 'social worker' }];
    nm.revisions.push({ at: at(0), by: worker, reason: 'meeting arranged', data: { heldOn, status: 'planned', attendees, purpose: f('Agree who will help keep {c} safe'), outcome: null } });
    t = Math.max(t, Date.parse(`${heldOn}T16:00:00Z`));
    nm.revisions.push({ at: at(0), by: worker, reason: 'meeting held', data: { heldOn, status: 'held', attendees, purpose: f('Agree who will help keep {c} safe'), outcome: f('{r} and {f} joined the safety network; rules agreed') } });
    records.push(nm);
  } else if (index % 3 === 1) {
    // a meeting that was planned but never happened
    const heldOn = date(t + 14 * DAY);
    records.push({ type: 'network_meeting', id: 'nm1', revisions: [
      { at: at(1), by: worker, reason: 'meeting arranged', data: { heldOn, status: 'planned', attendees: [{ personId: 'p1', role: 'parent' }], purpose: 'Family network meeting', outcome: null } },
      { at: at(15), by: worker, reason: 'family did not attend', data: { heldOn, status: 'cancelled', attendees: [{ personId: 'p1', role: 'parent' }], purpose: 'Family network meeting', outcome: 'Cancelled: family did not attend; to be rearranged' } },
    ] });
  }

  // child's voice on the record
  spec.voice.forEach((tool, i) => {
    records.push({ type: 'child_voice', id: `cv${i + 1}`, revisions: [{
      at: at(3),
      by: worker,
      reason: null,
      data: {
        tool,
        childId: 'c1',
        completedOn: date(t),
        summary: tool === 'three_houses'
          ? f('House of good things: {r}, her friends and drawing. House of worries: shouting at night. House of dreams: everyone being kind at home.')
          : f("Words and Pictures explanation of why a social worker is helping the family, read with {c} and {p}."),
        attachment: null,
      },
    }] });
  });

  // a review mapping later on, with the latest view of the scale
  const m2 = { type: 'mapping', id: 'm2', revisions: [] };
  const m2At = at(30 + Math.floor(rand() * 40));
  if (Date.parse(m2At) < Date.parse('2020-03-20T00:00:00Z')) {
    m2.revisions.push({ at: m2At, by: worker, reason: 'review mapping', data: mapping(date(Date.parse(m2At)), 'review', !!spec.fam && index % 2 === 0, 1) });
    records.push(m2);
  }

  records.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    ref,
    team,
    worker,
    stage: index % 4 === 3 ? 'child_in_need' : 'child_protection',
    openedOn: date(opened),
    closedOn: null,
    researchConsent: true,
    people,
    records,
  };
}

let familyIndex = 0;
for (const [code, site] of Object.entries(SITES)) {
  // cases take team and worker in turn: this keeps each worker's cases in one team
  if (site.workers.length % site.teams.length) throw new Error(`${code}: the number of workers must be a multiple of the number of teams`);
  const rand = prng(code.charCodeAt(1) * 7919);
  const cases = site.plan.map((spec, i) => buildCase(code, site, i, spec, rand, familyIndex++));
  const file = { format: 'sofs-casefile/1', exportedAt: EXPORTED_AT, site: { code, name: site.name }, cases };
  for (const c of cases) for (const r of c.records) for (const v of r.revisions) if (Date.parse(v.at) > Date.parse(EXPORTED_AT)) throw new Error(`${c.ref} ${r.id} after the end of fieldwork`);
  writeFileSync(join(__dirname, 'demo', `${code}.casefile.json`), JSON.stringify(file, null, 1) + '\n');
}
module.exports = { SITES, EXPORTED_AT };
