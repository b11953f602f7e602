//! The dashboard's words in English and Russian, one typed row each: a word missing in one
//! language, or asked for by a key that does not exist, does not compile.

use crate::aggregate::PeriodKind;

/// The reader's language (`?lang=ru`; English otherwise).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    pub fn of(given: Option<&str>) -> Lang {
        match given {
            Some("ru") => Lang::Ru,
            _ => Lang::En,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The other language, which the page offers a link to.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Ru,
            Lang::Ru => Lang::En,
        }
    }

    /// The questionnaire's locale for the page's labels.
    pub fn locale(self) -> screening_core::Locale {
        match self {
            Lang::En => screening_core::Locale::En,
            Lang::Ru => screening_core::Locale::Ru,
        }
    }
}

macro_rules! words {
    ($($name:ident => ($en:expr, $ru:expr),)*) => {
        /// One of the dashboard's words.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Word { $($name,)* }

        impl Word {
            #[cfg(test)]
            pub const ALL: &[Word] = &[$(Word::$name,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                let (en, ru) = match self { $(Word::$name => ($en, $ru),)* };
                match lang {
                    Lang::En => en,
                    Lang::Ru => ru,
                }
            }
        }
    };
}

words! {
    Title => ("Screening reports", "Отчёты скрининга"),
    Login => ("Log in", "Войти"),
    Logout => ("Log out", "Выйти"),
    Token => ("Admin token", "Токен администратора"),
    Wrong => ("Wrong token.", "Неверный токен."),
    Closed => (
        "The dashboard is off: start the collector with an admin token.",
        "Панель отключена: запустите сборщик с токеном администратора."
    ),
    Filters => ("Filters", "Фильтры"),
    Questionnaire => ("Questionnaire", "Анкета"),
    From => ("From month", "С месяца"),
    To => ("To month", "До месяца (включительно)"),
    Period => ("Tables per", "Таблицы по"),
    Month => ("month", "месяцам"),
    Quarter => ("quarter", "кварталам"),
    Year => ("year", "годам"),
    AllPartners => ("all partners", "все партнёры"),
    Partner => ("Partner", "Партнёр"),
    All => ("All", "Все"),
    Apply => ("Show", "Показать"),
    Csv => ("Download CSV of these tables", "Скачать CSV этих таблиц"),
    Reports => ("Reports per group", "Отчёты по группам"),
    Bands => ("Bands per month", "Уровни по месяцам"),
    Answers => ("Answers", "Ответы"),
    N => ("reports", "отчёты"),
    Group => ("Group", "Группа"),
    Value => ("Value", "Значение"),
    Reported => ("Reported", "Получено"),
    Estimated => ("Estimated", "Оценка"),
    Interval => ("95% interval", "95% интервал"),
    Status => ("Status", "Статус"),
    Suppressed => ("suppressed", "скрыто"),
    None => ("none", "нет"),
    NoPartner => ("no partner", "без партнёра"),
    Empty => ("No reports match these filters.", "Нет отчётов для этих фильтров."),
    Debiased => (
        "Randomized figures: the estimate undoes the noise, and the whisker is its 95% interval (±1.96 standard errors). Read the interval, not the bar: where it is wider than the whole range, the page says \u{201c}not enough reports yet\u{201d} instead of a number.",
        "Рандомизированные данные: оценка устраняет шум, а «ус» — её 95% интервал (±1,96 стандартной ошибки). Смотрите на интервал, а не на столбец: где он шире всего диапазона, вместо числа написано «пока мало отчётов»."
    ),
    Suppression => (
        "Cells with fewer reports than the threshold are hidden, with enough others that none can be worked out; grey shows their share.",
        "Ячейки с числом отчётов ниже порога скрыты вместе с другими так, что их нельзя вычислить; серым показана их доля."
    ),
    Skip => ("Skip to the figures", "Перейти к данным"),
    ChartReports => (
        "Bar chart of the number of reports per group; the numbers are in the table below.",
        "Столбчатая диаграмма числа отчётов по группам; числа в таблице ниже."
    ),
    ChartBands => (
        "Stacked bar chart of reports per band for each group; the numbers are in the table below.",
        "Диаграмма с накоплением: отчёты по уровням для каждой группы; числа в таблице ниже."
    ),
    ChartAnswers => (
        "Bar chart of reports per answer; the numbers and intervals are in the table below.",
        "Столбчатая диаграмма отчётов по ответам; числа и интервалы в таблице ниже."
    ),
    ChartEstimates => (
        "Bar chart of the estimated number of reports per band for each group, each with its 95% interval as a whisker; the numbers are in the table below.",
        "Столбчатая диаграмма оценок числа отчётов по уровням для каждой группы, у каждой «ус» — 95% интервал; числа в таблице ниже."
    ),
    // The name of the other language, on the link to it.
    Language => ("Русский", "English"),
    TooFew => ("not enough reports yet", "пока мало отчётов"),
    TooFewShort => ("too few", "мало"),
    Table => ("Table", "Таблица"),
    OnePageEach => (
        "One page per question, with a small chart for each period and partner, and for all partners together.",
        "По странице на вопрос, с маленькой диаграммой для каждого периода и партнёра и для всех партнёров вместе."
    ),
    Pooled => (
        "Quarters, years and \u{201c}all partners\u{201d} are computed on the collector from every report, with the same suppression linked across all tables, so there is no need to add months up (and adding them up would not recover a hidden cell).",
        "Кварталы, годы и «все партнёры» считаются на сборщике по всем отчётам, с тем же скрытием, согласованным между всеми таблицами: складывать месяцы не нужно (и сложение не раскроет скрытую ячейку)."
    ),
    Overview => ("All results", "Все результаты"),
    Previous => ("Previous question", "Предыдущий вопрос"),
    Next => ("Next question", "Следующий вопрос"),
    DontKnow => ("I don't know", "Не знаю"),
    Skipped => ("skipped", "пропущено"),
    CrossSite => (
        "This form can only be sent from the collector's own page: nothing was changed.",
        "Эту форму можно отправить только со страницы самого сборщика: ничего не изменено."
    ),
}

impl Word {
    /// The name of a kind of period in the "Tables per" choice.
    pub fn period(k: PeriodKind) -> Word {
        match k {
            PeriodKind::Month => Word::Month,
            PeriodKind::Quarter => Word::Quarter,
            PeriodKind::Year => Word::Year,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_both_languages() {
        for w in Word::ALL {
            assert!(!w.text(Lang::En).is_empty(), "{w:?}");
            assert_ne!(w.text(Lang::Ru), w.text(Lang::En), "{w:?}");
        }
    }
}
