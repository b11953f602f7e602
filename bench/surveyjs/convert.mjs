// Converts one of our questionnaire definitions, in one locale (the per-locale file `cargo xtask
// dist` writes, e.g. dist/questionnaires/job-offer.tg.json, or the all-locales source with
// --locale), into a SurveyJS 2.x JSON model, for the comparison in `cargo xtask bench`.
//
//   node bench/surveyjs/convert.mjs DEFINITION.json [--contacts CONTACTS.json] [--locale tg] > model.json
//
// bench/bench.mjs runs it at bench time (nothing generated is committed). bench/surveyjs/check.mjs
// compares the converted model's visibility, bands and reasons with `screening score` on random
// answer walks (run it after changing this file or the definition format).
//
// The aim is the survey a partner would get by porting our questionnaire to SurveyJS by hand,
// expressed declaratively (no custom JavaScript), one question per page as our widget shows one
// question per step:
//   - `single` -> radiogroup, `multi` -> checkbox (`exclusive` options -> `isExclusive`);
//   - "I don't know" -> SurveyJS's built-in don't-know item (`showDontKnowItem`, value
//     "dontknow", exclusive in a checkbox), labelled with our wording;
//   - `help` -> the question's `description`; title and intro -> the survey's title and
//     description; every question optional, as ours;
//   - `show_if` -> `visibleIf`: {answer: {question, in}} -> `{q} anyof [...]`; all/any/not ->
//     and/or/!; at_least N of [...] -> `(iif(c1, 1, 0) + ...) >= N`. Our rule "holds only when the
//     referenced question is shown" is kept by `clearInvisibleValues: "onHidden"` (the answer of a
//     question that becomes hidden is cleared, so it no longer satisfies anything);
//   - scoring -> `calculatedValues`: per scale the points of known answers and of "I don't know",
//     the band by score (capped for unknowns at `unknowns_up_to`), raised by red flags and `rules`;
//     whether any question bearing on the scale got a real answer (the `unanswered` wording);
//   - the result -> `completedHtmlOnCondition`, one entry per combination of the scales' bands:
//     band title and advice (or the `unanswered` wording), the reasons (static order: rule
//     reasons, then red flags, then by points, then question order, which is what our scoring
//     sorts by), next steps (conditional ones through `iif`), "find out" items for "I don't know"
//     answers, the band's contacts for the place, and the disclaimer.
//
// What this does not express (the widget does these; none of it is exercised by the bench's
// skip-every-question walk, and none changes the bytes much):
//   - `place.question`: contacts are those for `place.default` (job-offer has no place question);
//     the result screen's "where are you now?" switch is not offered;
//   - randomized response, consent and sending a report (`report`, `sensitive`, endpoint): no
//     equivalent is built; the bench runs ours without an endpoint too;
//   - quick exit (button and Shift x3), language switching, the "answers stay on this device"
//     notes, the result's counts of skipped and "don't know" answers;
//   - reasons order ties the same way as ours, but a reason whose points only count through a
//     don't-know item is listed in the same static order (ours sorts after scoring: identical).
//   Texts are inserted into SurveyJS expressions as string literals; a `{` or `}` in a text
//   would be read by SurveyJS as a variable, so they are replaced with ( ).
import { readFileSync } from 'node:fs';

/** Our interface words the result needs (crates/core/src/ui.rs), per locale. */
const UI = {
  DontKnow: { tg: 'Намедонам', ru: 'Не знаю', 'uz-Cyrl': 'Билмайман', 'uz-Latn': 'Bilmayman', en: "I don't know" },
  YourResult: { tg: 'Натиҷаи шумо', ru: 'Ваш результат', 'uz-Cyrl': 'Натижангиз', 'uz-Latn': 'Natijangiz', en: 'Your result' },
  Signs: {
    tg: 'Аломатҳо дар ҷавобҳои шумо', ru: 'Признаки в ваших ответах', 'uz-Cyrl': 'Жавобларингиздаги белгилар',
    'uz-Latn': 'Javoblaringizdagi belgilar', en: 'Signs in your answers',
  },
  NextSteps: { tg: 'Қадамҳои навбатӣ', ru: 'Что делать дальше', 'uz-Cyrl': 'Кейинги қадамлар', 'uz-Latn': 'Keyingi qadamlar', en: 'Next steps' },
  WhoCanHelp: { tg: 'Кӣ кӯмак карда метавонад', ru: 'Кто может помочь', 'uz-Cyrl': 'Ким ёрдам бера олади', 'uz-Latn': 'Kim yordam bera oladi', en: 'Who can help' },
  MoreContacts: { tg: 'Тамосҳои дигар', ru: 'Другие контакты', 'uz-Cyrl': 'Бошқа алоқалар', 'uz-Latn': 'Boshqa aloqalar', en: 'More contacts' },
  FindOut: { tg: 'Инро бифаҳмед', ru: 'Что стоит выяснить', 'uz-Cyrl': 'Нимани аниқлаш керак', 'uz-Latn': 'Nimani aniqlash kerak', en: 'Things to find out' },
};
/** SurveyJS's locale codes for ours (survey-core/i18n has tajik, russian, uzbek; en is built in). */
const SURVEYJS_LOCALE = { tg: 'tg', ru: 'ru', 'uz-Cyrl': 'uz', 'uz-Latn': 'uz', en: 'en' };
/** The value of SurveyJS's built-in don't-know item (`settings.dontKnowItemValue`). */
const DONT_KNOW = 'dontknow';
/** How many contacts the result shows before "More contacts" (crates/core/src/contacts.rs). */
const FIRST_CONTACTS = 3;
/** Contact kinds in the order the result lists them (ContactKind in crates/core). */
const KINDS = ['ngo', 'international', 'health', 'government', 'emergency', 'police'];

export function convert(def, { contacts = null, locale = null, start: startScreen = null } = {}) {
  const loc = locale ?? Object.keys(def.locales)[0];
  if (!Object.hasOwn(def.locales, loc)) throw new Error(`the definition has no locale ${loc}`);
  const t = (text) => clean(text?.[loc] ?? '');
  const ui = (key) => UI[key][loc] ?? UI[key].en;
  const questions = def.questions;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const dkOffered = (q) => q.dont_know?.offered !== false;
  const value = (id) => (id === 'dont_know' ? DONT_KNOW : id);

  const cond = (c) => {
    if (c.answer) return `{${c.answer.question}} anyof [${c.answer.in.map((id) => lit(value(id))).join(', ')}]`;
    if (c.all) return `(${c.all.map(cond).join(' and ')})`;
    if (c.any) return `(${c.any.map(cond).join(' or ')})`;
    if (c.not) return `!(${cond(c.not)})`;
    if (c.at_least) return `((${c.at_least.of.map((x) => `iif(${cond(x)}, 1, 0)`).join(' + ')}) >= ${c.at_least.count})`;
    throw new Error(`unknown condition ${JSON.stringify(c)}`);
  };
  const chose = (q, id) => `{${q.id}} anyof [${lit(value(id))}]`;
  /** Every answer id of a question with its option (undefined for don't know). */
  const answers = (q) => [
    ...q.options.map((o) => [o.id, o]),
    ...(dkOffered(q) ? [['dont_know', q.dont_know ?? {}]] : []),
  ];

  const pages = questions.map((q) => {
    const element = {
      type: q.type === 'multi' ? 'checkbox' : 'radiogroup',
      name: q.id,
      title: t(q.text),
      choices: q.options.map((o) => {
        const choice = { value: o.id, text: t(o.text) };
        if (o.exclusive) choice.isExclusive = true;
        return choice;
      }),
    };
    if (q.help) element.description = t(q.help);
    if (dkOffered(q)) {
      element.showDontKnowItem = true;
      element.dontKnowText = ui('DontKnow');
    }
    if (q.required) element.isRequired = true;
    if (q.show_if) element.visibleIf = cond(q.show_if);
    return { name: `page_${q.id}`, elements: [element] };
  });

  const calculatedValues = [];
  const calc = (name, expression) => {
    calculatedValues.push({ name, expression });
    return `{${name}}`;
  };
  /**
   * A string expression: the concatenation of `[condition or null, html]` parts. It starts with
   * an empty HTML comment: SurveyJS leaves a `{name}` whose value is empty as literal text.
   */
  const concat = (parts) =>
    [`'<!---->'`, ...parts.map(([c, html]) => (c ? `iif(${c}, ${lit(html)}, '')` : lit(html)))].join(' + ');

  // Per scale: its states (the band ranks, and "unanswered") as expressions, and the html of each.
  const scales = def.scales.map((scale) => {
    const s = scale.id;
    const bears = questions.filter(
      (q) =>
        answers(q).some(([, o]) => (o.weights?.[s] ?? 0) > 0) ||
        q.options.some((o) => o.red_flag && Object.hasOwn(o.red_flag, s)) ||
        (scale.rules ?? []).some((r) => clauses(r.when).includes(q.id)),
    );
    const sum = (dk) => {
      const terms = questions.flatMap((q) =>
        answers(q)
          .filter(([id, o]) => (id === 'dont_know') === dk && (o.weights?.[s] ?? 0) > 0)
          .map(([id, o]) => `iif(${chose(q, id)}, ${o.weights[s]}, 0)`),
      );
      return terms.length ? terms.join(' + ') : '0';
    };
    const rank = (score) =>
      scale.bands.length > 1 ? scale.bands.slice(1).map((b) => `iif(${score} >= ${b.min}, 1, 0)`).join(' + ') : '0';
    const rankOf = (id) => scale.bands.findIndex((b) => b.id === id);
    const known = calc(`${s}_known`, sum(false));
    const unknown = calc(`${s}_unknown`, sum(true));
    const cap = scale.unknowns_up_to ? rankOf(scale.unknowns_up_to) : Math.max(scale.bands.length - 2, 0);
    const raises = [
      ...questions.flatMap((q) =>
        q.options
          .filter((o) => o.red_flag && Object.hasOwn(o.red_flag, s))
          .map((o) => `iif(${chose(q, o.id)}, ${rankOf(o.red_flag[s])}, 0)`),
      ),
      ...(scale.rules ?? []).map((r) => `iif(${cond(r.when)}, ${rankOf(r.band)}, 0)`),
    ];
    const band = calc(
      `${s}_band`,
      `max(${rank(known)}, min(${rank(`(${known} + ${unknown})`)}, ${cap})${raises.map((r) => `, ${r}`).join('')})`,
    );
    const answered = calc(
      `${s}_answered`,
      bears.length
        ? bears.map((q) => `iif({${q.id}} notempty and !(${chose(q, 'dont_know')}), 1, 0)`).join(' + ')
        : '0',
    );
    // Reasons, in our scoring's order: rules first, then red flags, then by points, then by
    // question order (a stable sort of the static list gives the same order as sorting the
    // reasons that hold).
    const reasonParts = [];
    for (const r of scale.rules ?? []) reasonParts.push([cond(r.when), `<li>${t(r.reason)}</li>`]);
    const answerReasons = questions.flatMap((q) =>
      answers(q)
        .filter(([, o]) => o.reason && ((o.weights?.[s] ?? 0) > 0 || (o.red_flag && Object.hasOwn(o.red_flag, s))))
        .map(([id, o]) => ({ c: chose(q, id), flag: !!o.red_flag?.[s], points: o.weights?.[s] ?? 0, html: `<li>${t(o.reason)}</li>` })),
    );
    stableSort(answerReasons, (a, b) => (a.flag === b.flag ? b.points - a.points : a.flag ? -1 : 1));
    for (const r of answerReasons) reasonParts.push([r.c, r.html]);
    const reasons = calc(`${s}_reasons`, concat(reasonParts));
    const states = [];
    scale.bands.forEach((b, i) => {
      const steps = calc(
        `${s}_${b.id}_steps`,
        concat(
          b.steps.map((step) =>
            step.text ? [step.show_if ? cond(step.show_if) : null, `<li>${t(step.text)}</li>`] : [null, `<li>${t(step)}</li>`],
          ),
        ),
      );
      const body = (title, advice) =>
        `<h3>${title}</h3><p>${advice}</p><h4>${ui('Signs')}</h4><ul>${reasons}</ul>` +
        `<h4>${ui('NextSteps')}</h4><ol>${steps}</ol>`;
      if (i === 0 && scale.unanswered) {
        states.push({
          expr: `${band} = 0 and ${answered} = 0`,
          html: body(t(scale.unanswered.title), t(scale.unanswered.advice)),
          topics: b.contact_topics,
        });
      }
      states.push({ expr: `${band} = ${i}`, html: body(t(b.title), t(b.advice)), topics: b.contact_topics });
    });
    return states;
  });

  const unknowns = calc(
    'find_out',
    concat(
      questions
        .filter(dkOffered)
        .map((q) => [chose(q, 'dont_know'), `<li>${q.dont_know?.find_out ? t(q.dont_know.find_out) : t(q.text)}</li>`]),
    ),
  );
  const place = def.place?.default ?? 'tj';
  const completedHtmlOnCondition = product(scales).map((combo) => {
    const topics = combo.flatMap((st) => st.topics);
    const [first, rest] = contactsFor(contacts, topics, place);
    const html =
      `<div class="result"><h2>${ui('YourResult')}</h2>${combo.map((st) => st.html).join('')}` +
      `<h4>${t(def.unknowns_heading) || ui('FindOut')}</h4><ul>${unknowns}</ul>` +
      `<h4>${ui('WhoCanHelp')}</h4><ul>${first.map((c) => contactHtml(c, t)).join('')}</ul>` +
      (rest.length
        ? `<details><summary>${ui('MoreContacts')}</summary><ul>${rest.map((c) => contactHtml(c, t)).join('')}</ul></details>`
        : '') +
      `<p><small>${t(def.disclaimer)}</small></p></div>`;
    return { expression: combo.map((st) => `(${st.expr})`).join(' and '), html };
  });

  // The bench gives SurveyJS the start screen ours has (the same facts and Start button, taken
  // from our pre-rendered start screen), so both sides press Start before the first question.
  const start = startScreen
    ? {
        firstPageIsStartPage: true,
        startSurveyText: startScreen.button,
        pages: [{ name: 'start', elements: [{ type: 'html', name: 'start_facts', html: startScreen.facts }] }, ...pages],
      }
    : { pages };
  return {
    title: t(def.title),
    description: t(def.intro),
    locale: SURVEYJS_LOCALE[loc] ?? 'en',
    showProgressBar: true,
    progressBarType: 'questions',
    clearInvisibleValues: 'onHidden',
    calculatedValues,
    ...start,
    completedHtmlOnCondition,
  };
}

/** The question ids an expression's answer clauses name. */
function clauses(c) {
  if (c.answer) return [c.answer.question];
  if (c.all) return c.all.flatMap(clauses);
  if (c.any) return c.any.flatMap(clauses);
  if (c.not) return clauses(c.not);
  if (c.at_least) return c.at_least.of.flatMap(clauses);
  return [];
}

/** Contacts a result shows (crates/core/src/contacts.rs `for_result`): first three and the rest. */
function contactsFor(directory, topics, place) {
  if (!directory) return [[], []];
  const reachable = (c) => c.reachable_from.some((p) => p === 'any' || (p === place && place !== 'other'));
  const found = directory.contacts.filter((c) => reachable(c) && c.topics.some((x) => topics.includes(x)));
  const key = (c) => [
    KINDS.indexOf(c.kind) >= KINDS.indexOf('emergency') ? 1 : 0,
    topics.findIndex((x) => c.topics.includes(x)),
    KINDS.indexOf(c.kind),
  ];
  stableSort(found, (a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return 0;
  });
  return [found.slice(0, FIRST_CONTACTS), found.slice(FIRST_CONTACTS)];
}

function contactHtml(c, t) {
  const href = (ch) =>
    ch.type === 'phone'
      ? `tel:${ch.value.replace(/[^+\d]/g, '')}`
      : ch.type === 'whatsapp'
        ? `https://wa.me/${ch.value.replace(/\D/g, '')}`
        : ch.type === 'telegram'
          ? `https://t.me/${ch.value.replace(/^@/, '')}`
          : ch.value;
  const channels = c.channels.map((ch) => `<a href="${esc(href(ch))}">${esc(ch.value)}</a>`).join(' ');
  return `<li><strong>${t(c.name)}</strong> ${channels}<br>${t(c.description)}</li>`;
}

function product(lists) {
  return lists.reduce((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]]);
}

function stableSort(array, compare) {
  const indexed = array.map((x, i) => [x, i]);
  indexed.sort((a, b) => compare(a[0], b[0]) || a[1] - b[1]);
  indexed.forEach(([x], i) => (array[i] = x));
}

/** HTML-escaped text, with braces replaced (SurveyJS reads `{name}` as a variable). */
function clean(text) {
  return esc(text).replace(/\{/g, '(').replace(/\}/g, ')');
}

function esc(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A SurveyJS expression string literal. */
function lit(text) {
  return `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let input = null;
  let contacts = null;
  let locale = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--contacts') contacts = JSON.parse(readFileSync(args[++i], 'utf8'));
    else if (args[i] === '--locale') locale = args[++i];
    else input = args[i];
  }
  if (!input) {
    console.error('usage: node bench/surveyjs/convert.mjs DEFINITION.json [--contacts CONTACTS.json] [--locale TAG]');
    process.exit(2);
  }
  const model = convert(JSON.parse(readFileSync(input, 'utf8')), { contacts, locale });
  process.stdout.write(JSON.stringify(model));
}
