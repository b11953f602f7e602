//! Assisted mode's own words, in every locale: what the caseworker reads (in their language) and
//! the lines they read aloud (in the person's). Questionnaire content comes from the definition,
//! as in the self-check; these are the same for every questionnaire.
//!
//! All of it is a draft until native speakers have reviewed it. A missing cell falls back along
//! [`Locale::fallbacks`], as the self-check's table does.

use crate::definition::{DelphiDimension, Strength};
use crate::locale::Locale;

/// One piece of assisted mode's text. Rows are `[tg, ru, uz-Cyrl, uz-Latn, en]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Say {
    Title,
    YourLanguage,
    PersonLanguage,
    EndAndClear,
    Cleared,
    Yes,
    No,
    Continue,
    ReadAloud,
    // Before you start
    BeforeStart,
    NotStored,
    SafeToTalk,
    Interpreter,
    InterpreterNone,
    InterpreterIndependent,
    InterpreterRelated,
    Under18,
    ConsentScript,
    Agreed,
    Begin,
    AnswerAll,
    TickAgreed,
    StoppedTitle,
    StoppedText,
    ChildTitle,
    ChildText,
    ChildNoContact,
    // Safety first
    SafetyTitle,
    DangerNow,
    UrgentMedical,
    SafePlaceTonight,
    DoesNotWant,
    UrgentTitle,
    UrgentDanger,
    UrgentMedicalText,
    UrgentShelter,
    EndHere,
    ContinueScreening,
    NoNumbers,
    // Questions and observations
    ForYou,
    ObservationsTitle,
    ObservationsHint,
    // Summary
    SummaryTitle,
    GroundsToRefer,
    NotEnough,
    NotADecision,
    ElementRecruitment,
    ElementPurpose,
    ElementMeans,
    Positive,
    SomeSigns,
    NoSignInAnswers,
    NotAsked,
    Unknowns,
    FromAnswer,
    FromObservation,
    Strong,
    Medium,
    Weak,
    Noted,
    Concerned,
    SelfCheckBands,
    ToReferral,
    // Referral
    ReferralTitle,
    ReferralAsk,
    Identification,
    LegalAid,
    Shelter,
    Medical,
    Consulate,
    Later,
    PrintSheet,
    NoSheet,
    InfoCardTitle,
    InfoCardText,
    PrintCard,
    TbSlipButton,
    TbSlipTitle,
    TbSlipText,
    // The sheet
    SheetTitle,
    SheetDate,
    SheetQuestionnaire,
    SheetCode,
    SheetCodeHint,
    SheetSafety,
    SheetObserved,
    SheetBands,
    SheetAgreed,
    SheetNextSteps,
    SheetContacts,
    SheetNoIdentity,
    SheetConcerned,
}

impl Say {
    /// The text in `locale`, or in the first of its fallbacks that has it.
    pub fn text(self, locale: Locale) -> &'static str {
        let row = self.row();
        std::iter::once(locale)
            .chain(locale.fallbacks().iter().copied())
            .map(|l| row[l as usize])
            .find(|t| !t.is_empty())
            .unwrap_or(row[Locale::En as usize])
    }

    /// `{n}` and `{m}` filled in.
    pub fn fill(self, locale: Locale, n: u32, m: u32) -> String {
        self.text(locale)
            .replace("{n}", &n.to_string())
            .replace("{m}", &m.to_string())
    }

    fn row(self) -> [&'static str; 5] {
        use Say::*;
        match self {
            Title => ["Санҷиш бо мушовир", "Опрос с консультантом", "", "", "Assisted screening"],
            YourLanguage => ["Забони шумо", "Ваш язык", "", "", "Your language"],
            PersonLanguage => ["Забони шахс", "Язык человека", "", "", "The person's language"],
            EndAndClear => ["Анҷом ва тоза кардан", "Завершить и очистить", "", "", "End and clear"],
            Cleared => [
                "Ҳама ҷавобҳо тоза карда шуданд. Ҳеҷ чиз нигоҳ дошта нашуд.",
                "Все ответы стёрты. Ничего не сохранено.",
                "",
                "",
                "Everything was cleared. Nothing was kept.",
            ],
            Yes => ["Ҳа", "Да", "Ҳа", "Ha", "Yes"],
            No => ["Не", "Нет", "Йўқ", "Yoʻq", "No"],
            Continue => ["Идома", "Далее", "", "", "Continue"],
            ReadAloud => ["Бо овози баланд хонед", "Прочитайте вслух", "", "", "Read aloud"],
            BeforeStart => ["Пеш аз оғоз", "Перед началом", "", "", "Before you start"],
            NotStored => [
                "Ҷавобҳои ин саҳифа ҳисоб карда намешаванд ва нигоҳ дошта намешаванд.",
                "Ответы на этой странице не оцениваются и не сохраняются.",
                "",
                "",
                "Nothing on this page is scored or stored.",
            ],
            SafeToTalk => [
                "Оё шахс бо шумо (ва тарҷумон) танҳост ва дар ин ҷо гап задан бехатар аст?",
                "Человек наедине с вами (и переводчиком), и здесь безопасно говорить?",
                "",
                "",
                "Is the person alone with you (and the interpreter), and is it safe to talk here?",
            ],
            Interpreter => ["Кӣ тарҷума мекунад?", "Кто переводит?", "", "", "Who interprets?"],
            InterpreterNone => [
                "Тарҷумон лозим нест",
                "Переводчик не нужен",
                "",
                "",
                "No interpreter is needed",
            ],
            InterpreterIndependent => [
                "Тарҷумони мустақил",
                "Независимый переводчик",
                "",
                "",
                "An independent interpreter",
            ],
            InterpreterRelated => [
                "Аъзои оила, корфармо ё ҳамкор",
                "Член семьи, работодатель или коллега",
                "",
                "",
                "A family member, the employer or a co-worker",
            ],
            Under18 => [
                "Оё шахс аз 18 сола хурд аст?",
                "Человеку меньше 18 лет?",
                "",
                "",
                "Is the person under 18?",
            ],
            ConsentScript => [
                "Ман мехоҳам дар бораи кор дар хориҷа ва саломатии шумо чанд савол диҳам, то якҷоя бубинем, ки шумо чӣ гуна ёрӣ гирифта метавонед. Ҷавоб додан ҳатмӣ нест. Шумо метавонед ҳар саволро гузаронед ё ҳар вақт бас кунед, ва ин ба ёрие, ки мегиред, таъсир намерасонад. Ман номи шумо, суроға ва суханони шуморо наменависам: танҳо ҷавобҳои интихобкардаатон дар ин экран мемонанд ва пас аз анҷом ҳеҷ чиз нигоҳ дошта намешавад, агар шумо ба равон кардан розӣ набошед.",
                "Я хочу задать вам несколько вопросов о работе за границей и о здоровье, чтобы вместе понять, какую помощь вы можете получить. Отвечать не обязательно. Вы можете пропустить любой вопрос или остановиться в любой момент, и помощь от этого не изменится. Я не записываю ваше имя, адрес и ваши слова: на этом экране остаются только выбранные ответы, и после окончания ничего не сохраняется, если вы не согласитесь на направление к специалистам.",
                "",
                "",
                "I would like to ask you some questions about your work abroad and your health, so that together we can see what help you can get. You do not have to answer. You can skip any question or stop at any time, and that will not change the help you get. I do not write down your name, your address or your words: only the answers you choose stay on this screen, and nothing is kept after we finish unless you agree to a referral.",
            ],
            Agreed => [
                "Шахс розӣ шуд, ки идома диҳем.",
                "Человек согласился продолжить.",
                "",
                "",
                "The person agreed to go on.",
            ],
            Begin => ["Оғоз", "Начать", "", "", "Begin"],
            AnswerAll => [
                "Ба се саволи боло ҷавоб диҳед.",
                "Ответьте на три вопроса выше.",
                "",
                "",
                "Answer the three questions above.",
            ],
            TickAgreed => [
                "Қайд кунед, ки шахс розӣ шуд.",
                "Отметьте, что человек согласился.",
                "",
                "",
                "Tick that the person agreed.",
            ],
            StoppedTitle => ["Ҳоло идома надиҳед", "Сейчас не продолжайте", "", "", "Do not go on now"],
            StoppedText => [
                "Дар ин ҷо гап задан бехатар нест ё тарҷумон ба оила ё кори шахс наздик аст. Ҳеҷ савол дода нашуд. Вақт ва ҷои дигар, бо тарҷумони мустақил, таъин кунед.",
                "Здесь небезопасно говорить, или переводчик близок к семье или работе человека. Ни одного вопроса не задано. Договоритесь о другом времени и месте, с независимым переводчиком.",
                "",
                "",
                "It is not safe to talk here, or the interpreter is close to the person's family or work. Nothing was asked. Arrange another time and place, with an independent interpreter.",
            ],
            ChildTitle => ["Шахс аз 18 сола хурд аст", "Человеку меньше 18 лет", "", "", "The person is under 18"],
            ChildText => [
                "Ин санҷишро нагузаронед. Тартиби ҳифзи кӯдаконро, ки ташкилоти шумо дорад, иҷро кунед ва ба хадамоти ҳифзи кӯдакон муроҷиат кунед:",
                "Не проводите этот опрос. Следуйте процедуре защиты детей вашей организации и обратитесь в службу защиты детей:",
                "",
                "",
                "Do not run this screening. Follow your organisation's child-protection procedure and contact the child-protection service:",
            ],
            ChildNoContact => [
                "Барои ин сайт тамоси ҳифзи кӯдакон муайян нашудааст. Тартиби ташкилоти худро иҷро кунед.",
                "Для этого сайта не задан контакт службы защиты детей. Следуйте процедуре вашей организации.",
                "",
                "",
                "No child-protection contact is set for this site. Follow your organisation's procedure.",
            ],
            SafetyTitle => ["Аввал бехатарӣ", "Сначала безопасность", "", "", "Safety first"],
            DangerNow => [
                "Оё шумо ҳозир дар хатар ҳастед?",
                "Вы сейчас в опасности?",
                "",
                "",
                "Are you in danger now?",
            ],
            UrgentMedical => [
                "Оё ба шумо ҳозир ёрии таъҷилии духтур лозим аст?",
                "Вам сейчас срочно нужна помощь врача?",
                "",
                "",
                "Do you need a doctor urgently, now?",
            ],
            SafePlaceTonight => [
                "Оё имшаб ҷои бехатар барои хоб доред?",
                "Есть ли у вас безопасное место, где переночевать сегодня?",
                "",
                "",
                "Do you have a safe place to sleep tonight?",
            ],
            DoesNotWant => [
                "Намехоҳад ҷавоб диҳад",
                "Не хочет отвечать",
                "",
                "",
                "Does not want to answer",
            ],
            UrgentTitle => ["Ҳозир чӣ бояд кард", "Что делать сейчас", "", "", "What to do now"],
            UrgentDanger => [
                "Шахс дар хатар аст: ба рақами зерин аз ҷое, ки ӯ ҳозир ҳаст, занг занед ва агар ӯ хоҳад, бо ӯ монед.",
                "Человек в опасности: позвоните по номеру ниже, который работает там, где он сейчас, и оставайтесь с ним, если он хочет.",
                "",
                "",
                "The person is in danger: call a number below that works where they are now, and stay with them if they wish.",
            ],
            UrgentMedicalText => [
                "Ба ёрии таъҷилӣ занг занед ё шахсро ҳозир назди духтур баред.",
                "Вызовите скорую помощь или отведите человека к врачу сейчас.",
                "",
                "",
                "Call an ambulance or take the person to a doctor now.",
            ],
            UrgentShelter => [
                "Барои имшаб ҷои бехатар ёбед: ба рақами зерин занг занед.",
                "Найдите безопасное место на эту ночь: позвоните по номеру ниже.",
                "",
                "",
                "Find a safe place for tonight: call a number below.",
            ],
            EndHere => ["Дар ин ҷо анҷом додан", "Закончить здесь", "", "", "End here"],
            ContinueScreening => ["Санҷишро идома додан", "Продолжить опрос", "", "", "Continue the screening"],
            NoNumbers => [
                "Барои ин ҷо рақам нест. Ба рақами ёрии таъҷилии маҳаллӣ занг занед.",
                "Для этого места нет номера. Звоните в местную экстренную службу.",
                "",
                "",
                "No number for this place. Call the local emergency number.",
            ],
            ForYou => ["Барои шумо", "Для вас", "", "", "For you"],
            ObservationsTitle => [
                "Он чи шумо бе пурсидан дидед",
                "Что вы заметили, не спрашивая",
                "",
                "",
                "What you noticed without asking",
            ],
            ObservationsHint => [
                "Танҳо он чиро қайд кунед, ки худатон дидед ё шунидед. Дар ин бора напурсед.",
                "Отмечайте только то, что видели или слышали сами. Не спрашивайте об этом.",
                "",
                "",
                "Tick only what you saw or heard yourself. Do not ask about these.",
            ],
            SummaryTitle => ["Хулосаи нишондиҳандаҳо", "Сводка индикаторов", "", "", "Indicator summary"],
            GroundsToRefer => [
                "Барои равон кардан ба муайянкунӣ асос ҳаст",
                "Есть основания направить на идентификацию",
                "",
                "",
                "Grounds to refer for identification",
            ],
            NotEnough => [
                "Ҳоло маълумот кофӣ нест: ин хулоса нест, ки шахс қурбонии савдои одамон нашудааст.",
                "Пока недостаточно информации: это не вывод о том, что человек не пострадал от торговли людьми.",
                "",
                "",
                "Not enough information yet: this is not a finding that the person was not trafficked.",
            ],
            NotADecision => [
                "Ин санҷиш аст, на қарори муайянкунӣ.",
                "Это скрининг, а не решение об идентификации.",
                "",
                "",
                "This is a screening, not an identification decision.",
            ],
            ElementRecruitment => [
                "Ҷалб: амал ва восита",
                "Вербовка: действие и способ",
                "",
                "",
                "Recruitment: act and means",
            ],
            ElementPurpose => [
                "Мақсад: истисмор",
                "Цель: эксплуатация",
                "",
                "",
                "Purpose: exploitation",
            ],
            ElementMeans => [
                "Восита дар ҷои кор",
                "Способ в месте работы",
                "",
                "",
                "Means at destination",
            ],
            Positive => [
                "Мувофиқи қоидаи СБМ/КА мусбат",
                "Положительно по правилу МОТ/ЕК",
                "",
                "",
                "Positive by the ILO/EC rule",
            ],
            SomeSigns => ["Баъзе нишонаҳо", "Есть признаки", "", "", "Some signs"],
            NoSignInAnswers => [
                "Дар ҷавобҳои додашуда нишона нест",
                "В полученных ответах признаков нет",
                "",
                "",
                "No sign in the answers given",
            ],
            NotAsked => ["Пурсида нашуд", "Не спрашивали", "", "", "Not asked"],
            Unknowns => [
                "Бе ҷавоб ё «намедонам»: {n} аз {m}",
                "Без ответа или «не знаю»: {n} из {m}",
                "",
                "",
                "Not answered or \"don't know\": {n} of {m}",
            ],
            FromAnswer => ["ҷавоб", "ответ", "", "", "answer"],
            FromObservation => ["мушоҳида", "наблюдение", "", "", "observation"],
            Strong => ["қавӣ", "сильный", "", "", "strong"],
            Medium => ["миёна", "средний", "", "", "medium"],
            Weak => ["заиф", "слабый", "", "", "weak"],
            Noted => ["Инчунин қайд шуд", "Также отмечено", "", "", "Also noted"],
            Concerned => [
                "Ман ҳанӯз нигаронам",
                "Я по-прежнему обеспокоен(а)",
                "",
                "",
                "I remain concerned",
            ],
            SelfCheckBands => [
                "Натиҷа, чун дар худсанҷӣ",
                "Результат, как в самопроверке",
                "",
                "",
                "Result, as in the self-check",
            ],
            ToReferral => ["Ба равон кардан", "К направлению", "", "", "To the referral"],
            ReferralTitle => ["Равон кардан", "Направление", "", "", "Referral"],
            ReferralAsk => [
                "Оё розӣ ҳастед, ки мо шуморо бе номатон ба ин хадамот равон кунем?",
                "Вы согласны, чтобы мы направили вас, без вашего имени, в эту службу?",
                "",
                "",
                "Do you agree that we refer you, without your name, to this service?",
            ],
            Identification => [
                "Муайянкунӣ тавассути шарик ё СБМ",
                "Идентификация через партнёра или МОМ",
                "",
                "",
                "Identification through the partner or IOM",
            ],
            LegalAid => ["Ёрии ҳуқуқӣ", "Юридическая помощь", "", "", "Legal aid"],
            Shelter => ["Паноҳгоҳ", "Приют", "", "", "Shelter"],
            Medical => [
                "Ёрии тиббӣ ва санҷиши сил",
                "Медицинская помощь и проверка на туберкулёз",
                "",
                "",
                "Medical care and TB testing",
            ],
            Consulate => ["Консулгарӣ", "Консульство", "", "", "Consulate"],
            Later => ["Баъдтар", "Позже", "", "", "Later"],
            PrintSheet => [
                "Чоп кардани варақаи равон кардан",
                "Распечатать лист направления",
                "",
                "",
                "Print the referral sheet",
            ],
            NoSheet => [
                "Ба ягон равон кардан розигӣ нест: варақа нест. Ба шахс корти иттилоотиро диҳед.",
                "Нет согласия ни на одно направление: листа нет. Дайте человеку информационную карточку.",
                "",
                "",
                "No referral was agreed: there is no sheet. Give the person the information card.",
            ],
            InfoCardTitle => [
                "Аз куҷо ёрӣ гирифтан мумкин аст",
                "Где можно получить помощь",
                "",
                "",
                "Where you can get help",
            ],
            InfoCardText => [
                "Шумо метавонед ҳар вақт, баъдтар ҳам, ёрӣ пурсед. Ин хадамот ройгонанд:",
                "Вы можете обратиться за помощью в любое время, и позже тоже. Эти службы бесплатны:",
                "",
                "",
                "You can ask for help at any time, later too. These services are free:",
            ],
            PrintCard => [
                "Чоп кардани корти иттилоотӣ",
                "Распечатать информационную карточку",
                "",
                "",
                "Print the information card",
            ],
            TbSlipButton => [
                "Чоп кардани варақаи сил",
                "Распечатать направление на проверку на туберкулёз",
                "",
                "",
                "Print the TB slip",
            ],
            TbSlipTitle => [
                "Санҷиши ройгони сил",
                "Бесплатная проверка на туберкулёз",
                "",
                "",
                "Free TB test",
            ],
            TbSlipText => [
                "Ҷавобҳои шумо нишонаҳое доранд, ки барои онҳо санҷиши ройгони сил тавсия дода мешавад. Ин ташхис нест. Ин варақаро ба маркази сил баред.",
                "В ваших ответах есть признаки, при которых рекомендуется бесплатная проверка на туберкулёз. Это не диагноз. Возьмите этот листок в противотуберкулёзный центр.",
                "",
                "",
                "Your answers show signs for which a free TB test is recommended. This is not a diagnosis. Take this slip to a TB centre.",
            ],
            SheetTitle => ["Варақаи равон кардан", "Лист направления", "", "", "Referral sheet"],
            SheetDate => ["Сана", "Дата", "", "", "Date"],
            SheetQuestionnaire => ["Саволнома", "Опросник", "", "", "Questionnaire"],
            SheetCode => ["Рамзи истинод", "Код направления", "", "", "Reference code"],
            SheetCodeHint => [
                "Ин рамзро ба шакли расмӣ нависед. Он танҳо ин варақаро нишон медиҳад, на шахсро, ва ҳеҷ ҷо нигоҳ дошта намешавад.",
                "Перепишите этот код в официальную форму. Он обозначает только этот лист, а не человека, и нигде не сохраняется.",
                "",
                "",
                "Copy this code onto the official form. It names this sheet, not the person, and is kept nowhere.",
            ],
            SheetSafety => ["Бехатарӣ", "Безопасность", "", "", "Safety"],
            SheetObserved => ["Мушоҳидаҳо", "Наблюдения", "", "", "Observations"],
            SheetBands => ["Натиҷаҳо", "Результаты", "", "", "Results"],
            SheetAgreed => [
                "Шахс ба равон кардан ба ин хадамот розӣ шуд",
                "Человек согласился на направление в эти службы",
                "",
                "",
                "The person agreed to be referred to",
            ],
            SheetNextSteps => ["Қадамҳои навбатӣ", "Следующие шаги", "", "", "Next steps"],
            SheetContacts => ["Тамосҳо", "Контакты", "", "", "Contacts"],
            SheetNoIdentity => [
                "Дар ин варақа ном, санаи таваллуд, рақами ҳуҷҷат ва матни озод нест.",
                "В этом листе нет имени, даты рождения, номера документа и свободного текста.",
                "",
                "",
                "This sheet holds no name, date of birth, document number or free text.",
            ],
            SheetConcerned => [
                "Корманд ҳанӯз нигарон аст",
                "Сотрудник по-прежнему обеспокоен",
                "",
                "",
                "The caseworker remains concerned",
            ],
        }
    }

    /// The name of a dimension of the ILO/EC indicators.
    pub fn dimension(d: DelphiDimension, locale: Locale) -> &'static str {
        let row: [&str; 5] = match d {
            DelphiDimension::DeceptiveRecruitment => {
                ["Ҷалби фиребгарона", "Обманная вербовка", "", "", "Deceptive recruitment"]
            }
            DelphiDimension::CoerciveRecruitment => {
                ["Ҷалби маҷбурӣ", "Принудительная вербовка", "", "", "Coercive recruitment"]
            }
            DelphiDimension::RecruitmentByAbuseOfVulnerability => [
                "Ҷалб бо истифода аз осебпазирӣ",
                "Вербовка с использованием уязвимости",
                "",
                "",
                "Recruitment by abuse of vulnerability",
            ],
            DelphiDimension::ExploitativeConditionsOfWork => [
                "Шароити истисмори кор",
                "Эксплуататорские условия труда",
                "",
                "",
                "Exploitative conditions of work",
            ],
            DelphiDimension::CoercionAtDestination => [
                "Маҷбуркунӣ дар ҷои кор",
                "Принуждение в месте работы",
                "",
                "",
                "Coercion at destination",
            ],
            DelphiDimension::AbuseOfVulnerabilityAtDestination => [
                "Истифода аз осебпазирӣ дар ҷои кор",
                "Использование уязвимости в месте работы",
                "",
                "",
                "Abuse of vulnerability at destination",
            ],
        };
        pick(row, locale)
    }

    pub fn strength(s: Strength, locale: Locale) -> &'static str {
        match s {
            Strength::Strong => Say::Strong,
            Strength::Medium => Say::Medium,
            Strength::Weak => Say::Weak,
        }
        .text(locale)
    }
}

fn pick(row: [&'static str; 5], locale: Locale) -> &'static str {
    std::iter::once(locale)
        .chain(locale.fallbacks().iter().copied())
        .map(|l| row[l as usize])
        .find(|t| !t.is_empty())
        .unwrap_or(row[Locale::En as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tajik_russian_and_english_are_complete_and_the_rest_falls_back() {
        for l in [Locale::Tg, Locale::Ru, Locale::En] {
            assert!(!Say::Title.row()[l as usize].is_empty());
            assert!(!Say::SheetConcerned.row()[l as usize].is_empty());
        }
        // Uzbek without its own cell reads Russian, not English.
        if Say::Begin.row()[Locale::UzCyrl as usize].is_empty() {
            assert_eq!(Say::Begin.text(Locale::UzCyrl), "Начать");
        }
        assert_eq!(Say::Unknowns.fill(Locale::En, 2, 5), "Not answered or \"don't know\": 2 of 5");
    }
}
