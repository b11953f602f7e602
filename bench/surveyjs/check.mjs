// Checks bench/surveyjs/convert.mjs against our own scoring: random answer walks through the
// converted SurveyJS model (survey-core in Node, answering only the questions it shows, in page
// order, as a person would) and through `screening score`, then compares which questions were
// shown, each scale's band, the "unanswered" wording, and the reasons the result lists (in order).
//
//   node bench/surveyjs/check.mjs DEFINITION.json [--contacts CONTACTS.json] [--runs 300] [--screening PATH]
//
// Needs a built `screening` command (default target/release/screening). Exit 1 on a mismatch.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { convert } from './convert.mjs';

const require = createRequire(import.meta.url);
const Survey = require('survey-core');

const args = process.argv.slice(2);
let input = null;
let contacts = null;
let runs = 300;
let screening = new URL('../../target/release/screening', import.meta.url).pathname;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--contacts') contacts = JSON.parse(readFileSync(args[++i], 'utf8'));
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--screening') screening = args[++i];
  else input = args[i];
}
if (!input) {
  console.error('usage: node bench/surveyjs/check.mjs DEFINITION.json [--contacts FILE] [--runs N] [--screening PATH]');
  process.exit(2);
}
const def = JSON.parse(readFileSync(input, 'utf8'));
const model = convert(def, { contacts });

// A small deterministic generator, so a failure can be replayed.
let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (xs) => xs[Math.floor(random() * xs.length)];

/** How often a walk picks each question's first option (in our definitions, the safe answer). */
let safety = 0;
/** How often a walk skips a question. */
let skip = 0.25;

function randomAnswer(q) {
  const dk = q.dont_know?.offered !== false;
  if (random() < skip) return undefined;
  if (random() < safety) return q.type === 'multi' ? [(q.options.find((o) => o.exclusive) ?? q.options[0]).id] : q.options[0].id;
  if (dk && random() < 0.15) return q.type === 'multi' ? ['dont_know'] : 'dont_know';
  if (q.type === 'single') return pick(q.options).id;
  const exclusive = q.options.filter((o) => o.exclusive);
  if (exclusive.length && random() < 0.2) return [pick(exclusive).id];
  const chosen = q.options.filter((o) => !o.exclusive && random() < 0.35).map((o) => o.id);
  return chosen.length ? chosen : undefined;
}

const toSurvey = (v) => (v === 'dont_know' ? 'dontknow' : Array.isArray(v) ? v.map(toSurvey) : v);
const fromSurvey = (v) => (v === 'dontknow' ? 'dont_know' : Array.isArray(v) ? v.map(fromSurvey) : v);

/** The result's reason list items, as texts, from the SurveyJS completed page. */
function items(html, heading) {
  const at = html.indexOf(`<h4>${heading}</h4><ul>`);
  if (at < 0) return null;
  const list = html.slice(at).split('<ul>')[1].split('</ul>')[0];
  return [...list.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
}

const loc = Object.keys(def.locales)[0];
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
let failures = 0;
const seen = { bands: new Set(), rules: 0, unanswered: 0 };
for (let run = 0; run < runs; run++) {
  const survey = new Survey.Model(model);
  safety = run % 4 === 0 ? 0 : random();
  skip = run % 10 === 9 ? 0.95 : 0.25; // some walks answer almost nothing
  const answers = {};
  const shown = [];
  for (const q of def.questions) {
    const question = survey.getQuestionByName(q.id);
    if (!question.isVisible) continue;
    shown.push(q.id);
    const a = randomAnswer(q);
    if (a !== undefined) {
      survey.setValue(q.id, toSurvey(a));
      answers[q.id] = a;
    }
  }
  // What the person finally sees answered: SurveyJS has cleared answers of hidden questions.
  const data = Object.fromEntries(
    def.questions.filter((q) => survey.getQuestionByName(q.id).isVisible && survey.data[q.id] !== undefined).map((q) => [q.id, fromSurvey(survey.data[q.id])]),
  );
  const ours = JSON.parse(execFileSync(screening, ['score', input, '--answers', JSON.stringify(answers)], { encoding: 'utf8' }));
  const problems = [];
  const visible = def.questions.filter((q) => survey.getQuestionByName(q.id).isVisible).length;
  if (visible !== ours.answered + ours.skipped) problems.push(`shown ${visible} vs ours ${ours.answered + ours.skipped}`);
  survey.doComplete();
  const html = survey.processedCompletedHtml;
  for (const [i, scale] of def.scales.entries()) {
    const o = ours.scales[i];
    seen.bands.add(`${scale.id}:${o.band}`);
    if ((o.rules ?? []).length) seen.rules += 1;
    if (o.unanswered) seen.unanswered += 1;
    const rank = survey.getVariable(`${scale.id}_band`);
    const band = scale.bands[rank]?.id;
    if (band !== o.band) problems.push(`${scale.id}: band ${band} vs ours ${o.band}`);
    const unanswered = survey.getVariable(`${scale.id}_answered`) === 0;
    if (unanswered !== o.unanswered) problems.push(`${scale.id}: unanswered ${unanswered} vs ours ${o.unanswered}`);
    const expected = [
      ...(o.rules ?? []).map((r) => esc(scale.rules[r].reason[loc])),
      ...o.reasons.map((r) => {
        const q = def.questions.find((x) => x.id === r.question);
        const opt = r.answer === 'dont_know' ? q.dont_know : q.options.find((x) => x.id === r.answer);
        return esc(opt.reason[loc]);
      }),
    ];
    const listed = (survey.getVariable(`${scale.id}_reasons`) ?? '').match(/<li>(.*?)<\/li>/g)?.map((s) => s.slice(4, -5)) ?? [];
    if (JSON.stringify(listed) !== JSON.stringify(expected)) problems.push(`${scale.id}: reasons differ:\n  ${listed.join('\n  ')}\nvs ours\n  ${expected.join('\n  ')}`);
  }
  if (!html.includes('<h2>')) problems.push('no result page');
  if (items(html, def.unknowns_heading?.[loc] ?? '') === null && def.unknowns_heading) problems.push('no find-out list');
  if (problems.length) {
    failures += 1;
    if (failures <= 5) console.error(`run ${run}: answers ${JSON.stringify(answers)} (kept ${JSON.stringify(data)})\n  ${problems.join('\n  ')}`);
  }
}
console.log(
  `${runs - failures}/${runs} random walks agree with \`screening score\` ` +
    `(bands seen: ${[...seen.bands].join(', ')}; a rule held in ${seen.rules}; unanswered in ${seen.unanswered})`,
);
process.exit(failures ? 1 : 0);
