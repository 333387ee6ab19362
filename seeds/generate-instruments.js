#!/usr/bin/env node
/**
 * Writes seeds/instruments/*.json (definitions of the instruments the evaluation
 * describes, structure only) and seeds/demo/staff-survey.responses.json (synthetic staff
 * survey answers whose element-use report reproduces Table 2 of the evaluation).
 * Deterministic: `node seeds/generate-instruments.js`.
 *
 * Pages are those of the report (Evaluation of MTM's Signs of Safety Pilots, DfE, October 2020).
 * Reproduces the report:
 *   - the staff survey's eight elements, their labels and "with some or all of the families"
 *     (Table 2, p. 28): all 32 percentages, the respondents per pilot and their share of the
 *     pilot's social workers, read from seeds/evaluation-2020-table-2.json;
 *   - Mapping the Future: 12 items, now and hoped for at T1, now at T3 (p. 35), the seven items
 *     the text names (pp. 35–36); the profiling tool: 50 items rated 1–10 in five categories (p. 34).
 * The demo's own invention (marked "DEMO'S OWN" below):
 *   - the headcounts, worked back from Table 2's shares (the report used the DfE 2019 workforce
 *     survey headcount, p. 28 note 21, and prints no headcount);
 *   - who answered "with all families": about a third of users (the report gives no figure; it
 *     says only that use with all families was higher than at Round 1, p. 27);
 *   - unanswered items, where a published percentage cannot be reached with every respondent;
 *   - the time point T2 on every answer (the survey ran halfway through Round 2, p. 27);
 *   - ten profiling items per category, and the 1–10 scale of Mapping the Future.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const NO_WORDING = 'Item wording is not included: the evaluation team and the tools\' authors hold it, and a deployer supplies it under their licence. Items are identified by id and a short label.';

const staffSurvey = {
  id: 'staff-survey-sofs-elements',
  name: 'Staff survey: Signs of Safety elements used',
  description: 'Social workers say with how many of the families on their caseload they use each element (Table 2 of the 2020 evaluation): 0 none, 1 some, 2 all.',
  wordingNote: NO_WORDING,
  scale: { min: 0, max: 2, labels: { 0: 'with none of my families', 1: 'with some families', 2: 'with all families' } },
  respondentKinds: ['social_worker'],
  items: [
    ['danger_statements', 'Danger statements'],
    ['mapping', 'Signs of Safety mapping'],
    ['safety_planning', 'Safety planning'],
    ['goal_statements', 'Goal statements'],
    ['appreciative_enquiry', 'Appreciative enquiry'],
    ['family_network_meetings', 'Family network meetings'],
    ['words_and_pictures', 'Words and picture documents'],
    ['three_houses', 'Three Houses (or equivalent)'],
  ].map(([id, label]) => ({ id, label, wording: null })),
  subscales: [{ id: 'all_elements', name: 'All eight elements', items: [] }],
};
staffSurvey.subscales[0].items = staffSurvey.items.map((i) => i.id);

// the seven items the report names (pp. 35–36); its Appendix 8 holds the rest
const MTF_LABELS = [
  'Clear commitment to Signs of Safety from management',
  'It feels like a safe organisation in which to work',
  'Informing, involving and listening to children',
  'Family Court engaged in Signs of Safety approach',
  'Having sufficient time to spend with families',
  'Group supervision and appreciative enquiry in place',
  'Partner agency involvement',
];
const mappingTheFuture = {
  id: 'mapping-the-future',
  name: 'Mapping the Future',
  description: "Focus-group participants score their authority's progress on implementing Signs of Safety on 12 items (1–10): at T1 now and where they hope to be, at T3 now. Seven items are named in the report's text; the others are identified by number until a deployer supplies Appendix 8's labels.",
  wordingNote: NO_WORDING,
  scale: { min: 1, max: 10 },
  frames: ['now', 'hoped_for'],
  respondentKinds: ['social_worker', 'manager'],
  items: Array.from({ length: 12 }, (_, i) => ({ id: `mtf_${String(i + 1).padStart(2, '0')}`, label: MTF_LABELS[i] ?? `Item ${i + 1}`, wording: null })),
  subscales: [],
};
mappingTheFuture.subscales = [{ id: 'progress', name: 'Implementation progress', items: mappingTheFuture.items.map((i) => i.id) }];

const CATEGORIES = [
  ['organisational_culture', 'Organisational culture'],
  ['practice_issues', 'Practice issues'],
  ['learning', 'Learning'],
  ['processes', 'Processes'],
  ['leadership', 'Leadership'],
];
const profiling = {
  id: 'profiling-tool',
  name: 'Profiling tool',
  description: "Strategic leads rate their authority's progress (1–10) at T1 and T3 on 50 items in five categories; sites are compared as T-scores against all sites. The report gives the categories but not how the 50 items divide between them: ten per category is assumed here and a deployer's definition replaces it.",
  wordingNote: NO_WORDING,
  scale: { min: 1, max: 10 },
  frames: ['now', 'hoped_for'],
  respondentKinds: ['strategic_lead'],
  items: CATEGORIES.flatMap(([id, name]) => Array.from({ length: 10 }, (_, i) => ({ id: `${id}_${String(i + 1).padStart(2, '0')}`, label: `${name} ${i + 1}`, wording: null }))),
  subscales: CATEGORIES.map(([id, name]) => ({ id, name, items: Array.from({ length: 10 }, (_, i) => `${id}_${String(i + 1).padStart(2, '0')}`) })),
};

for (const d of [staffSurvey, mappingTheFuture, profiling]) writeFileSync(join(__dirname, 'instruments', `${d.id}.json`), JSON.stringify(d, null, 1) + '\n');

// Table 2 (p. 28), transcribed once; test/evaluation-claims.e2e-spec.ts checks the demo against the same file
const TABLE2 = require('./evaluation-2020-table-2.json');
const responses = [];
TABLE2.sites.forEach((site, s) => {
  const n = TABLE2.n[s];
  // DEMO'S OWN: T2 on every answer (the survey ran halfway through Round 2, p. 27)
  const rows = Array.from({ length: n }, () => ({ respondentKind: 'social_worker', site, timePoint: 'T2', answers: {} }));
  Object.entries(TABLE2.percent).forEach(([item, pcts], k) => {
    // the fewest non-responses for which some count of users rounds to the published percentage
    // (e.g. 83 % of 61 is impossible: 50/61 rounds to 82 % and 51/61 to 84 %)
    let answered = n;
    let using = Math.round((pcts[s] * answered) / 100);
    while (Math.round((100 * using) / answered) !== pcts[s]) {
      answered--;
      using = Math.round((pcts[s] * answered) / 100);
    }
    // spread users over respondents. DEMO'S OWN: about a third of users use the element with all
    // families, and the unanswered items above (the report gives neither)
    rows.forEach((row, i) => {
      const rank = (i * 7 + k * 13) % n;
      row.answers[item] = rank >= answered ? null : rank < using ? (rank % 3 === 0 ? 2 : 1) : 0;
    });
    if (answered < n) process.stdout.write(`${site} ${item}: ${n - answered} left it unanswered so that ${using}/${answered} rounds to ${pcts[s]} %\n`);
  });
  responses.push(...rows);
});
// DEMO'S OWN: a headcount per pilot, worked back from Table 2's respondents and share (51 / 82 % ≈ 62),
// so that the element-use report can show the share; not the DfE figures the report used
const headcount = Object.fromEntries(TABLE2.sites.map((site, s) => [site, Math.round(TABLE2.n[s] / (TABLE2.shareOfWorkforce[s] / 100))]));
writeFileSync(join(__dirname, 'demo', 'staff-survey.responses.json'), JSON.stringify({ instrument: staffSurvey.id, headcount, responses }) + '\n');
