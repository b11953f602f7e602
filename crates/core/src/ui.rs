//! The widget's own words (buttons, progress, notices) in every locale. Questionnaire content
//! lives in definitions; these are the same for every questionnaire.
//!
//! All text here is a draft until native speakers of Tajik, Russian and Uzbek have reviewed it.
//! Translators work on it through PO files (`screening-i18n export crates/core/src/ui.rs
//! --locale tg`, see docs/translating.md), which write the table back; review status lives
//! in `crates/core/src/review/ui.json` and `screening check crates/core/src/ui.rs` reports it.

use crate::locale::Locale;

/// A piece of interface text. Each has a row in [`TABLE`]; see [`Ui::text`].
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
    Progress,
    Minutes,
    VerifiedOn,
    ReachableFrom,
    UnsureCounts,
    UnsureCountsOne,
    CountryTj,
    CountryRu,
    CountryKz,
    CountryUz,
    CountryKg,
    CountryAny,
    NotSafeNow,
    CallName,
    CallNumber,
    ChangeLanguage,
    ShiftOnceMore,
    ShiftTwiceMore,
}

impl Ui {
    /// Every string, in table order.
    pub const ALL: [Ui; 75] = [
        Ui::Start,
        Ui::Next,
        Ui::Back,
        Ui::Skip,
        Ui::DontKnow,
        Ui::QuickExit,
        Ui::Language,
        Ui::StartAgain,
        Ui::YourResult,
        Ui::Signs,
        Ui::NoSigns,
        Ui::NextSteps,
        Ui::WhoCanHelp,
        Ui::WhereNow,
        Ui::PlaceTj,
        Ui::PlaceRu,
        Ui::PlaceKz,
        Ui::PlaceOther,
        Ui::MoreContacts,
        Ui::FindOut,
        Ui::NotAnswered,
        Ui::NotAnsweredAdvice,
        Ui::ShiftHint,
        Ui::Loading,
        Ui::AnswersStay,
        Ui::NothingSent,
        Ui::SendOnlyIfAgreed,
        Ui::SkipAny,
        Ui::NobodyWatching,
        Ui::ChooseAll,
        Ui::AnswerRequired,
        Ui::Hours,
        Ui::NotVerified,
        Ui::ExampleContacts,
        Ui::LoadFailed,
        Ui::FormError,
        Ui::ConsentTitle,
        Ui::ConsentWhat,
        Ui::ConsentQuestionnaire,
        Ui::ConsentLanguage,
        Ui::ConsentMonth,
        Ui::ConsentResult,
        Ui::ConsentAnswers,
        Ui::ConsentRandomized,
        Ui::ConsentNothingElse,
        Ui::ConsentId,
        Ui::ConsentPartner,
        Ui::ConsentPrivacy,
        Ui::ConsentChangedAtRandom,
        Ui::SendNoRandomness,
        Ui::Send,
        Ui::DontSend,
        Ui::Sending,
        Ui::Sent,
        Ui::Queued,
        Ui::SendFailed,
        Ui::NotSent,
        Ui::Progress,
        Ui::Minutes,
        Ui::VerifiedOn,
        Ui::ReachableFrom,
        Ui::UnsureCounts,
        Ui::UnsureCountsOne,
        Ui::CountryTj,
        Ui::CountryRu,
        Ui::CountryKz,
        Ui::CountryUz,
        Ui::CountryKg,
        Ui::CountryAny,
        Ui::NotSafeNow,
        Ui::CallName,
        Ui::CallNumber,
        Ui::ChangeLanguage,
        Ui::ShiftOnceMore,
        Ui::ShiftTwiceMore,
    ];

    /// The stable key translators see (`msgctxt` in PO files): the variant's name.
    pub fn key(self) -> &'static str {
        KEYS[self as usize]
    }

    /// The string with this key.
    pub fn from_key(key: &str) -> Option<Ui> {
        KEYS.iter().position(|k| *k == key).map(|i| Ui::ALL[i])
    }
}

const KEYS: [&str; 75] = [
    "Start",
    "Next",
    "Back",
    "Skip",
    "DontKnow",
    "QuickExit",
    "Language",
    "StartAgain",
    "YourResult",
    "Signs",
    "NoSigns",
    "NextSteps",
    "WhoCanHelp",
    "WhereNow",
    "PlaceTj",
    "PlaceRu",
    "PlaceKz",
    "PlaceOther",
    "MoreContacts",
    "FindOut",
    "NotAnswered",
    "NotAnsweredAdvice",
    "ShiftHint",
    "Loading",
    "AnswersStay",
    "NothingSent",
    "SendOnlyIfAgreed",
    "SkipAny",
    "NobodyWatching",
    "ChooseAll",
    "AnswerRequired",
    "Hours",
    "NotVerified",
    "ExampleContacts",
    "LoadFailed",
    "FormError",
    "ConsentTitle",
    "ConsentWhat",
    "ConsentQuestionnaire",
    "ConsentLanguage",
    "ConsentMonth",
    "ConsentResult",
    "ConsentAnswers",
    "ConsentRandomized",
    "ConsentNothingElse",
    "ConsentId",
    "ConsentPartner",
    "ConsentPrivacy",
    "ConsentChangedAtRandom",
    "SendNoRandomness",
    "Send",
    "DontSend",
    "Sending",
    "Sent",
    "Queued",
    "SendFailed",
    "NotSent",
    "Progress",
    "Minutes",
    "VerifiedOn",
    "ReachableFrom",
    "UnsureCounts",
    "UnsureCountsOne",
    "CountryTj",
    "CountryRu",
    "CountryKz",
    "CountryUz",
    "CountryKg",
    "CountryAny",
    "NotSafeNow",
    "CallName",
    "CallNumber",
    "ChangeLanguage",
    "ShiftOnceMore",
    "ShiftTwiceMore",
];

/// Rows in `Ui` order; columns tg, ru, uz-Cyrl, uz-Latn, en (the order of [`Locale::ALL`]).
/// An empty cell is a missing translation: [`Ui::text`] falls back (see [`Locale::fallbacks`]).
// BEGIN UI TABLE: written by `screening-i18n import`; edit here or through a PO file.
#[rustfmt::skip]
pub const TABLE: &[[&str; 5]] = &[
    // Start
    ["Оғоз", "Начать", "Бошлаш", "Boshlash", "Start"],
    // Next
    ["Идома", "Далее", "Кейинги", "Keyingi", "Next"],
    // Back
    ["Бозгашт", "Назад", "Орқага", "Orqaga", "Back"],
    // Skip
    ["Гузаштан", "Пропустить", "Ўтказиб юбориш", "Oʻtkazib yuborish", "Skip"],
    // DontKnow
    ["Намедонам", "Не знаю", "Билмайман", "Bilmayman", "I don't know"],
    // QuickExit
    ["Зуд баромадан", "Быстро уйти", "Тезда чиқиш", "Tezda chiqish", "Leave quickly"],
    // Language
    ["Забон", "Язык", "Тил", "Til", "Language"],
    // StartAgain
    ["Аз нав оғоз кардан", "Начать заново", "Қайтадан бошлаш", "Qaytadan boshlash", "Start again"],
    // YourResult
    ["Натиҷаи шумо", "Ваш результат", "Натижангиз", "Natijangiz", "Your result"],
    // Signs
    ["Нишонаҳо дар ҷавобҳои шумо", "Признаки в ваших ответах", "Жавобларингиздаги белгилар", "Javoblaringizdagi belgilar", "Signs in your answers"],
    // NoSigns
    ["Дар ҷавобҳои шумо нишонае ёфт нашуд.", "В ваших ответах признаков не найдено.", "Жавобларингизда белгилар топилмади.", "Javoblaringizda belgilar topilmadi.", "No signs were found in your answers."],
    // NextSteps
    ["Қадамҳои навбатӣ", "Что делать дальше", "Кейинги қадамлар", "Keyingi qadamlar", "Next steps"],
    // WhoCanHelp
    ["Кӣ кӯмак карда метавонад", "Кто может помочь", "Ким ёрдам бера олади", "Kim yordam bera oladi", "Who can help"],
    // WhereNow
    ["Ҳоло шумо дар куҷо ҳастед?", "Где вы сейчас?", "Ҳозир қаердасиз?", "Hozir qayerdasiz?", "Where are you now?"],
    // PlaceTj
    ["Дар Тоҷикистон", "В Таджикистане", "Тожикистонда", "Tojikistonda", "In Tajikistan"],
    // PlaceRu
    ["Дар Русия", "В России", "Россияда", "Rossiyada", "In Russia"],
    // PlaceKz
    ["Дар Қазоқистон", "В Казахстане", "Қозоғистонда", "Qozogʻistonda", "In Kazakhstan"],
    // PlaceOther
    ["Дар ҷои дигар", "В другом месте", "Бошқа жойда", "Boshqa joyda", "Elsewhere"],
    // MoreContacts
    ["Тамосҳои дигар", "Другие контакты", "Бошқа алоқалар", "Boshqa aloqalar", "More contacts"],
    // FindOut
    ["Инро бифаҳмед", "Что стоит выяснить", "Нимани аниқлаш керак", "Nimani aniqlash kerak", "Things to find out"],
    // NotAnswered
    ["Барои хулоса ҷавобҳо кофӣ нестанд", "Недостаточно ответов для вывода", "Хулоса учун жавоблар етарли эмас", "Xulosa uchun javoblar yetarli emas", "Not enough answers to tell"],
    // NotAnsweredAdvice
    ["Шумо ба саволҳои ин қисм ҷавоб надодед, бинобар ин гуфтан мумкин нест, ки нишонаҳо ҳастанд ё не.", "Вы не ответили на вопросы этой части, поэтому нельзя сказать, есть ли признаки.", "Бу қисмдаги саволларга жавоб бермадингиз, шунинг учун белгилар бор-йўқлигини айтиб бўлмайди.", "Bu qismdagi savollarga javob bermadingiz, shuning uchun belgilar bor-yoʻqligini aytib boʻlmaydi.", "You did not answer the questions in this part, so it cannot say whether there are signs."],
    // ShiftHint
    ["Се бор пахш кардани тугмаи Shift низ саҳифаро фавран мепӯшад.", "Три нажатия Shift тоже сразу закрывают страницу.", "Shift тугмасини уч марта босиш ҳам саҳифани дарҳол ёпади.", "Shift tugmasini uch marta bosish ham sahifani darhol yopadi.", "Pressing Shift three times also closes it at once."],
    // Loading
    ["Бор мешавад…", "Загрузка…", "Юкланмоқда…", "Yuklanmoqda…", "Loading…"],
    // AnswersStay
    ["Ҷавобҳои шумо дар ҳамин дастгоҳ мемонанд.", "Ваши ответы остаются на этом устройстве.", "Жавобларингиз шу қурилмада қолади.", "Javoblaringiz shu qurilmada qoladi.", "Your answers stay on this device."],
    // NothingSent
    ["Ҳеҷ чиз ба ҷое фиристода намешавад.", "Ничего никуда не отправляется.", "Ҳеч нарса ҳеч қаерга юборилмайди.", "Hech narsa hech qayerga yuborilmaydi.", "Nothing is sent anywhere."],
    // SendOnlyIfAgreed
    ["Бе розигии шумо ҳеҷ чиз фиристода намешавад.", "Без вашего согласия ничего не отправляется.", "Розилигингизсиз ҳеч нарса юборилмайди.", "Roziligingizsiz hech narsa yuborilmaydi.", "Nothing is sent unless you agree."],
    // SkipAny
    ["Ҳар саволро гузаронидан ё «Намедонам» ҷавоб додан мумкин аст.", "Любой вопрос можно пропустить или ответить «Не знаю».", "Исталган саволни ўтказиб юбориш ёки «Билмайман» деб жавоб бериш мумкин.", "Istalgan savolni oʻtkazib yuborish yoki «Bilmayman» deb javob berish mumkin.", "You can skip any question or answer \"I don't know\"."],
    // NobodyWatching
    ["Онро дар ҷое пур кунед, ки касе шуморо намебинад. Тугмаи «Зуд баромадан» саҳифаро фавран мепӯшад.", "Заполняйте там, где за вами никто не наблюдает. Кнопка «Быстро уйти» сразу закрывает страницу.", "Буни ҳеч ким кузатмайдиган жойда тўлдиринг. «Тезда чиқиш» тугмаси саҳифани дарҳол ёпади.", "Buni hech kim kuzatmaydigan joyda toʻldiring. «Tezda chiqish» tugmasi sahifani darhol yopadi.", "Do this where nobody is watching you. The \"Leave quickly\" button closes the page at once."],
    // ChooseAll
    ["Ҳамаи ҷавобҳои мувофиқро интихоб кунед.", "Отметьте все подходящие ответы.", "Мос келадиган барча жавобларни белгиланг.", "Mos keladigan barcha javoblarni belgilang.", "Choose all that apply."],
    // AnswerRequired
    ["Лутфан, ба ин савол ҷавоб диҳед.", "Пожалуйста, ответьте на этот вопрос.", "Илтимос, бу саволга жавоб беринг.", "Iltimos, bu savolga javob bering.", "Please answer this question."],
    // Hours
    ["Вақти корӣ", "Часы работы", "Иш вақти", "Ish vaqti", "Hours"],
    // NotVerified
    ["Намуна: ҳанӯз санҷида нашудааст", "Пример: ещё не проверено", "Намуна: ҳали текширилмаган", "Namuna: hali tekshirilmagan", "Example: not yet verified"],
    // ExampleContacts
    ["Ин тамосҳо метавонанд кӯҳна бошанд. Агар яке ҷавоб надиҳад, ба дигаре муроҷиат кунед.", "Эти контакты могут быть устаревшими. Если один не отвечает, попробуйте другой.", "Бу алоқалар эскирган бўлиши мумкин. Бири жавоб бермаса, бошқасини синаб кўринг.", "Bu aloqalar eskirgan boʻlishi mumkin. Biri javob bermasa, boshqasini sinab koʻring.", "These contacts may be out of date. If one does not answer, try another."],
    // LoadFailed
    ["Саволнома бор нашуд. Саҳифаро аз нав кушоед.", "Не удалось загрузить опрос. Обновите страницу.", "Сўровнома юкланмади. Саҳифани янгиланг.", "Soʻrovnoma yuklanmadi. Sahifani yangilang.", "The questionnaire could not be loaded. Please reload the page."],
    // FormError
    ["Ин шакл дуруст танзим нашудааст. Ба соҳиби сомона хабар диҳед.", "Эта форма настроена неверно. Сообщите владельцу сайта.", "Бу шакл нотўғри созланган. Сайт эгасига хабар беринг.", "Bu shakl notoʻgʻri sozlangan. Sayt egasiga xabar bering.", "This form is not set up correctly. Please tell the site's owner."],
    // ConsentTitle
    ["Бо ин натиҷа ба дигарон беном кӯмак мекунед?", "Поделиться этим результатом анонимно, чтобы помочь другим?", "Бошқаларга ёрдам бериш учун бу натижани аноним улашасизми?", "Boshqalarga yordam berish uchun bu natijani anonim ulashasizmi?", "Share this result anonymously to help others?"],
    // ConsentWhat
    ["Агар розӣ бошед, ин саҳифа ба ташкилоте, ки онро пеш мебарад, танҳо инро мефиристад:", "Если вы согласны, эта страница отправит организации, которая её ведёт, только следующее:", "Рози бўлсангиз, бу саҳифа уни юритаётган ташкилотга фақат қуйидагиларни юборади:", "Rozi boʻlsangiz, bu sahifa uni yuritayotgan tashkilotga faqat quyidagilarni yuboradi:", "If you agree, this page sends only the following to the organisation that runs it:"],
    // ConsentQuestionnaire
    ["кадом санҷиш буд ва версияи он;", "какая это была проверка и её версия;", "бу қайси текширув экани ва унинг версияси;", "bu qaysi tekshiruv ekani va uning versiyasi;", "which check this was, and its version;"],
    // ConsentLanguage
    ["забони шумо;", "ваш язык;", "тилингиз;", "tilingiz;", "your language;"],
    // ConsentMonth
    ["моҳи ҷорӣ (на рӯз ва на вақт);", "текущий месяц (не день и не время);", "жорий ой (кун ҳам, вақт ҳам эмас);", "joriy oy (kun ham, vaqt ham emas);", "this month (not the day or time);"],
    // ConsentResult
    ["натиҷаи шумо барои ҳар яке аз ин қисмҳо:", "ваш результат по каждой из этих частей:", "ушбу қисмларнинг ҳар бири бўйича натижангиз:", "ushbu qismlarning har biri boʻyicha natijangiz:", "your result for each of these parts:"],
    // ConsentAnswers
    ["ҷавобҳои шумо ба ин саволҳо:", "ваши ответы на эти вопросы:", "ушбу саволларга жавобларингиз:", "ushbu savollarga javoblaringiz:", "your answers to these questions:"],
    // ConsentRandomized
    ["Ҷавобҳое, ки бо «тасодуфан иваз мешавад» қайд шудаанд, ва натиҷаҳое, ки ба онҳо вобастаанд, пеш аз фиристодан баъзан тасодуфан бо ҷавоби дигар иваз карда мешаванд. Бинобар ин аз рӯи гузориш аниқ донистан мумкин нест, ки шумо ба ин саволҳо чӣ ҷавоб додед, гарчанде як ҷавоб метавонад аз дигараш эҳтимолтар намояд. Ҷавобҳои дигари шумо ҳамон тавре, ки додед, фиристода мешаванд.", "Ответы с пометкой «меняется случайно» и зависящие от них результаты перед отправкой иногда случайно заменяются другими. Поэтому по отчёту нельзя точно узнать, что вы ответили на эти вопросы, хотя один ответ может казаться вероятнее другого. Остальные ответы отправляются такими, какими вы их дали.", "«Тасодифий ўзгартирилади» деб белгиланган жавоблар ва уларга боғлиқ натижалар юборишдан олдин баъзан тасодифий равишда бошқа жавоб билан алмаштирилади. Шунинг учун ҳисоботдан бу саволларга нима деб жавоб берганингизни аниқ билиб бўлмайди, гарчи бир жавоб бошқасидан эҳтимоллироқ кўриниши мумкин. Бошқа жавобларингиз сиз бергандек юборилади.", "«Tasodifiy oʻzgartiriladi» deb belgilangan javoblar va ularga bogʻliq natijalar yuborishdan oldin baʼzan tasodifiy ravishda boshqa javob bilan almashtiriladi. Shuning uchun hisobotdan bu savollarga nima deb javob berganingizni aniq bilib boʻlmaydi, garchi bir javob boshqasidan ehtimolliroq koʻrinishi mumkin. Boshqa javoblaringiz siz bergandek yuboriladi.", "Answers marked ‘changed at random’, and the results that depend on them, are sometimes replaced by another answer at random before sending. So a report does not show for sure what you answered to those questions, though it can make one answer look more likely than another. Your other answers are sent exactly as you gave them."],
    // ConsentNothingElse
    ["Дигар чизе дар гузориш нест: на ном, на телефон, на суроға. Ҳангоми фиристодан сервери ташкилот, мисли ҳар сомона, суроғаи интернетии (IP) дастгоҳ ва браузери шуморо мебинад; ҷамъкунандаи гузоришҳо онҳоро нигоҳ намедорад.", "Больше в отчёте ничего нет: ни имени, ни телефона, ни адреса. При отправке сервер организации, как любой сайт, видит интернет-адрес (IP) вашего устройства и ваш браузер; сборщик отчётов их не сохраняет.", "Ҳисоботда бошқа ҳеч нарса йўқ: исм, телефон ёки манзил ҳам. Юборилганда ташкилот сервери, ҳар қандай сайт каби, қурилмангизнинг интернет манзилини (IP) ва браузерингизни кўради; ҳисоботларни йиғувчи уларни сақламайди.", "Hisobotda boshqa hech narsa yoʻq: ism, telefon yoki manzil ham. Yuborilganda tashkilot serveri, har qanday sayt kabi, qurilmangizning internet manzilini (IP) va brauzeringizni koʻradi; hisobotlarni yigʻuvchi ularni saqlamaydi.", "Nothing else is in the report: not your name, phone number or address. When it is sent, the organisation's server also sees, as any website does, your device's internet (IP) address and which browser you use; the report collector does not store them."],
    // ConsentId
    ["рақами тасодуфӣ, то як гузориш ду бор ҳисоб нашавад;", "случайный номер, чтобы один отчёт не посчитали дважды;", "битта ҳисобот икки марта ҳисобланмаслиги учун тасодифий рақам;", "bitta hisobot ikki marta hisoblanmasligi uchun tasodifiy raqam;", "a random number, so the same report is not counted twice;"],
    // ConsentPartner
    ["тамғаи ташкилоте, ки ин саҳифа аз они он аст:", "метка организации, чья это страница:", "бу саҳифа тегишли бўлган ташкилот белгиси:", "bu sahifa tegishli boʻlgan tashkilot belgisi:", "the tag of the organisation whose page this is:"],
    // ConsentPrivacy
    ["усули ҳифзи ҷавобҳо ва танзими он;", "способ защиты ответов и его настройка;", "жавобларни ҳимоя қилиш усули ва унинг созламаси;", "javoblarni himoya qilish usuli va uning sozlamasi;", "how the answers are protected (the method and its setting);"],
    // ConsentChangedAtRandom
    ["(тасодуфан иваз мешавад)", "(меняется случайно)", "(тасодифий ўзгартирилади)", "(tasodifiy oʻzgartiriladi)", "(changed at random)"],
    // SendNoRandomness
    ["Фиристода нашуд: ин браузер рақамҳои тасодуфиеро, ки ҷавобҳои шуморо ҳифз мекунанд, сохта наметавонад. Ҳеҷ чиз нигоҳ дошта нашуд.", "Не отправлено: этот браузер не может создать случайные числа, которые защищают ваши ответы. Ничего не сохранено.", "Юборилмади: бу браузер жавобларингизни ҳимоя қиладиган тасодифий сонларни ярата олмайди. Ҳеч нарса сақланмади.", "Yuborilmadi: bu brauzer javoblaringizni himoya qiladigan tasodifiy sonlarni yarata olmaydi. Hech narsa saqlanmadi.", "Not sent: this browser cannot make the random numbers that protect your answers. Nothing was kept."],
    // Send
    ["Беном фиристодан", "Отправить анонимно", "Аноним юбориш", "Anonim yuborish", "Send anonymously"],
    // DontSend
    ["Нафиристодан", "Не отправлять", "Юбормаслик", "Yubormaslik", "Don't send"],
    // Sending
    ["Фиристода мешавад…", "Отправка…", "Юборилмоқда…", "Yuborilmoqda…", "Sending…"],
    // Sent
    ["Фиристода шуд. Ташаккур.", "Отправлено. Спасибо.", "Юборилди. Раҳмат.", "Yuborildi. Rahmat.", "Sent. Thank you."],
    // Queued
    ["Ҳоло фиристода нашуд. Гузориш дар ҳамин дастгоҳ нигоҳ дошта мешавад ва вақте ки интернет пайдо шавад, фиристода мешавад. «Зуд баромадан» онро нест мекунад.", "Пока не отправлено. Отчёт хранится на этом устройстве и отправится, когда появится интернет. «Быстро уйти» удалит его.", "Ҳозирча юборилмади. Ҳисобот шу қурилмада сақланади ва интернет пайдо бўлганда юборилади. «Тезда чиқиш» уни ўчиради.", "Hozircha yuborilmadi. Hisobot shu qurilmada saqlanadi va internet paydo boʻlganda yuboriladi. «Tezda chiqish» uni oʻchiradi.", "Not sent yet. It is kept on this device and will be sent when you are online again. Leave quickly deletes it."],
    // SendFailed
    ["Фиристода нашуд. Ҳеҷ чиз нигоҳ дошта нашуд.", "Не удалось отправить. Ничего не сохранено.", "Юбориб бўлмади. Ҳеч нарса сақланмади.", "Yuborib boʻlmadi. Hech narsa saqlanmadi.", "Could not send. Nothing was kept."],
    // NotSent
    ["Ҳеҷ чиз фиристода нашуд.", "Ничего не отправлено.", "Ҳеч нарса юборилмади.", "Hech narsa yuborilmadi.", "Nothing was sent."],
    // Progress
    ["Саволи {position} аз {total}", "Вопрос {position} из {total}", "{position}-савол, жами {total} та", "{position}-savol, jami {total} ta", "Question {position} of {total}"],
    // Minutes
    ["Тақрибан {n} дақиқа", "Примерно {n} мин.", "Тахминан {n} дақиқа", "Taxminan {n} daqiqa", "About {n} minutes"],
    // VerifiedOn
    ["Охирин санҷиш: {date}", "Проверено: {date}", "Охирги текширув: {date}", "Oxirgi tekshiruv: {date}", "Last verified {date}"],
    // ReachableFrom
    ["Аз ин кишварҳо тамос гирифтан мумкин: {names}", "Можно связаться из: {names}", "Қайси давлатдан боғланиш мумкин: {names}", "Qaysi davlatdan bogʻlanish mumkin: {names}", "Can be reached from: {names}"],
    // UnsureCounts
    ["Шумо {n} саволро гузаштед ва ба {m} савол «Намедонам» ҷавоб додед. Натиҷа танҳо ҷавобҳои додаи шуморо нишон медиҳад.", "Пропущено вопросов: {n}; ответов «Не знаю»: {m}. Результат учитывает только те ответы, которые вы дали.", "Сиз {n} та саволни ўтказиб юбордингиз ва {m} тасига «Билмайман» деб жавоб бердингиз. Натижа фақат берган жавобларингизни акс эттиради.", "Siz {n} ta savolni oʻtkazib yubordingiz va {m} tasiga «Bilmayman» deb javob berdingiz. Natija faqat bergan javoblaringizni aks ettiradi.", "You skipped {n} questions and answered ‘I don't know’ to {m}. The result only reflects the answers you gave."],
    // UnsureCountsOne
    ["Шумо {n} саволро гузаштед ва ба {m} савол «Намедонам» ҷавоб додед. Натиҷа танҳо ҷавобҳои додаи шуморо нишон медиҳад.", "Пропущено вопросов: {n}; ответов «Не знаю»: {m}. Результат учитывает только те ответы, которые вы дали.", "Сиз {n} та саволни ўтказиб юбордингиз ва {m} тасига «Билмайман» деб жавоб бердингиз. Натижа фақат берган жавобларингизни акс эттиради.", "Siz {n} ta savolni oʻtkazib yubordingiz va {m} tasiga «Bilmayman» deb javob berdingiz. Natija faqat bergan javoblaringizni aks ettiradi.", "You skipped {n} question and answered ‘I don't know’ to {m}. The result only reflects the answers you gave."],
    // CountryTj
    ["Тоҷикистон", "Таджикистан", "Тожикистон", "Tojikiston", "Tajikistan"],
    // CountryRu
    ["Русия", "Россия", "Россия", "Rossiya", "Russia"],
    // CountryKz
    ["Қазоқистон", "Казахстан", "Қозоғистон", "Qozogʻiston", "Kazakhstan"],
    // CountryUz
    ["Ӯзбекистон", "Узбекистан", "Ўзбекистон", "Oʻzbekiston", "Uzbekistan"],
    // CountryKg
    ["Қирғизистон", "Киргизия", "Қирғизистон", "Qirgʻiziston", "Kyrgyzstan"],
    // CountryAny
    ["ҳар кишвар", "любая страна", "исталган давлат", "istalgan davlat", "any country"],
    // NotSafeNow
    ["Агар ҳоло дар амон набошед", "Если вы сейчас в опасности", "Агар ҳозир хавфсиз бўлмасангиз", "Agar hozir xavfsiz boʻlmasangiz", "If you are not safe now"],
    // CallName
    ["Занг задан: {name}, {number}", "Позвонить: {name}, {number}", "Қўнғироқ қилиш: {name}, {number}", "Qoʻngʻiroq qilish: {name}, {number}", "Call {name}: {number}"],
    // CallNumber
    ["Занг задан: {number}", "Позвонить: {number}", "Қўнғироқ қилиш: {number}", "Qoʻngʻiroq qilish: {number}", "Call {number}"],
    // ChangeLanguage
    ["Иваз кардан", "Сменить", "Ўзгартириш", "Oʻzgartirish", "Change"],
    // ShiftOnceMore
    ["Барои зуд баромадан Shift-ро боз як бор пахш кунед.", "Нажмите Shift ещё раз, чтобы быстро уйти.", "Тезда чиқиш учун Shift тугмасини яна бир марта босинг.", "Tezda chiqish uchun Shift tugmasini yana bir marta bosing.", "Press Shift once more to leave quickly."],
    // ShiftTwiceMore
    ["Барои зуд баромадан Shift-ро боз 2 бор пахш кунед.", "Нажмите Shift ещё 2 раза, чтобы быстро уйти.", "Тезда чиқиш учун Shift тугмасини яна 2 марта босинг.", "Tezda chiqish uchun Shift tugmasini yana 2 marta bosing.", "Press Shift 2 more times to leave quickly."],
];
// END UI TABLE

impl Ui {
    /// The text in `locale`, else in the first of its fallbacks that has it (the other script of
    /// the same language, Russian, English).
    pub fn text(self, locale: Locale) -> &'static str {
        cell(&TABLE[self as usize], locale)
    }

    /// Whether `locale` has its own text for this string (no fallback needed).
    pub fn translated(self, locale: Locale) -> bool {
        !TABLE[self as usize][locale as usize].is_empty()
    }
}

impl Ui {
    /// Where the string appears (screen and element) and, for labels that must fit a button
    /// or a heading on a 320 px phone, the most characters it may have in any locale: the
    /// translator's note for this string in its PO file.
    pub fn note(self) -> (&'static str, Option<usize>) {
        match self {
            Ui::Start => (
                "Start screen: the button that begins the questions",
                Some(24),
            ),
            Ui::Next => (
                "Every question: the button to the next question, beside Back and Skip",
                Some(16),
            ),
            Ui::Back => (
                "Every question: the button to the previous question, beside Next and Skip",
                Some(16),
            ),
            Ui::Skip => (
                "Every question: the button that leaves the question unanswered",
                Some(24),
            ),
            Ui::DontKnow => (
                "Every question: the answer added under the options",
                Some(32),
            ),
            Ui::QuickExit => (
                "Toolbar at the top of every screen: the red button that closes the page at once; must fit on a 320 px phone beside the language control",
                Some(16),
            ),
            Ui::Language => ("Toolbar: the label of the language menu", Some(16)),
            Ui::StartAgain => (
                "Result: the button that clears the answers and goes back to the start",
                Some(24),
            ),
            Ui::YourResult => ("Result: the main heading", Some(32)),
            Ui::Signs => (
                "Result: heading over the reasons found in the answers",
                Some(40),
            ),
            Ui::NoSigns => (
                "Result: shown instead of reasons when none were found",
                None,
            ),
            Ui::NextSteps => ("Result: heading over the next steps of a finding", Some(32)),
            Ui::WhoCanHelp => ("Result: heading over the contacts", Some(32)),
            Ui::WhereNow => (
                "Result: the question above the place buttons that choose which contacts are listed",
                Some(40),
            ),
            Ui::PlaceTj => (
                "Result: a place button (contacts reachable in Tajikistan)",
                Some(24),
            ),
            Ui::PlaceRu => (
                "Result: a place button (contacts reachable in Russia)",
                Some(24),
            ),
            Ui::PlaceKz => (
                "Result: a place button (contacts reachable in Kazakhstan)",
                Some(24),
            ),
            Ui::PlaceOther => ("Result: a place button (anywhere else)", Some(24)),
            Ui::MoreContacts => (
                "Result: the button that shows the contacts beyond the first three",
                Some(32),
            ),
            Ui::FindOut => (
                "Result: heading over the questions answered \"I don't know\" (when the questionnaire has no heading of its own)",
                Some(40),
            ),
            Ui::NotAnswered => (
                "Result: band title of a part with no real answers",
                Some(40),
            ),
            Ui::NotAnsweredAdvice => ("Result: the advice of a part with no real answers", None),
            Ui::ShiftHint => (
                "Start screen: under the note about the Leave quickly button",
                None,
            ),
            Ui::Loading => ("Shown while the questionnaire loads", Some(24)),
            Ui::AnswersStay => ("Start screen: privacy note", None),
            Ui::NothingSent => (
                "Start screen: privacy note when the page sends nothing",
                None,
            ),
            Ui::SendOnlyIfAgreed => (
                "Start screen: privacy note when the page can send a result",
                None,
            ),
            Ui::SkipAny => ("Start screen: how answering works", None),
            Ui::NobodyWatching => ("Start screen: safety note", None),
            Ui::ChooseAll => (
                "Question with several answers: the hint under the question",
                None,
            ),
            Ui::AnswerRequired => (
                "Question: the error when a required question was left out (announced to screen readers)",
                None,
            ),
            Ui::Hours => (
                "Result, contact card: the label before the opening hours",
                Some(16),
            ),
            Ui::NotVerified => (
                "Result, contact card: a badge on a contact nobody has checked yet",
                Some(32),
            ),
            Ui::ExampleContacts => ("Result: note over the built-in example contacts", None),
            Ui::LoadFailed => (
                "Shown in place of the questionnaire when it could not be loaded",
                None,
            ),
            Ui::FormError => (
                "Shown in place of the questionnaire when the page's settings are wrong (for the site's owner)",
                None,
            ),
            Ui::ConsentTitle => (
                "Result: heading of the question whether to share the result",
                Some(72),
            ),
            Ui::ConsentWhat => (
                "Result, sharing: the sentence before the list of what would be sent",
                None,
            ),
            Ui::ConsentQuestionnaire => (
                "Result, sharing: an item of the list of what would be sent",
                None,
            ),
            Ui::ConsentLanguage => (
                "Result, sharing: an item of the list of what would be sent",
                None,
            ),
            Ui::ConsentMonth => (
                "Result, sharing: an item of the list of what would be sent",
                None,
            ),
            Ui::ConsentResult => (
                "Result, sharing: an item of the list, followed by the parts' titles",
                None,
            ),
            Ui::ConsentAnswers => (
                "Result, sharing: an item of the list, followed by the questions",
                None,
            ),
            Ui::ConsentRandomized => (
                "Result, sharing: what randomization does, under the list",
                None,
            ),
            Ui::ConsentNothingElse => (
                "Result, sharing: what is not sent and what the server sees",
                None,
            ),
            Ui::ConsentId => (
                "Result, sharing: an item of the list of what would be sent",
                None,
            ),
            Ui::ConsentPartner => (
                "Result, sharing: an item of the list, followed by the tag",
                None,
            ),
            Ui::ConsentPrivacy => (
                "Result, sharing: an item of the list of what would be sent",
                None,
            ),
            Ui::ConsentChangedAtRandom => (
                "Result, sharing: the mark after an answer or part that is randomized",
                Some(32),
            ),
            Ui::SendNoRandomness => (
                "Result, sharing: status when the browser cannot randomize",
                None,
            ),
            Ui::Send => ("Result, sharing: the button that sends", Some(24)),
            Ui::DontSend => ("Result, sharing: the button that declines", Some(24)),
            Ui::Sending => ("Result, sharing: status while sending", Some(24)),
            Ui::Sent => ("Result, sharing: status after sending", Some(32)),
            Ui::Queued => (
                "Result, sharing: status when offline and the partner keeps a queue",
                None,
            ),
            Ui::SendFailed => ("Result, sharing: status when sending failed", None),
            Ui::NotSent => ("Result, sharing: status after declining", Some(32)),
            Ui::Progress => (
                "Every question: the progress line above the question (also read by screen readers)",
                Some(40),
            ),
            Ui::Minutes => ("Start screen: how long the check takes", Some(32)),
            Ui::VerifiedOn => (
                "Result, contact card: when the number was last checked",
                Some(40),
            ),
            Ui::ReachableFrom => (
                "Result, contact card: the countries from which the number works, a list follows",
                None,
            ),
            Ui::UnsureCounts => (
                "Result: how many questions were skipped or not known (several)",
                None,
            ),
            Ui::UnsureCountsOne => (
                "Result: how many questions were skipped or not known (one skipped)",
                None,
            ),
            Ui::CountryTj => (
                "Result, contact card: a country in the list of where a number works",
                Some(20),
            ),
            Ui::CountryRu => (
                "Result, contact card: a country in the list of where a number works",
                Some(20),
            ),
            Ui::CountryKz => (
                "Result, contact card: a country in the list of where a number works",
                Some(20),
            ),
            Ui::CountryUz => (
                "Result, contact card: a country in the list of where a number works",
                Some(20),
            ),
            Ui::CountryKg => (
                "Result, contact card: a country in the list of where a number works",
                Some(20),
            ),
            Ui::CountryAny => (
                "Result, contact card: a number that works from any country",
                Some(24),
            ),
            Ui::NotSafeNow => (
                "Result: heading of the urgent block at the top (numbers to call now)",
                Some(40),
            ),
            Ui::CallName => (
                "Result: what a screen reader says for a phone link (organisation and number)",
                None,
            ),
            Ui::CallNumber => (
                "Result: what a screen reader says for a phone link without a name",
                None,
            ),
            Ui::ChangeLanguage => (
                "Toolbar: the button beside the language menu that applies the choice; shown in the chosen language",
                Some(16),
            ),
            Ui::ShiftOnceMore => (
                "Said and shown at the bottom of the screen after Shift was pressed twice (three presses leave the page); the loader (screening-form.js) shows it, and a test keeps its copy there equal to this row",
                None,
            ),
            Ui::ShiftTwiceMore => (
                "Said and shown at the bottom of the screen after Shift was pressed once (three presses leave the page); the loader (screening-form.js) shows it, and a test keeps its copy there equal to this row",
                None,
            ),
        }
    }
}

fn cell(row: &[&'static str; 5], locale: Locale) -> &'static str {
    std::iter::once(locale)
        .chain(locale.fallbacks().iter().copied())
        .map(|l| row[l as usize])
        .find(|t| !t.is_empty())
        .unwrap_or(row[Locale::En as usize])
}

/// The strings `locale` lacks and shows in a fallback language instead (for the console).
pub fn missing(locale: Locale) -> Vec<Ui> {
    Ui::ALL
        .into_iter()
        .filter(|u| !u.translated(locale))
        .collect()
}

/// A template with `{name}` placeholders filled in; an unknown `{...}` is kept as written.
/// One pass by hand: `str::replace` with a formatted pattern brought the widget a substring
/// searcher and cost it 1 KB of brotli (measured).
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "Question 3 of 12".
pub fn progress(locale: Locale, position: usize, total: usize) -> String {
    let (p, t) = (position.to_string(), total.to_string());
    fill(
        Ui::Progress.text(locale),
        &[("position", &p), ("total", &t)],
    )
}

/// "About 4 minutes".
pub fn minutes(locale: Locale, n: u32) -> String {
    fill(Ui::Minutes.text(locale), &[("n", &n.to_string())])
}

/// "Last verified 2026-01-15".
pub fn verified_on(locale: Locale, date: &str) -> String {
    fill(Ui::VerifiedOn.text(locale), &[("date", date)])
}

/// The accessible name of a link that calls a number: "Call IOM Tajikistan: +992 …", so a
/// screen reader says what the link does and who answers, not "☎ +992 …".
pub fn call(locale: Locale, name: Option<&str>, number: &str) -> String {
    match name {
        Some(name) => fill(
            Ui::CallName.text(locale),
            &[("name", name), ("number", number)],
        ),
        None => fill(Ui::CallNumber.text(locale), &[("number", number)]),
    }
}

/// "Can be reached from: Russia, Kazakhstan" (where a person can contact it from, not where
/// its office is).
pub fn reachable_from(locale: Locale, countries: &[String]) -> String {
    let names: Vec<String> = countries.iter().map(|c| country(locale, c)).collect();
    fill(
        Ui::ReachableFrom.text(locale),
        &[("names", &names.join(", "))],
    )
}

/// "You skipped 2 questions and answered ‘I don't know’ to 1. ..." (the result must say that
/// unsure answers were not counted). Integers only: no float formatting in the wasm.
pub fn unsure_counts(locale: Locale, skipped: usize, dont_know: usize) -> String {
    let template = if skipped == 1 {
        Ui::UnsureCountsOne
    } else {
        Ui::UnsureCounts
    };
    let (n, m) = (skipped.to_string(), dont_know.to_string());
    fill(template.text(locale), &[("n", &n), ("m", &m)])
}

/// A country's name for the countries migrants move between; others as their code.
pub fn country(locale: Locale, code: &str) -> String {
    let name = match code {
        "tj" => Ui::CountryTj,
        "ru" => Ui::CountryRu,
        "kz" => Ui::CountryKz,
        "uz" => Ui::CountryUz,
        "kg" => Ui::CountryKg,
        "any" => Ui::CountryAny,
        _ => return code.to_ascii_uppercase(),
    };
    name.text(locale).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_every_known_placeholder_and_keep_the_rest() {
        let v = [("n", "2"), ("m", "10")];
        assert_eq!(fill("{n} of {m}, {n}", &v), "2 of 10, 2");
        assert_eq!(fill("{x} {n", &v), "{x} {n");
        assert_eq!(fill("{{n}}", &v), "{2}");
        assert_eq!(fill("", &v), "");
        assert_eq!(fill("Саволи {n}", &v), "Саволи 2");
    }

    proptest::proptest! {
        /// The same as replacing each `{name}` in turn, whenever values hold no braces.
        #[test]
        fn fill_is_replace(template in "[a-z{} ]{0,30}", a in "[a-z ]{0,5}", b in "[a-z ]{0,5}") {
            let values = [("a", a.as_str()), ("b", b.as_str())];
            let mut expected = template.clone();
            for (name, value) in values {
                expected = expected.replace(&format!("{{{name}}}"), value);
            }
            proptest::prop_assert_eq!(fill(&template, &values), expected);
        }
    }

    #[test]
    fn every_string_is_present_in_every_locale() {
        assert_eq!(Ui::ALL.len(), TABLE.len(), "TABLE rows follow Ui");
        for (i, ui) in Ui::ALL.into_iter().enumerate() {
            assert_eq!(ui as usize, i);
            assert_eq!(Ui::from_key(ui.key()), Some(ui));
            for locale in Locale::ALL {
                assert!(ui.translated(locale), "{} lacks {locale}", ui.key());
                assert!(!ui.text(locale).trim().is_empty());
            }
        }
        assert_eq!(Ui::Start.text(Locale::Tg), "Оғоз");
        assert_eq!(Ui::DontKnow.text(Locale::Ru), "Не знаю");
        assert_eq!(Ui::Start.text(Locale::UzLatn), "Boshlash");
        assert_eq!(Ui::Start.text(Locale::UzCyrl), "Бошлаш");
    }

    #[test]
    fn a_missing_cell_falls_back_along_the_chain() {
        let row = ["", "Далее", "", "Keyingi", "Next"];
        assert_eq!(cell(&row, Locale::Tg), "Далее");
        assert_eq!(cell(&row, Locale::UzCyrl), "Keyingi");
        let row = ["", "", "", "", "Next"];
        assert_eq!(cell(&row, Locale::UzLatn), "Next");
        assert_eq!(cell(&row, Locale::Tg), "Next");
    }

    #[test]
    fn formatted_strings() {
        assert_eq!(progress(Locale::En, 3, 12), "Question 3 of 12");
        assert_eq!(progress(Locale::Tg, 3, 12), "Саволи 3 аз 12");
        assert_eq!(progress(Locale::UzLatn, 3, 12), "3-savol, jami 12 ta");
        assert_eq!(minutes(Locale::Ru, 5), "Примерно 5 мин.");
        assert_eq!(
            reachable_from(Locale::Ru, &["ru".into(), "xx".into()]),
            "Можно связаться из: Россия, XX"
        );
        assert_eq!(
            unsure_counts(Locale::En, 1, 2),
            "You skipped 1 question and answered ‘I don't know’ to 2. The result only reflects the answers you gave."
        );
        assert_eq!(
            unsure_counts(Locale::En, 3, 0),
            "You skipped 3 questions and answered ‘I don't know’ to 0. The result only reflects the answers you gave."
        );
        assert!(unsure_counts(Locale::Ru, 3, 0).contains("вопросов: 3"));
    }
}
