//! The widget's own words (buttons, progress, notices) in every locale. Questionnaire content
//! lives in definitions; these are the same for every questionnaire.
//!
//! All text here is a draft until native speakers of Tajik, Russian and Uzbek have reviewed it.

use crate::locale::Locale;

/// A piece of interface text. Each has all four locales by construction (see [`Ui::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    Start,
    Next,
    Back,
    Skip,
    DontKnow,
    QuickExit,
    Language,
    StartAgain,
    YourResult,
    Signs,
    NoSigns,
    NextSteps,
    WhoCanHelp,
    // Result screen (content v2): where the person is, more contacts, unknowns, skips.
    WhereNow,
    PlaceTj,
    PlaceRu,
    PlaceKz,
    PlaceOther,
    MoreContacts,
    FindOut,
    NotAnswered,
    NotAnsweredAdvice,
    ShiftHint,
    Loading,
    AnswersStay,
    NothingSent,
    SendOnlyIfAgreed,
    SkipAny,
    NobodyWatching,
    ChooseAll,
    AnswerRequired,
    Hours,
    NotVerified,
    ExampleContacts,
    LoadFailed,
    FormError,
    ConsentTitle,
    ConsentWhat,
    ConsentQuestionnaire,
    ConsentLanguage,
    ConsentMonth,
    ConsentResult,
    ConsentAnswers,
    ConsentRandomized,
    ConsentNothingElse,
    ConsentId,
    ConsentPartner,
    ConsentPrivacy,
    ConsentChangedAtRandom,
    SendNoRandomness,
    Send,
    DontSend,
    Sending,
    Sent,
    Queued,
    SendFailed,
    NotSent,
}

/// Rows in `Ui` order; columns tg, ru, uz, en (the order of [`Locale::ALL`]).
const TABLE: &[[&str; 4]] = &[
    ["Оғоз", "Начать", "Boshlash", "Start"],
    ["Давом", "Далее", "Keyingi", "Next"],
    ["Бозгашт", "Назад", "Orqaga", "Back"],
    ["Гузаштан", "Пропустить", "Oʻtkazib yuborish", "Skip"],
    ["Намедонам", "Не знаю", "Bilmayman", "I don't know"],
    [
        "Зуд баромадан",
        "Быстро уйти",
        "Tezda chiqish",
        "Leave quickly",
    ],
    ["Забон", "Язык", "Til", "Language"],
    [
        "Аз нав оғоз кардан",
        "Начать заново",
        "Qaytadan boshlash",
        "Start again",
    ],
    ["Натиҷаи шумо", "Ваш результат", "Natijangiz", "Your result"],
    [
        "Аломатҳо дар ҷавобҳои шумо",
        "Признаки в ваших ответах",
        "Javoblaringizdagi belgilar",
        "Signs in your answers",
    ],
    [
        "Дар ҷавобҳои шумо аломате ёфт нашуд.",
        "В ваших ответах признаков не найдено.",
        "Javoblaringizda belgilar topilmadi.",
        "No signs were found in your answers.",
    ],
    [
        "Қадамҳои навбатӣ",
        "Что делать дальше",
        "Keyingi qadamlar",
        "Next steps",
    ],
    [
        "Кӣ кӯмак карда метавонад",
        "Кто может помочь",
        "Kim yordam bera oladi",
        "Who can help",
    ],
    // Result screen (content v2).
    [
        "Ҳоло шумо дар куҷо ҳастед?",
        "Где вы сейчас?",
        "Hozir qayerdasiz?",
        "Where are you now?",
    ],
    [
        "Дар Тоҷикистон",
        "В Таджикистане",
        "Tojikistonda",
        "In Tajikistan",
    ],
    ["Дар Русия", "В России", "Rossiyada", "In Russia"],
    [
        "Дар Қазоқистон",
        "В Казахстане",
        "Qozogʻistonda",
        "In Kazakhstan",
    ],
    [
        "Дар ҷои дигар",
        "В другом месте",
        "Boshqa joyda",
        "Elsewhere",
    ],
    [
        "Тамосҳои дигар",
        "Другие контакты",
        "Boshqa aloqalar",
        "More contacts",
    ],
    [
        "Инро бифаҳмед",
        "Что стоит выяснить",
        "Nimani aniqlash kerak",
        "Things to find out",
    ],
    [
        "Барои хулоса ҷавобҳо кофӣ нестанд",
        "Недостаточно ответов для вывода",
        "Xulosa uchun javoblar yetarli emas",
        "Not enough answers to tell",
    ],
    [
        "Шумо ба саволҳои ин қисм ҷавоб надодед, бинобар ин гуфтан мумкин нест, ки нишонаҳо ҳастанд ё не.",
        "Вы не ответили на вопросы этой части, поэтому нельзя сказать, есть ли признаки.",
        "Bu qismdagi savollarga javob bermadingiz, shuning uchun belgilar bor-yoʻqligini aytib boʻlmaydi.",
        "You did not answer the questions in this part, so it cannot say whether there are signs.",
    ],
    [
        "Се бор пахш кардани тугмаи Shift низ саҳифаро фавран мепӯшад.",
        "Три нажатия Shift тоже сразу закрывают страницу.",
        "Shift tugmasini uch marta bosish ham sahifani darhol yopadi.",
        "Pressing Shift three times also closes it at once.",
    ],
    [
        "Бор шуда истодааст…",
        "Загрузка…",
        "Yuklanmoqda…",
        "Loading…",
    ],
    [
        "Ҷавобҳои шумо дар ҳамин дастгоҳ мемонанд.",
        "Ваши ответы остаются на этом устройстве.",
        "Javoblaringiz shu qurilmada qoladi.",
        "Your answers stay on this device.",
    ],
    [
        "Ҳеҷ чиз ба ҷое фиристода намешавад.",
        "Ничего никуда не отправляется.",
        "Hech narsa hech qayerga yuborilmaydi.",
        "Nothing is sent anywhere.",
    ],
    [
        "Бе розигии шумо ҳеҷ чиз фиристода намешавад.",
        "Без вашего согласия ничего не отправляется.",
        "Roziligingizsiz hech narsa yuborilmaydi.",
        "Nothing is sent unless you agree.",
    ],
    [
        "Ба ҳар савол ҷавоб надодан ё «Намедонам»-ро интихоб кардан мумкин аст.",
        "Любой вопрос можно пропустить или ответить «Не знаю».",
        "Istalgan savolni oʻtkazib yuborish yoki «Bilmayman» deb javob berish mumkin.",
        "You can skip any question or answer \"I don't know\".",
    ],
    [
        "Онро дар ҷое пур кунед, ки касе шуморо намебинад. Тугмаи «Зуд баромадан» саҳифаро фавран мепӯшад.",
        "Заполняйте там, где за вами никто не наблюдает. Кнопка «Быстро уйти» сразу закрывает страницу.",
        "Buni hech kim kuzatmaydigan joyda toʻldiring. «Tezda chiqish» tugmasi sahifani darhol yopadi.",
        "Do this where nobody is watching you. The \"Leave quickly\" button closes the page at once.",
    ],
    [
        "Ҳамаи ҷавобҳои мувофиқро интихоб кунед.",
        "Отметьте все подходящие ответы.",
        "Mos keladigan barcha javoblarni belgilang.",
        "Choose all that apply.",
    ],
    [
        "Лутфан, ба ин савол ҷавоб диҳед.",
        "Пожалуйста, ответьте на этот вопрос.",
        "Iltimos, bu savolga javob bering.",
        "Please answer this question.",
    ],
    ["Вақти корӣ", "Часы работы", "Ish vaqti", "Hours"],
    [
        "Намуна: ҳанӯз санҷида нашудааст",
        "Пример: ещё не проверено",
        "Namuna: hali tekshirilmagan",
        "Example: not yet verified",
    ],
    [
        "Ин тамосҳо метавонанд кӯҳна бошанд. Агар яке ҷавоб надиҳад, ба дигаре муроҷиат кунед.",
        "Эти контакты могут быть устаревшими. Если один не отвечает, попробуйте другой.",
        "Bu aloqalar eskirgan boʻlishi mumkin. Biri javob bermasa, boshqasini sinab koʻring.",
        "These contacts may be out of date. If one does not answer, try another.",
    ],
    [
        "Саволнома бор нашуд. Саҳифаро аз нав кушоед.",
        "Не удалось загрузить опрос. Обновите страницу.",
        "Soʻrovnoma yuklanmadi. Sahifani yangilang.",
        "The questionnaire could not be loaded. Please reload the page.",
    ],
    [
        "Ин шакл танзим нашудааст. Ба соҳиби сомона хабар диҳед.",
        "Эта форма настроена неверно. Сообщите владельцу сайта.",
        "Bu shakl notoʻgʻri sozlangan. Sayt egasiga xabar bering.",
        "This form is not set up correctly. Please tell the site's owner.",
    ],
    [
        "Бо ин натиҷа ба дигарон беном кӯмак мекунед?",
        "Поделиться этим результатом анонимно, чтобы помочь другим?",
        "Boshqalarga yordam berish uchun bu natijani anonim ulashasizmi?",
        "Share this result anonymously to help others?",
    ],
    [
        "Агар розӣ бошед, ин саҳифа ба ташкилоте, ки онро пеш мебарад, танҳо инро мефиристад:",
        "Если вы согласны, эта страница отправит организации, которая её ведёт, только следующее:",
        "Rozi boʻlsangiz, bu sahifa uni yuritayotgan tashkilotga faqat quyidagilarni yuboradi:",
        "If you agree, this page sends only the following to the organisation that runs it:",
    ],
    [
        "кадом санҷиш буд ва версияи он;",
        "какая это была проверка и её версия;",
        "bu qaysi tekshiruv ekani va uning versiyasi;",
        "which check this was, and its version;",
    ],
    ["забони шумо;", "ваш язык;", "tilingiz;", "your language;"],
    [
        "моҳи ҷорӣ (на рӯз ва на вақт);",
        "текущий месяц (не день и не время);",
        "joriy oy (kun ham, vaqt ham emas);",
        "this month (not the day or time);",
    ],
    [
        "натиҷаи шумо барои ҳар яке аз ин қисмҳо:",
        "ваш результат по каждой из этих частей:",
        "ushbu qismlarning har biri boʻyicha natijangiz:",
        "your result for each of these parts:",
    ],
    [
        "ҷавобҳои шумо ба ин саволҳо:",
        "ваши ответы на эти вопросы:",
        "ushbu savollarga javoblaringiz:",
        "your answers to these questions:",
    ],
    [
        "Ҷавобҳое, ки бо «тасодуфан иваз мешавад» қайд шудаанд, ва натиҷаҳое, ки ба онҳо вобастаанд, пеш аз фиристодан метавонанд тасодуфан иваз карда шаванд, бинобар ин аз рӯи гузориш исбот кардан мумкин нест, ки шумо чӣ ҷавоб додед.",
        "Ответы с пометкой «меняется случайно» и зависящие от них результаты перед отправкой могут быть случайно заменены, поэтому отчёт не может доказать, что вы ответили.",
        "«Tasodifiy oʻzgartiriladi» deb belgilangan javoblar va ularga bogʻliq natijalar yuborishdan oldin tasodifiy almashtirilishi mumkin, shuning uchun hisobot nima deb javob berganingizni isbotlay olmaydi.",
        "Answers marked ‘changed at random’, and the results that depend on them, may be replaced at random before sending, so a report cannot prove what you answered.",
    ],
    [
        "Дигар ҳеҷ чиз фиристода намешавад: на ном, на телефон, на суроға, на ҷойгиршавӣ ва на маълумот дар бораи дастгоҳ.",
        "Больше ничего не отправляется: ни имя, ни телефон, ни адрес, ни местоположение, ни данные об устройстве.",
        "Boshqa hech narsa yuborilmaydi: ism, telefon, manzil, joylashuv yoki qurilma haqida maʼlumot ham.",
        "Nothing else is sent: not your name, phone number, address, location or anything about your device.",
    ],
    [
        "рақами тасодуфӣ, то як гузориш ду бор ҳисоб нашавад;",
        "случайный номер, чтобы один отчёт не посчитали дважды;",
        "bitta hisobot ikki marta hisoblanmasligi uchun tasodifiy raqam;",
        "a random number, so the same report is not counted twice;",
    ],
    [
        "тамғаи ташкилоте, ки ин саҳифа аз они он аст:",
        "метка организации, чья это страница:",
        "bu sahifa tegishli boʻlgan tashkilot belgisi:",
        "the tag of the organisation whose page this is:",
    ],
    [
        "усули ҳифзи ҷавобҳо ва танзими он;",
        "способ защиты ответов и его настройка;",
        "javoblarni himoya qilish usuli va uning sozlamasi;",
        "how the answers are protected (the method and its setting);",
    ],
    [
        "(тасодуфан иваз мешавад)",
        "(меняется случайно)",
        "(tasodifiy oʻzgartiriladi)",
        "(changed at random)",
    ],
    [
        "Фиристода нашуд: ин браузер рақамҳои тасодуфиеро, ки ҷавобҳои шуморо ҳифз мекунанд, сохта наметавонад. Ҳеҷ чиз нигоҳ дошта нашуд.",
        "Не отправлено: этот браузер не может создать случайные числа, которые защищают ваши ответы. Ничего не сохранено.",
        "Yuborilmadi: bu brauzer javoblaringizni himoya qiladigan tasodifiy sonlarni yarata olmaydi. Hech narsa saqlanmadi.",
        "Not sent: this browser cannot make the random numbers that protect your answers. Nothing was kept.",
    ],
    [
        "Беном фиристодан",
        "Отправить анонимно",
        "Anonim yuborish",
        "Send anonymously",
    ],
    ["Нафиристодан", "Не отправлять", "Yubormaslik", "Don't send"],
    [
        "Фиристода истодааст…",
        "Отправка…",
        "Yuborilmoqda…",
        "Sending…",
    ],
    [
        "Фиристода шуд. Ташаккур.",
        "Отправлено. Спасибо.",
        "Yuborildi. Rahmat.",
        "Sent. Thank you.",
    ],
    [
        "Ҳоло фиристода нашуд. Гузориш дар ҳамин дастгоҳ нигоҳ дошта мешавад ва вақте ки интернет пайдо шавад, фиристода мешавад. «Зуд баромадан» онро нест мекунад.",
        "Пока не отправлено. Отчёт хранится на этом устройстве и отправится, когда появится интернет. «Быстро уйти» удалит его.",
        "Hozircha yuborilmadi. Hisobot shu qurilmada saqlanadi va internet paydo boʻlganda yuboriladi. «Tezda chiqish» uni oʻchiradi.",
        "Not sent yet. It is kept on this device and will be sent when you are online again. Leave quickly deletes it.",
    ],
    [
        "Фиристода нашуд. Ҳеҷ чиз нигоҳ дошта нашуд.",
        "Не удалось отправить. Ничего не сохранено.",
        "Yuborib boʻlmadi. Hech narsa saqlanmadi.",
        "Could not send. Nothing was kept.",
    ],
    [
        "Ҳеҷ чиз фиристода нашуд.",
        "Ничего не отправлено.",
        "Hech narsa yuborilmadi.",
        "Nothing was sent.",
    ],
];

impl Ui {
    /// The text in `locale`.
    pub fn text(self, locale: Locale) -> &'static str {
        TABLE[self as usize][locale as usize]
    }
}

/// "Question 3 of 12".
pub fn progress(locale: Locale, position: usize, total: usize) -> String {
    match locale {
        Locale::Tg => format!("Саволи {position} аз {total}"),
        Locale::Ru => format!("Вопрос {position} из {total}"),
        Locale::Uz => format!("{position}-savol, jami {total} ta"),
        Locale::En => format!("Question {position} of {total}"),
    }
}

/// "About 4 minutes".
pub fn minutes(locale: Locale, n: u32) -> String {
    match locale {
        Locale::Tg => format!("Тақрибан {n} дақиқа"),
        Locale::Ru => format!("Примерно {n} мин."),
        Locale::Uz => format!("Taxminan {n} daqiqa"),
        Locale::En => format!("About {n} minutes"),
    }
}

/// "Last verified 2026-01-15".
pub fn verified_on(locale: Locale, date: &str) -> String {
    match locale {
        Locale::Tg => format!("Охирин санҷиш: {date}"),
        Locale::Ru => format!("Проверено: {date}"),
        Locale::Uz => format!("Oxirgi tekshiruv: {date}"),
        Locale::En => format!("Last verified {date}"),
    }
}

/// "Can be reached from: Russia, Kazakhstan" (where a person can contact it from, not where
/// its office is).
pub fn reachable_from(locale: Locale, countries: &[String]) -> String {
    let names: Vec<String> = countries.iter().map(|c| country(locale, c)).collect();
    let names = names.join(", ");
    match locale {
        Locale::Tg => format!("Аз ин кишварҳо тамос гирифтан мумкин: {names}"),
        Locale::Ru => format!("Можно связаться из: {names}"),
        Locale::Uz => format!("Qaysi davlatdan bogʻlanish mumkin: {names}"),
        Locale::En => format!("Can be reached from: {names}"),
    }
}

/// "You skipped 2 questions and answered ‘I don't know’ to 1. ..." (the result must say that
/// unsure answers were not counted). Integers only: no float formatting in the wasm.
pub fn unsure_counts(locale: Locale, skipped: usize, dont_know: usize) -> String {
    let (n, m) = (skipped, dont_know);
    match locale {
        Locale::Tg => format!(
            "Шумо {n} саволро гузарондед ва ба {m} савол «Намедонам» ҷавоб додед. Натиҷа танҳо ҷавобҳои додаи шуморо нишон медиҳад."
        ),
        Locale::Ru => format!(
            "Пропущено вопросов: {n}; ответов «Не знаю»: {m}. Результат учитывает только те ответы, которые вы дали."
        ),
        Locale::Uz => format!(
            "Siz {n} ta savolni oʻtkazib yubordingiz va {m} tasiga «Bilmayman» deb javob berdingiz. Natija faqat bergan javoblaringizni aks ettiradi."
        ),
        Locale::En => format!(
            "You skipped {n} question{} and answered ‘I don't know’ to {m}. The result only reflects the answers you gave.",
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// A country's name for the countries migrants move between; others as their code.
pub fn country(locale: Locale, code: &str) -> String {
    let names: Option<[&str; 4]> = match code {
        "tj" => Some(["Тоҷикистон", "Таджикистан", "Tojikiston", "Tajikistan"]),
        "ru" => Some(["Русия", "Россия", "Rossiya", "Russia"]),
        "kz" => Some(["Қазоқистон", "Казахстан", "Qozogʻiston", "Kazakhstan"]),
        "uz" => Some(["Ӯзбекистон", "Узбекистан", "Oʻzbekiston", "Uzbekistan"]),
        "kg" => Some(["Қирғизистон", "Киргизия", "Qirgʻiziston", "Kyrgyzstan"]),
        "any" => Some([
            "ҳар кишвар",
            "любая страна",
            "istalgan davlat",
            "any country",
        ]),
        _ => None,
    };
    names.map_or_else(
        || code.to_ascii_uppercase(),
        |n| n[locale as usize].to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_present_in_every_locale() {
        for row in TABLE {
            for text in row {
                assert!(!text.trim().is_empty());
            }
        }
        assert_eq!(
            Ui::NotSent as usize,
            TABLE.len() - 1,
            "TABLE rows follow Ui"
        );
        assert_eq!(Ui::Start.text(Locale::Tg), "Оғоз");
        assert_eq!(Ui::DontKnow.text(Locale::Ru), "Не знаю");
    }

    #[test]
    fn formatted_strings() {
        assert_eq!(progress(Locale::En, 3, 12), "Question 3 of 12");
        assert_eq!(progress(Locale::Tg, 3, 12), "Саволи 3 аз 12");
        assert_eq!(
            reachable_from(Locale::Ru, &["ru".into(), "xx".into()]),
            "Можно связаться из: Россия, XX"
        );
        assert_eq!(
            unsure_counts(Locale::En, 1, 2),
            "You skipped 1 question and answered ‘I don't know’ to 2. The result only reflects the answers you gave."
        );
        assert!(unsure_counts(Locale::Ru, 3, 0).contains("вопросов: 3"));
    }
}
