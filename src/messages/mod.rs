//! What parkbook says to people, in zh-CN and en, from one catalogue (`catalogue.txt`): every
//! diagnostic, hint and summary line is a [`Msg`], a stable code with its arguments, and becomes
//! text only when it is shown, in the language the reader asked for. Arguments (keys, values,
//! paths) are put in as written; only the words around them are translated.

mod catalogue;

use serde::Serialize;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language messages are shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[repr(u8)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh = 0,
    #[serde(rename = "en")]
    En = 1,
}

impl Lang {
    /// A language tag or locale (`zh`, `zh-CN`, `zh_CN.UTF-8`, `en-GB`, …); `None` for any
    /// other language and for `C`/`POSIX`, which say nothing about the reader.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        let base = tag.split(['-', '_', '.', '@']).next().unwrap_or_default();
        match base {
            "zh" | "cn" | "chinese" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// What follows a label before its text: `错误：…`, `error: …`.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::Zh => "：",
            Lang::En => ": ",
        }
    }

    /// The language of messages: `--lang`, then `PARKBOOK_LANG`, then the site's `language`,
    /// then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), then Chinese.
    pub fn choose(flag: Option<&str>, site_language: Option<&str>) -> Lang {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(env)
            .and_then(|l| Lang::from_tag(&l));
        flag.and_then(Lang::from_tag)
            .or_else(|| env("PARKBOOK_LANG").and_then(|l| Lang::from_tag(&l)))
            .or_else(|| site_language.and_then(Lang::from_tag))
            .or(locale)
            .unwrap_or_default()
    }
}

/// The language of this process's messages: chosen once, by the command line, before anything
/// is reported (see [`Lang::choose`]).
static LANG: AtomicU8 = AtomicU8::new(0);

pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        0 => Lang::Zh,
        _ => Lang::En,
    }
}

/// A value in a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Put in as written: a key, a value, a path, a number.
    Text(String),
    /// Values as written, joined as the language joins a list (`a, b` or `a、b`).
    List(Vec<String>),
    /// Another entry of the catalogue, translated: a word such as "a park".
    Word(&'static str),
    /// Another message, translated with its own arguments.
    Msg(Box<Msg>),
}

/// A message: its stable code (`unknown-key`), which JSON output carries as it is, and its
/// arguments by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub code: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(code: &'static str) -> Msg {
        Msg {
            code,
            args: Vec::new(),
        }
    }

    /// Adds an argument put in as written.
    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Msg {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Adds a list of values, joined as the language joins lists.
    pub fn list<S: std::fmt::Display>(
        mut self,
        name: &'static str,
        values: impl IntoIterator<Item = S>,
    ) -> Msg {
        let values = values.into_iter().map(|v| v.to_string()).collect();
        self.args.push((name, Arg::List(values)));
        self
    }

    /// Adds a word of the catalogue, translated.
    pub fn word(mut self, name: &'static str, code: &'static str) -> Msg {
        self.args.push((name, Arg::Word(code)));
        self
    }

    /// Adds another message, translated.
    pub fn msg(mut self, name: &'static str, message: Msg) -> Msg {
        self.args.push((name, Arg::Msg(Box::new(message))));
        self
    }

    /// The message as text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let template = catalogue::template(self.code, lang).unwrap_or(self.code);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            match self.args.iter().find(|(n, _)| *n == name) {
                Some((_, arg)) => out.push_str(&arg_text(arg, lang)),
                None => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

fn arg_text(arg: &Arg, lang: Lang) -> String {
    match arg {
        Arg::Text(text) => text.clone(),
        Arg::List(values) => values.join(match lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        }),
        Arg::Word(code) => Msg::new(code).text(lang),
        Arg::Msg(message) => message.text(lang),
    }
}

/// `msg!("code", name = value, …)`: a [`Msg`] whose arguments are put in as written.
#[macro_export]
macro_rules! msg {
    ($code:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Msg::new($code)$(.arg(stringify!($name), $value))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_go_in_as_written_words_are_translated() {
        let m = msg!("unknown-key", key = "sumary").word("what", "what-park");
        assert_eq!(m.text(Lang::En), "unknown key `sumary` in a park");
        assert_eq!(m.text(Lang::Zh), "园区文件中有未知的键 `sumary`");
    }

    #[test]
    fn lists_are_joined_as_each_language_joins_them() {
        let m = Msg::new("one-of")
            .arg("key", "level")
            .arg("value", "nation")
            .list("allowed", ["national", "municipal"]);
        assert!(m.text(Lang::En).ends_with("national, municipal"));
        assert!(m.text(Lang::Zh).ends_with("national、municipal"));
    }

    #[test]
    fn language_tags_and_locales() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
        assert_eq!(Lang::from_tag("fr"), None);
        // The flag comes first, whatever the site says.
        assert_eq!(Lang::choose(Some("en"), Some("zh-CN")), Lang::En);
        assert_eq!(Lang::choose(Some("zh"), Some("en")), Lang::Zh);
    }
}
