//! Assisted mode's own words, in every locale: what the caseworker reads (in their language) and
//! the lines they read aloud (in the person's). Questionnaire content comes from the definition,
//! as in the self-check; these are the same for every questionnaire.
//!
//! All of it is a draft until native speakers have reviewed it. A missing cell falls back along
//! [`Locale::fallbacks`], as the self-check's table does.

use super::session::{Destination, SafetyQuestion};
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
    NoAnswersYet,
    NotAnswered,
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
            Title => [
                "Санҷиш бо мушовир",
                "Опрос с консультантом",
                "Маслаҳатчи билан текширув",
                "Maslahatchi bilan tekshiruv",
                "Assisted screening",
            ],
            YourLanguage => [
                "Забони шумо",
                "Ваш язык",
                "Сизнинг тилингиз",
                "Sizning tilingiz",
                "Your language",
            ],
            PersonLanguage => [
                "Забони шахс",
                "Язык человека",
                "Шахснинг тили",
                "Shaxsning tili",
                "The person's language",
            ],
            EndAndClear => [
                "Анҷом ва тоза кардан",
                "Завершить и очистить",
                "Тугатиш ва тозалаш",
                "Tugatish va tozalash",
                "End and clear",
            ],
            Cleared => [
                "Ҳама ҷавобҳо тоза карда шуданд. Ҳеҷ чиз нигоҳ дошта нашуд.",
                "Все ответы стёрты. Ничего не сохранено.",
                "Барча жавоблар ўчирилди. Ҳеч нарса сақланмади.",
                "Barcha javoblar oʻchirildi. Hech narsa saqlanmadi.",
                "Everything was cleared. Nothing was kept.",
            ],
            Yes => ["Ҳа", "Да", "Ҳа", "Ha", "Yes"],
            No => ["Не", "Нет", "Йўқ", "Yoʻq", "No"],
            Continue => ["Идома", "Далее", "Давом этиш", "Davom etish", "Continue"],
            ReadAloud => [
                "Бо овози баланд хонед",
                "Прочитайте вслух",
                "Овоз чиқариб ўқинг",
                "Ovoz chiqarib oʻqing",
                "Read aloud",
            ],
            BeforeStart => [
                "Пеш аз оғоз",
                "Перед началом",
                "Бошлашдан олдин",
                "Boshlashdan oldin",
                "Before you start",
            ],
            NotStored => [
                "Ҷавобҳои ин саҳифа ҳисоб карда намешаванд ва нигоҳ дошта намешаванд.",
                "Ответы на этой странице не оцениваются и не сохраняются.",
                "Бу саҳифадаги жавоблар баҳоланмайди ва сақланмайди.",
                "Bu sahifadagi javoblar baholanmaydi va saqlanmaydi.",
                "Nothing on this page is scored or stored.",
            ],
            SafeToTalk => [
                "Оё шахс бо шумо (ва тарҷумон) танҳост ва дар ин ҷо гап задан бехатар аст?",
                "Человек наедине с вами (и переводчиком), и здесь безопасно говорить?",
                "Шахс сиз (ва таржимон) билан ёлғизми ва бу ерда гаплашиш хавфсизми?",
                "Shaxs siz (va tarjimon) bilan yolgʻizmi va bu yerda gaplashish xavfsizmi?",
                "Is the person alone with you (and the interpreter), and is it safe to talk here?",
            ],
            Interpreter => [
                "Кӣ тарҷума мекунад?",
                "Кто переводит?",
                "Ким таржима қилади?",
                "Kim tarjima qiladi?",
                "Who interprets?",
            ],
            InterpreterNone => [
                "Тарҷумон лозим нест",
                "Переводчик не нужен",
                "Таржимон керак эмас",
                "Tarjimon kerak emas",
                "No interpreter is needed",
            ],
            InterpreterIndependent => [
                "Тарҷумони мустақил",
                "Независимый переводчик",
                "Мустақил таржимон",
                "Mustaqil tarjimon",
                "An independent interpreter",
            ],
            InterpreterRelated => [
                "Аъзои оила, корфармо ё ҳамкор",
                "Член семьи, работодатель или коллега",
                "Оила аъзоси, иш берувчи ёки ҳамкасб",
                "Oila aʼzosi, ish beruvchi yoki hamkasb",
                "A family member, the employer or a co-worker",
            ],
            Under18 => [
                "Оё шахс аз 18 сола хурд аст?",
                "Человеку меньше 18 лет?",
                "Шахс 18 ёшга тўлмаганми?",
                "Shaxs 18 yoshga toʻlmaganmi?",
                "Is the person under 18?",
            ],
            ConsentScript => [
                "Ман мехоҳам дар бораи кор дар хориҷа ва саломатии шумо чанд савол диҳам, то якҷоя бубинем, ки шумо чӣ гуна ёрӣ гирифта метавонед. Ҷавоб додан ҳатмӣ нест. Шумо метавонед ҳар саволро гузаронед ё ҳар вақт бас кунед, ва ин ба ёрие, ки мегиред, таъсир намерасонад. Ман номи шумо, суроға ва суханони шуморо наменависам. Ҷавобҳои интихобкардаатон танҳо дар ин экран мемонанд ва пас аз анҷом пок карда мешаванд. Шуморо ба хадамоти дигар танҳо бо розигии шумо ва бе номатон равон мекунем; хулосаи беном танҳо бо розигии шумо фиристода мешавад.",
                "Я хочу задать вам несколько вопросов о работе за границей и о здоровье, чтобы вместе понять, какую помощь вы можете получить. Отвечать не обязательно. Вы можете пропустить любой вопрос или остановиться в любой момент, и помощь от этого не изменится. Я не записываю ваше имя, адрес и ваши слова. Выбранные ответы остаются только на этом экране и стираются после окончания. Направить вас в другую службу мы можем только с вашего согласия и без вашего имени; анонимная сводка отправляется тоже только с вашего согласия.",
                "Сизга чет элдаги ишингиз ва соғлиғингиз ҳақида бир нечта савол бермоқчиман, шунда қандай ёрдам олишингиз мумкинлигини бирга кўриб чиқамиз. Жавоб беришингиз шарт эмас. Исталган саволни ўтказиб юборишингиз ёки исталган вақтда тўхтатишингиз мумкин, бу оладиган ёрдамингизга таъсир қилмайди. Мен исмингизни, манзилингизни ва сўзларингизни ёзиб олмайман. Сиз танлаган жавоблар фақат шу экранда қолади ва тугатганимиздан кейин ўчириб ташланади. Сизни бошқа хизматга фақат розилигингиз билан ва исмингизни кўрсатмасдан йўналтирамиз; исмсиз хулоса ҳам фақат розилигингиз билан юборилади.",
                "Sizga chet eldagi ishingiz va sogʻligʻingiz haqida bir nechta savol bermoqchiman, shunda qanday yordam olishingiz mumkinligini birga koʻrib chiqamiz. Javob berishingiz shart emas. Istalgan savolni oʻtkazib yuborishingiz yoki istalgan vaqtda toʻxtatishingiz mumkin, bu oladigan yordamingizga taʼsir qilmaydi. Men ismingizni, manzilingizni va soʻzlaringizni yozib olmayman. Siz tanlagan javoblar faqat shu ekranda qoladi va tugatganimizdan keyin oʻchirib tashlanadi. Sizni boshqa xizmatga faqat roziligingiz bilan va ismingizni koʻrsatmasdan yoʻnaltiramiz; ismsiz xulosa ham faqat roziligingiz bilan yuboriladi.",
                "I would like to ask you some questions about your work abroad and your health, so that together we can see what help you can get. You do not have to answer. You can skip any question or stop at any time, and that will not change the help you get. I do not write down your name, your address or your words. The answers you choose stay only on this screen and are wiped when we finish. We refer you to another service only if you agree, and without your name; an anonymous summary is sent only if you agree too.",
            ],
            Agreed => [
                "Шахс розӣ шуд, ки идома диҳем.",
                "Человек согласился продолжить.",
                "Шахс давом этишга рози бўлди.",
                "Shaxs davom etishga rozi boʻldi.",
                "The person agreed to go on.",
            ],
            Begin => ["Оғоз", "Начать", "Бошлаш", "Boshlash", "Begin"],
            AnswerAll => [
                "Ба се саволи боло ҷавоб диҳед.",
                "Ответьте на три вопроса выше.",
                "Юқоридаги учта саволга жавоб беринг.",
                "Yuqoridagi uchta savolga javob bering.",
                "Answer the three questions above.",
            ],
            TickAgreed => [
                "Қайд кунед, ки шахс розӣ шуд.",
                "Отметьте, что человек согласился.",
                "Шахс рози бўлганини белгиланг.",
                "Shaxs rozi boʻlganini belgilang.",
                "Tick that the person agreed.",
            ],
            StoppedTitle => [
                "Ҳоло идома надиҳед",
                "Сейчас не продолжайте",
                "Ҳозир давом эттирманг",
                "Hozir davom ettirmang",
                "Do not go on now",
            ],
            StoppedText => [
                "Дар ин ҷо гап задан бехатар нест ё тарҷумон ба оила ё кори шахс наздик аст. Ҳеҷ савол дода нашуд. Вақт ва ҷои дигар, бо тарҷумони мустақил, таъин кунед.",
                "Здесь небезопасно говорить, или переводчик близок к семье или работе человека. Ни одного вопроса не задано. Договоритесь о другом времени и месте, с независимым переводчиком.",
                "Бу ерда гаплашиш хавфсиз эмас ёки таржимон шахснинг оиласи ёки ишига яқин. Ҳеч қандай савол берилмади. Мустақил таржимон билан бошқа вақт ва жойни келишиб олинг.",
                "Bu yerda gaplashish xavfsiz emas yoki tarjimon shaxsning oilasi yoki ishiga yaqin. Hech qanday savol berilmadi. Mustaqil tarjimon bilan boshqa vaqt va joyni kelishib oling.",
                "It is not safe to talk here, or the interpreter is close to the person's family or work. Nothing was asked. Arrange another time and place, with an independent interpreter.",
            ],
            ChildTitle => [
                "Шахс аз 18 сола хурд аст",
                "Человеку меньше 18 лет",
                "Шахс 18 ёшга тўлмаган",
                "Shaxs 18 yoshga toʻlmagan",
                "The person is under 18",
            ],
            ChildText => [
                "Ин санҷишро нагузаронед. Тартиби ҳифзи кӯдаконро, ки ташкилоти шумо дорад, иҷро кунед ва ба хадамоти ҳифзи кӯдакон муроҷиат кунед:",
                "Не проводите этот опрос. Следуйте процедуре защиты детей вашей организации и обратитесь в службу защиты детей:",
                "Бу текширувни ўтказманг. Ташкилотингизнинг болаларни ҳимоя қилиш тартибига амал қилинг ва болаларни ҳимоя қилиш хизматига мурожаат қилинг:",
                "Bu tekshiruvni oʻtkazmang. Tashkilotingizning bolalarni himoya qilish tartibiga amal qiling va bolalarni himoya qilish xizmatiga murojaat qiling:",
                "Do not run this screening. Follow your organisation's child-protection procedure and contact the child-protection service:",
            ],
            ChildNoContact => [
                "Барои ин сайт тамоси ҳифзи кӯдакон муайян нашудааст. Тартиби ташкилоти худро иҷро кунед.",
                "Для этого сайта не задан контакт службы защиты детей. Следуйте процедуре вашей организации.",
                "Бу сайт учун болаларни ҳимоя қилиш хизматининг алоқаси белгиланмаган. Ташкилотингиз тартибига амал қилинг.",
                "Bu sayt uchun bolalarni himoya qilish xizmatining aloqasi belgilanmagan. Tashkilotingiz tartibiga amal qiling.",
                "No child-protection contact is set for this site. Follow your organisation's procedure.",
            ],
            SafetyTitle => [
                "Аввал бехатарӣ",
                "Сначала безопасность",
                "Аввало хавфсизлик",
                "Avvalo xavfsizlik",
                "Safety first",
            ],
            DangerNow => [
                "Оё шумо ҳозир дар хатар ҳастед?",
                "Вы сейчас в опасности?",
                "Ҳозир хавф остидамисиз?",
                "Hozir xavf ostidamisiz?",
                "Are you in danger now?",
            ],
            UrgentMedical => [
                "Оё ба шумо ҳозир ёрии таъҷилии духтур лозим аст?",
                "Вам сейчас срочно нужна помощь врача?",
                "Сизга ҳозир шошилинч шифокор ёрдами керакми?",
                "Sizga hozir shoshilinch shifokor yordami kerakmi?",
                "Do you need a doctor urgently, now?",
            ],
            SafePlaceTonight => [
                "Оё имшаб ҷои бехатар барои хоб доред?",
                "Есть ли у вас безопасное место, где переночевать сегодня?",
                "Бугун тунаш учун хавфсиз жойингиз борми?",
                "Bugun tunash uchun xavfsiz joyingiz bormi?",
                "Do you have a safe place to sleep tonight?",
            ],
            DoesNotWant => [
                "Намехоҳад ҷавоб диҳад",
                "Не хочет отвечать",
                "Жавоб беришни хоҳламайди",
                "Javob berishni xohlamaydi",
                "Does not want to answer",
            ],
            UrgentTitle => [
                "Ҳозир чӣ бояд кард",
                "Что делать сейчас",
                "Ҳозир нима қилиш керак",
                "Hozir nima qilish kerak",
                "What to do now",
            ],
            UrgentDanger => [
                "Шахс дар хатар аст: ба рақами зерин аз ҷое, ки ӯ ҳозир ҳаст, занг занед ва агар ӯ хоҳад, бо ӯ монед.",
                "Человек в опасности: позвоните по номеру ниже, который работает там, где он сейчас, и оставайтесь с ним, если он хочет.",
                "Шахс хавф остида: у ҳозир турган жойда ишлайдиган қуйидаги рақамга қўнғироқ қилинг ва агар у хоҳласа, у билан бирга қолинг.",
                "Shaxs xavf ostida: u hozir turgan joyda ishlaydigan quyidagi raqamga qoʻngʻiroq qiling va agar u xohlasa, u bilan birga qoling.",
                "The person is in danger: call a number below that works where they are now, and stay with them if they wish.",
            ],
            UrgentMedicalText => [
                "Ба ёрии таъҷилӣ занг занед ё шахсро ҳозир назди духтур баред.",
                "Вызовите скорую помощь или отведите человека к врачу сейчас.",
                "Тез ёрдам чақиринг ёки шахсни ҳозир шифокорга олиб боринг.",
                "Tez yordam chaqiring yoki shaxsni hozir shifokorga olib boring.",
                "Call an ambulance or take the person to a doctor now.",
            ],
            UrgentShelter => [
                "Барои имшаб ҷои бехатар ёбед: ба рақами зерин занг занед.",
                "Найдите безопасное место на эту ночь: позвоните по номеру ниже.",
                "Бугун тунаш учун хавфсиз жой топинг: қуйидаги рақамга қўнғироқ қилинг.",
                "Bugun tunash uchun xavfsiz joy toping: quyidagi raqamga qoʻngʻiroq qiling.",
                "Find a safe place for tonight: call a number below.",
            ],
            EndHere => [
                "Дар ин ҷо анҷом додан",
                "Закончить здесь",
                "Шу ерда тугатиш",
                "Shu yerda tugatish",
                "End here",
            ],
            ContinueScreening => [
                "Санҷишро идома додан",
                "Продолжить опрос",
                "Текширувни давом эттириш",
                "Tekshiruvni davom ettirish",
                "Continue the screening",
            ],
            NoNumbers => [
                "Барои ин ҷо рақам нест. Ба рақами ёрии таъҷилии маҳаллӣ занг занед.",
                "Для этого места нет номера. Звоните в местную экстренную службу.",
                "Бу жой учун рақам йўқ. Маҳаллий фавқулодда хизмат рақамига қўнғироқ қилинг.",
                "Bu joy uchun raqam yoʻq. Mahalliy favqulodda xizmat raqamiga qoʻngʻiroq qiling.",
                "No number for this place. Call the local emergency number.",
            ],
            ForYou => ["Барои шумо", "Для вас", "Сиз учун", "Siz uchun", "For you"],
            ObservationsTitle => [
                "Он чи шумо бе пурсидан дидед",
                "Что вы заметили, не спрашивая",
                "Сўрамасдан пайқаганларингиз",
                "Soʻramasdan payqaganlaringiz",
                "What you noticed without asking",
            ],
            ObservationsHint => [
                "Танҳо он чиро қайд кунед, ки худатон дидед ё шунидед. Дар ин бора напурсед.",
                "Отмечайте только то, что видели или слышали сами. Не спрашивайте об этом.",
                "Фақат ўзингиз кўрган ёки эшитган нарсани белгиланг. Булар ҳақида сўраманг.",
                "Faqat oʻzingiz koʻrgan yoki eshitgan narsani belgilang. Bular haqida soʻramang.",
                "Tick only what you saw or heard yourself. Do not ask about these.",
            ],
            SummaryTitle => [
                "Хулосаи нишондиҳандаҳо",
                "Сводка индикаторов",
                "Кўрсаткичлар хулосаси",
                "Koʻrsatkichlar xulosasi",
                "Indicator summary",
            ],
            GroundsToRefer => [
                "Барои равон кардан ба муайянкунӣ асос ҳаст",
                "Есть основания направить на идентификацию",
                "Идентификацияга йўналтириш учун асос бор",
                "Identifikatsiyaga yoʻnaltirish uchun asos bor",
                "Grounds to refer for identification",
            ],
            NotEnough => [
                "Ҳоло маълумот кофӣ нест: ин хулоса нест, ки шахс қурбонии савдои одамон нашудааст.",
                "Пока недостаточно информации: это не вывод о том, что человек не пострадал от торговли людьми.",
                "Ҳозирча маълумот етарли эмас: бу шахс одам савдосидан жабрланмаган деган хулоса эмас.",
                "Hozircha maʼlumot yetarli emas: bu shaxs odam savdosidan jabrlanmagan degan xulosa emas.",
                "Not enough information yet: this is not a finding that the person was not trafficked.",
            ],
            NotADecision => [
                "Ин санҷиш аст, на қарори муайянкунӣ.",
                "Это скрининг, а не решение об идентификации.",
                "Бу текширув, идентификация ҳақидаги қарор эмас.",
                "Bu tekshiruv, identifikatsiya haqidagi qaror emas.",
                "This is a screening, not an identification decision.",
            ],
            ElementRecruitment => [
                "Ҷалб: амал ва восита",
                "Вербовка: действие и способ",
                "Ёллаш: ҳаракат ва усул",
                "Yollash: harakat va usul",
                "Recruitment: act and means",
            ],
            ElementPurpose => [
                "Мақсад: истисмор",
                "Цель: эксплуатация",
                "Мақсад: эксплуатация",
                "Maqsad: ekspluatatsiya",
                "Purpose: exploitation",
            ],
            ElementMeans => [
                "Восита дар ҷои кор",
                "Способ в месте работы",
                "Иш жойидаги усул",
                "Ish joyidagi usul",
                "Means at destination",
            ],
            Positive => [
                "Мувофиқи қоидаи СБМ/КА мусбат",
                "Положительно по правилу МОТ/ЕК",
                "ХМТ/ЕК қоидасига кўра ижобий",
                "XMT/YeK qoidasiga koʻra ijobiy",
                "Positive by the ILO/EC rule",
            ],
            SomeSigns => [
                "Баъзе нишонаҳо",
                "Есть признаки",
                "Баъзи белгилар бор",
                "Baʼzi belgilar bor",
                "Some signs",
            ],
            NoSignInAnswers => [
                "Дар ҷавобҳои додашуда нишона нест",
                "В полученных ответах признаков нет",
                "Берилган жавобларда белги йўқ",
                "Berilgan javoblarda belgi yoʻq",
                "No sign in the answers given",
            ],
            NoAnswersYet => [
                "Ҳоло ҷавоб нест",
                "Пока нет ответов",
                "Ҳозирча жавоб йўқ",
                "Hozircha javob yoʻq",
                "No answers yet",
            ],
            NotAnswered => [
                "бе ҷавоб",
                "без ответа",
                "жавоб берилмаган",
                "javob berilmagan",
                "not answered",
            ],
            NotAsked => [
                "Пурсида нашуд",
                "Не спрашивали",
                "Сўралмади",
                "Soʻralmadi",
                "Not asked",
            ],
            Unknowns => [
                "Бе ҷавоб ё «намедонам»: {n} аз {m}",
                "Без ответа или «не знаю»: {n} из {m}",
                "Жавоб берилмаган ёки «Билмайман»: {m} тадан {n} та",
                "Javob berilmagan yoki «Bilmayman»: {m} tadan {n} ta",
                "Not answered or \"don't know\": {n} of {m}",
            ],
            FromAnswer => ["ҷавоб", "ответ", "жавоб", "javob", "answer"],
            FromObservation => [
                "мушоҳида",
                "наблюдение",
                "кузатув",
                "kuzatuv",
                "observation",
            ],
            Strong => ["қавӣ", "сильный", "кучли", "kuchli", "strong"],
            Medium => ["миёна", "средний", "ўртача", "oʻrtacha", "medium"],
            Weak => ["заиф", "слабый", "кучсиз", "kuchsiz", "weak"],
            Noted => [
                "Инчунин қайд шуд",
                "Также отмечено",
                "Шунингдек қайд этилди",
                "Shuningdek qayd etildi",
                "Also noted",
            ],
            Concerned => [
                "Ман ҳанӯз нигаронам",
                "Я по-прежнему обеспокоен(а)",
                "Мен ҳали ҳам хавотирдаман",
                "Men hali ham xavotirdaman",
                "I remain concerned",
            ],
            SelfCheckBands => [
                "Натиҷа, чун дар худсанҷӣ",
                "Результат, как в самопроверке",
                "Натижа, ўз-ўзини текширишдаги каби",
                "Natija, oʻz-oʻzini tekshirishdagi kabi",
                "Result, as in the self-check",
            ],
            ToReferral => [
                "Ба равон кардан",
                "К направлению",
                "Йўналтиришга ўтиш",
                "Yoʻnaltirishga oʻtish",
                "To the referral",
            ],
            ReferralTitle => [
                "Равон кардан",
                "Направление",
                "Йўналтириш",
                "Yoʻnaltirish",
                "Referral",
            ],
            ReferralAsk => [
                "Оё розӣ ҳастед, ки мо шуморо бе номатон ба ин хадамот равон кунем?",
                "Вы согласны, чтобы мы направили вас, без вашего имени, в эту службу?",
                "Сизни исмингизни кўрсатмасдан шу хизматга йўналтиришимизга розимисиз?",
                "Sizni ismingizni koʻrsatmasdan shu xizmatga yoʻnaltirishimizga rozimisiz?",
                "Do you agree that we refer you, without your name, to this service?",
            ],
            Identification => [
                "Муайянкунӣ тавассути шарик ё СБМ",
                "Идентификация через партнёра или МОМ",
                "Ҳамкор ёки Халқаро миграция ташкилоти орқали идентификация",
                "Hamkor yoki Xalqaro migratsiya tashkiloti orqali identifikatsiya",
                "Identification through the partner or IOM",
            ],
            LegalAid => [
                "Ёрии ҳуқуқӣ",
                "Юридическая помощь",
                "Юридик ёрдам",
                "Yuridik yordam",
                "Legal aid",
            ],
            Shelter => ["Паноҳгоҳ", "Приют", "Бошпана", "Boshpana", "Shelter"],
            Medical => [
                "Ёрии тиббӣ ва санҷиши сил",
                "Медицинская помощь и проверка на туберкулёз",
                "Тиббий ёрдам ва силга текширув",
                "Tibbiy yordam va silga tekshiruv",
                "Medical care and TB testing",
            ],
            Consulate => [
                "Консулгарӣ",
                "Консульство",
                "Консуллик",
                "Konsullik",
                "Consulate",
            ],
            Later => ["Баъдтар", "Позже", "Кейинроқ", "Keyinroq", "Later"],
            PrintSheet => [
                "Чоп кардани варақаи равон кардан",
                "Распечатать лист направления",
                "Йўналтириш варақасини чоп этиш",
                "Yoʻnaltirish varaqasini chop etish",
                "Print the referral sheet",
            ],
            NoSheet => [
                "Ба ягон равон кардан розигӣ нест: варақа нест. Ба шахс корти иттилоотиро диҳед.",
                "Нет согласия ни на одно направление: листа нет. Дайте человеку информационную карточку.",
                "Ҳеч қандай йўналтиришга розилик берилмади: варақа йўқ. Шахсга маълумот картасини беринг.",
                "Hech qanday yoʻnaltirishga rozilik berilmadi: varaqa yoʻq. Shaxsga maʼlumot kartasini bering.",
                "No referral was agreed: there is no sheet. Give the person the information card.",
            ],
            InfoCardTitle => [
                "Аз куҷо ёрӣ гирифтан мумкин аст",
                "Где можно получить помощь",
                "Қаердан ёрдам олиш мумкин",
                "Qayerdan yordam olish mumkin",
                "Where you can get help",
            ],
            InfoCardText => [
                "Шумо метавонед ҳар вақт, баъдтар ҳам, ёрӣ пурсед. Ин хадамот ройгонанд:",
                "Вы можете обратиться за помощью в любое время, и позже тоже. Эти службы бесплатны:",
                "Исталган вақтда, кейинроқ ҳам ёрдам сўрашингиз мумкин. Бу хизматлар бепул:",
                "Istalgan vaqtda, keyinroq ham yordam soʻrashingiz mumkin. Bu xizmatlar bepul:",
                "You can ask for help at any time, later too. These services are free:",
            ],
            PrintCard => [
                "Чоп кардани корти иттилоотӣ",
                "Распечатать информационную карточку",
                "Маълумот картасини чоп этиш",
                "Maʼlumot kartasini chop etish",
                "Print the information card",
            ],
            TbSlipButton => [
                "Чоп кардани варақаи сил",
                "Распечатать направление на проверку на туберкулёз",
                "Силга текширув йўлланмасини чоп этиш",
                "Silga tekshiruv yoʻllanmasini chop etish",
                "Print the TB slip",
            ],
            TbSlipTitle => [
                "Санҷиши ройгони сил",
                "Бесплатная проверка на туберкулёз",
                "Силга бепул текширув",
                "Silga bepul tekshiruv",
                "Free TB test",
            ],
            TbSlipText => [
                "Нишонаҳое ҳастанд, ки барои онҳо санҷиши ройгони сил тавсия дода мешавад. Ин ташхис нест. Ин варақаро ба маркази сил баред.",
                "Есть признаки, при которых рекомендуется бесплатная проверка на туберкулёз. Это не диагноз. Возьмите этот листок в противотуберкулёзный центр.",
                "Силга бепул текширув тавсия этиладиган белгилар бор. Бу ташхис эмас. Бу варақани сил марказига олиб боринг.",
                "Silga bepul tekshiruv tavsiya etiladigan belgilar bor. Bu tashxis emas. Bu varaqani sil markaziga olib boring.",
                "There are signs for which a free TB test is recommended. This is not a diagnosis. Take this slip to a TB centre.",
            ],
            SheetTitle => [
                "Варақаи равон кардан",
                "Лист направления",
                "Йўналтириш варақаси",
                "Yoʻnaltirish varaqasi",
                "Referral sheet",
            ],
            SheetDate => ["Сана", "Дата", "Сана", "Sana", "Date"],
            SheetQuestionnaire => [
                "Саволнома",
                "Опросник",
                "Сўровнома",
                "Soʻrovnoma",
                "Questionnaire",
            ],
            SheetCode => [
                "Рамзи истинод",
                "Код направления",
                "Йўналтириш коди",
                "Yoʻnaltirish kodi",
                "Reference code",
            ],
            SheetCodeHint => [
                "Ин рамзро ба шакли расмӣ нависед. Он танҳо ин варақаро нишон медиҳад, на шахсро, ва ҳеҷ ҷо нигоҳ дошта намешавад.",
                "Перепишите этот код в официальную форму. Он обозначает только этот лист, а не человека, и нигде не сохраняется.",
                "Бу кодни расмий шаклга кўчириб ёзинг. У шахсни эмас, фақат шу варақани билдиради ва ҳеч қаерда сақланмайди.",
                "Bu kodni rasmiy shaklga koʻchirib yozing. U shaxsni emas, faqat shu varaqani bildiradi va hech qayerda saqlanmaydi.",
                "Copy this code onto the official form. It names this sheet, not the person, and is kept nowhere.",
            ],
            SheetSafety => [
                "Бехатарӣ",
                "Безопасность",
                "Хавфсизлик",
                "Xavfsizlik",
                "Safety",
            ],
            SheetObserved => [
                "Мушоҳидаҳо",
                "Наблюдения",
                "Кузатувлар",
                "Kuzatuvlar",
                "Observations",
            ],
            SheetBands => [
                "Натиҷаҳо",
                "Результаты",
                "Натижалар",
                "Natijalar",
                "Results",
            ],
            SheetAgreed => [
                "Шахс ба равон кардан ба ин хадамот розӣ шуд",
                "Человек согласился на направление в эти службы",
                "Шахс қуйидаги хизматларга йўналтирилишга рози бўлди",
                "Shaxs quyidagi xizmatlarga yoʻnaltirilishga rozi boʻldi",
                "The person agreed to be referred to",
            ],
            SheetNextSteps => [
                "Қадамҳои навбатӣ",
                "Следующие шаги",
                "Кейинги қадамлар",
                "Keyingi qadamlar",
                "Next steps",
            ],
            SheetContacts => ["Тамосҳо", "Контакты", "Алоқалар", "Aloqalar", "Contacts"],
            SheetNoIdentity => [
                "Дар ин варақа ном, санаи таваллуд, рақами ҳуҷҷат ва матни озод нест.",
                "В этом листе нет имени, даты рождения, номера документа и свободного текста.",
                "Бу варақада исм, туғилган сана, ҳужжат рақами ва эркин матн йўқ.",
                "Bu varaqada ism, tugʻilgan sana, hujjat raqami va erkin matn yoʻq.",
                "This sheet holds no name, date of birth, document number or free text.",
            ],
            SheetConcerned => [
                "Корманд ҳанӯз нигарон аст",
                "Сотрудник по-прежнему обеспокоен",
                "Ходим ҳали ҳам хавотирда",
                "Xodim hali ham xavotirda",
                "The caseworker remains concerned",
            ],
        }
    }

    /// The name of a dimension of the ILO/EC indicators.
    pub fn dimension(d: DelphiDimension, locale: Locale) -> &'static str {
        let row: [&str; 5] = match d {
            DelphiDimension::DeceptiveRecruitment => [
                "Ҷалби фиребгарона",
                "Обманная вербовка",
                "Алдов йўли билан ёллаш",
                "Aldov yoʻli bilan yollash",
                "Deceptive recruitment",
            ],
            DelphiDimension::CoerciveRecruitment => [
                "Ҷалби маҷбурӣ",
                "Принудительная вербовка",
                "Мажбурлаб ёллаш",
                "Majburlab yollash",
                "Coercive recruitment",
            ],
            DelphiDimension::RecruitmentByAbuseOfVulnerability => [
                "Ҷалб бо истифода аз осебпазирӣ",
                "Вербовка с использованием уязвимости",
                "Заиф ҳолатдан фойдаланиб ёллаш",
                "Zaif holatdan foydalanib yollash",
                "Recruitment by abuse of vulnerability",
            ],
            DelphiDimension::ExploitativeConditionsOfWork => [
                "Шароити истисмори кор",
                "Эксплуататорские условия труда",
                "Эксплуатацияга асосланган иш шароити",
                "Ekspluatatsiyaga asoslangan ish sharoiti",
                "Exploitative conditions of work",
            ],
            DelphiDimension::CoercionAtDestination => [
                "Маҷбуркунӣ дар ҷои кор",
                "Принуждение в месте работы",
                "Иш жойида мажбурлаш",
                "Ish joyida majburlash",
                "Coercion at destination",
            ],
            DelphiDimension::AbuseOfVulnerabilityAtDestination => [
                "Истифода аз осебпазирӣ дар ҷои кор",
                "Использование уязвимости в месте работы",
                "Иш жойида заиф ҳолатдан фойдаланиш",
                "Ish joyida zaif holatdan foydalanish",
                "Abuse of vulnerability at destination",
            ],
        };
        pick(row, locale)
    }

    /// The words of a safety question.
    pub fn safety(q: SafetyQuestion) -> Say {
        match q {
            SafetyQuestion::DangerNow => Say::DangerNow,
            SafetyQuestion::UrgentMedical => Say::UrgentMedical,
            SafetyQuestion::SafePlaceTonight => Say::SafePlaceTonight,
        }
    }

    /// The name of a referral destination.
    pub fn destination(d: Destination) -> Say {
        match d {
            Destination::Identification => Say::Identification,
            Destination::LegalAid => Say::LegalAid,
            Destination::Shelter => Say::Shelter,
            Destination::Medical => Say::Medical,
            Destination::Consulate => Say::Consulate,
        }
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
        assert_eq!(
            Say::Unknowns.fill(Locale::En, 2, 5),
            "Not answered or \"don't know\": 2 of 5"
        );
    }
}
