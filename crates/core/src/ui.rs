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
    Send,
    DontSend,
    Sending,
    Sent,
    Queued,
    SendFailed,
    NotSent,
}

/// Rows in `Ui` order; columns tg, ru, uz, en (the order of [`Locale::ALL`]).
const TABLE: [[&str; 4]; 42] = [
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
        "Онро дар ҷое пур кунед, ки касе шуморо намебинад. Тугмаи «Зуд баромадан» ё се бор пахш кардани Shift саҳифаро фавран мепӯшад.",
        "Заполняйте там, где за вами никто не наблюдает. Кнопка «Быстро уйти» или три нажатия Shift сразу закрывают страницу.",
        "Buni hech kim kuzatmaydigan joyda toʻldiring. «Tezda chiqish» tugmasi yoki Shift tugmasini uch marta bosish sahifani darhol yopadi.",
        "Do this where nobody is watching you. The \"Leave quickly\" button, or pressing Shift three times, closes the page at once.",
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
        "Намуна: рақам ҳанӯз санҷида нашудааст",
        "Пример: номер ещё не проверен",
        "Namuna: raqam hali tekshirilmagan",
        "Example: this number has not been verified",
    ],
    [
        "Ин тамосҳо намунаанд. Пеш аз истифода онҳоро санҷед.",
        "Это примеры контактов. Проверьте их перед использованием.",
        "Bu aloqalar namuna. Foydalanishdan oldin tekshiring.",
        "These contacts are examples. Check them before relying on them.",
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
        "натиҷа барои ҳар қисм (масалан, «аломатҳои ҷиддӣ»);",
        "результат по каждой части (например, «серьёзные признаки»);",
        "har bir qism boʻyicha natija (masalan, «jiddiy belgilar»);",
        "the result for each part (for example, \"serious warning signs\");",
    ],
    [
        "ҷавобҳои шумо ба ин саволҳо:",
        "ваши ответы на эти вопросы:",
        "ushbu savollarga javoblaringiz:",
        "your answers to these questions:",
    ],
    [
        "Ҷавобҳо ба саволҳои ҳассос пеш аз фиристодан тасодуфан иваз карда мешаванд, бинобар ин ҳеҷ кас аниқ намедонад, ки шумо чӣ ҷавоб додед.",
        "Ответы на деликатные вопросы перед отправкой случайным образом меняются, поэтому никто не может знать наверняка, что вы ответили.",
        "Nozik savollarga javoblar yuborishdan oldin tasodifiy oʻzgartiriladi, shuning uchun hech kim nima deb javob berganingizni aniq bila olmaydi.",
        "Answers to sensitive questions are changed at random before sending, so nobody can be sure what you answered.",
    ],
    [
        "Дигар ҳеҷ чиз фиристода намешавад: на ном, на телефон, на суроға, на ҷойгиршавӣ ва на маълумот дар бораи дастгоҳ.",
        "Больше ничего не отправляется: ни имя, ни телефон, ни адрес, ни местоположение, ни данные об устройстве.",
        "Boshqa hech narsa yuborilmaydi: ism, telefon, manzil, joylashuv yoki qurilma haqida maʼlumot ham.",
        "Nothing else is sent: not your name, phone number, address, location or anything about your device.",
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
        "Ҳоло фиристода нашуд. Вақте ки интернет пайдо шавад, фиристода мешавад.",
        "Пока не отправлено. Отправится, когда появится интернет.",
        "Hozircha yuborilmadi. Internet paydo boʻlganda yuboriladi.",
        "Not sent yet. It will be sent when you are online again.",
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

/// "Works from Russia, Kazakhstan".
pub fn reachable_from(locale: Locale, countries: &[String]) -> String {
    let names: Vec<String> = countries.iter().map(|c| country(locale, c)).collect();
    let names = names.join(", ");
    match locale {
        Locale::Tg => format!("Аз инҷо кор мекунад: {names}"),
        Locale::Ru => format!("Работает из: {names}"),
        Locale::Uz => format!("Qayerdan ishlaydi: {names}"),
        Locale::En => format!("Works from: {names}"),
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
            "Работает из: Россия, XX"
        );
    }
}
