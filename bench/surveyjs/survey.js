// Loads the SurveyJS model of one questionnaire in one locale (converted from our definition by
// bench/surveyjs/convert.mjs) and renders it. `?questionnaire=job-offer&lang=tg` picks the file.
const params = new URLSearchParams(location.search);
const id = params.get('questionnaire') ?? 'job-offer';
const lang = params.get('lang') ?? 'tg';
const response = await fetch(`questionnaires/${id}.${lang}.json`);
const survey = new Survey.Model(await response.json());
survey.render(document.getElementById('surveyContainer'));
