//! The language of the readable output: `--lang`, else the environment's locale.

use clap::ValueEnum;
use wattwaechter::text::Lang;

/// The languages `--lang` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// German (Deutsch).
    De,
}

/// The language to write in: `--lang` when given; otherwise the locale's, as POSIX orders
/// the variables (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set and not empty
/// decides): German for a German locale (`de_DE.UTF-8`, `de_AT`, …), English otherwise.
pub fn choose(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::De) => Lang::De,
        // A locale that is not valid UTF-8 is still read (its language part is ASCII).
        None => {
            from_locale(|name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()))
        }
    }
}

/// The locale's language, reading the environment through `var`.
fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty())
        .and_then(|locale| Lang::from_tag(&locale))
        .unwrap_or(Lang::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Lang {
        from_locale(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn the_first_locale_variable_set_decides() {
        assert_eq!(with(&[]), Lang::En);
        assert_eq!(with(&[("LANG", "de_DE.UTF-8")]), Lang::De);
        assert_eq!(with(&[("LANG", "de_AT")]), Lang::De);
        assert_eq!(with(&[("LANG", "en_GB.UTF-8")]), Lang::En);
        assert_eq!(with(&[("LANG", "fr_FR.UTF-8")]), Lang::En);
        assert_eq!(
            with(&[("LC_MESSAGES", "de_DE.UTF-8"), ("LANG", "en_US.UTF-8")]),
            Lang::De
        );
        assert_eq!(
            with(&[("LC_ALL", "C"), ("LC_MESSAGES", "de_DE.UTF-8")]),
            Lang::En
        );
        assert_eq!(
            with(&[("LC_ALL", ""), ("LANG", "de_CH.UTF-8")]),
            Lang::De,
            "an empty variable is not set"
        );
    }

    #[test]
    fn the_flag_wins() {
        assert_eq!(choose(Some(LangArg::De)), Lang::De);
        assert_eq!(choose(Some(LangArg::En)), Lang::En);
    }
}
