//! Finds contact handles: Telegram, WhatsApp, LINE, WeChat, KakaoTalk, Signal, e-mail, phone.
//!
//! Links (`t.me/…`, `wa.me/…`, `line.me/…`, `open.kakao.com/…`, `signal.me/…`) are read
//! anywhere; bare IDs only where a label names the app (`微信: abc123`, `Telegram @hr_kh88`).
//! Values are normalized as DESIGN.md says: handles lower-case without `@`, phones in E.164.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// The kinds of contact lurewatch reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactKind {
    /// Telegram username, or an invite (`+code`).
    Telegram,
    /// WhatsApp number (E.164) or group invite (`group:code`).
    Whatsapp,
    /// LINE ID, or a group/invite code.
    Line,
    /// WeChat ID.
    Wechat,
    /// KakaoTalk ID, or an open-chat code (`open:code`).
    Kakao,
    /// Signal number (E.164) or username.
    Signal,
    /// E-mail address.
    Email,
    /// Phone number in E.164.
    Phone,
}

impl ContactKind {
    /// The lower-case name used in records and queries (`telegram`, `whatsapp`, …).
    pub fn name(self) -> &'static str {
        match self {
            ContactKind::Telegram => "telegram",
            ContactKind::Whatsapp => "whatsapp",
            ContactKind::Line => "line",
            ContactKind::Wechat => "wechat",
            ContactKind::Kakao => "kakao",
            ContactKind::Signal => "signal",
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
        }
    }
}

/// One contact handle, normalized.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Contact {
    /// Which app or medium.
    pub kind: ContactKind,
    /// The normalized handle, number or address.
    pub value: String,
}

/// Telegram paths that are not usernames.
const TELEGRAM_RESERVED: &[&str] = &[
    "share",
    "joinchat",
    "addstickers",
    "addemoji",
    "proxy",
    "socks",
    "iv",
    "login",
    "setlanguage",
    "addtheme",
    "bg",
    "confirmphone",
    "c",
    "s",
    "boost",
    "contact",
    "addlist",
    "invoice",
];

macro_rules! pattern {
    ($name:ident, $source:expr) => {
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new($source).expect("contact patterns are valid"));
    };
}

pattern!(
    TELEGRAM_LINK,
    r"(?i)^(?:t\.me|telegram\.me|telegram\.dog)/(?:s/)?(\+[a-z0-9_\-]{10,}|joinchat/[a-z0-9_\-]{10,}|@?[a-z][a-z0-9_]{3,31})(?-u:\b)"
);
pattern!(
    TELEGRAM_RESOLVE,
    r"(?i)^tg://resolve\?domain=([a-z][a-z0-9_]{3,31})"
);
pattern!(
    AT_HANDLE,
    r"(?:^|[^A-Za-z0-9_.@])@([A-Za-z][A-Za-z0-9_]{3,31})(?-u:\b)"
);
pattern!(
    WHATSAPP_LINK,
    r"(?i)^(?:wa\.me/|whatsapp\.com/send/?\?phone=|whatsapp://send\?phone=)\+?(\d{7,15})"
);
pattern!(
    WHATSAPP_GROUP,
    r"(?i)^chat\.whatsapp\.com/(?:invite/)?([a-z0-9]{10,32})"
);
pattern!(
    LINE_LINK,
    r"(?i)^line\.me/(?:r/)?ti/(?:p/(?:~|@|%40)?([a-z0-9_.\-]{3,32})|g2?/([a-z0-9_\-]{6,}))"
);
pattern!(LINE_SHORT, r"(?i)^lin\.ee/([a-z0-9]{5,})");
pattern!(KAKAO_OPEN, r"(?i)^open\.kakao\.com/o/([a-z0-9]{5,})");
pattern!(
    SIGNAL_LINK,
    r"(?i)^signal\.me/#(?:p/(\+\d{7,15})|eu/([a-z0-9_.~\-]{3,64}))"
);
pattern!(
    EMAIL,
    r"(?i)(?-u:\b)[a-z0-9][a-z0-9._%+\-]{0,63}@[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,62}[a-z0-9])?)*\.[a-z]{2,24}(?-u:\b)"
);
pattern!(
    EMAIL_OBFUSCATED_AT,
    r"(?i)\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|<\s*at\s*>)\s*"
);
pattern!(
    EMAIL_OBFUSCATED_DOT,
    r"(?i)\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|<\s*dot\s*>)\s*"
);
pattern!(PHONE, r"(?:\+|(?-u:\b)00)[1-9][0-9 ().\-]{6,20}[0-9]");
pattern!(
    LABELLED_ID_LATIN,
    r"(?i)^(wechat|weixin|(?-u:\b)vx(?-u:\b)|(?-u:\b)wx(?-u:\b)|(?-u:\b)line(?-u:\b)|kakaotalk|(?-u:\b)kakao(?-u:\b)|telegram|(?-u:\b)tg(?-u:\b)|(?-u:\b)tele(?-u:\b)|signal)(?:\s*id)?\s*(?:[:：=]\s*@?|@)([A-Za-z][A-Za-z0-9_.\-]{3,31})"
);
pattern!(
    LABELLED_ID_NATIVE,
    r"(?i)^(微信号?|v信|威信|薇信|加v|ไลน์|ライン|라인|카카오톡|카톡|카카오|纸飞机|飞机|电报|電報|텔레그램|텔레|テレグラム|เทเลแกรม)(?:\s*(?:id|号|號|아이디|账号|帳號))?\s*[:：=]?\s*@?([A-Za-z][A-Za-z0-9_.\-]{3,31})"
);
pattern!(
    LABELLED_PHONE,
    r"(?i)^(whatsapp|(?-u:\b)wa(?-u:\b)|왓츠앱|signal|วอทส์แอพ)\s*[:：=\-]?\s*((?:\+|00)?[1-9][0-9 ().\-]{6,20}[0-9])"
);

/// Words that start a contact: link domains, and the apps' names used as labels.
#[derive(Clone, Copy)]
enum Trigger {
    /// A link domain (`t.me/`, `wa.me/`, …): the pattern that parses the rest.
    Link(&'static LazyLock<Regex>),
    /// An app's name in its users' script.
    NativeLabel(ContactKind),
    /// `[at]`, `(at)`, …: an e-mail address written to dodge harvesters.
    ObfuscatedEmail,
}

const LINK_TRIGGERS: &[(&str, &LazyLock<Regex>)] = &[
    ("t.me/", &TELEGRAM_LINK),
    ("telegram.me/", &TELEGRAM_LINK),
    ("telegram.dog/", &TELEGRAM_LINK),
    ("tg://resolve", &TELEGRAM_RESOLVE),
    ("wa.me/", &WHATSAPP_LINK),
    ("whatsapp.com/send", &WHATSAPP_LINK),
    ("whatsapp://send", &WHATSAPP_LINK),
    ("chat.whatsapp.com/", &WHATSAPP_GROUP),
    ("line.me/", &LINE_LINK),
    ("lin.ee/", &LINE_SHORT),
    ("open.kakao.com/o/", &KAKAO_OPEN),
    ("signal.me/#", &SIGNAL_LINK),
];

use ContactKind::{Kakao, Line, Signal, Telegram, Wechat, Whatsapp};

/// Apps' names in Latin letters, as labels before an ID or number.
const LATIN_LABELS: &[(&str, ContactKind)] = &[
    ("wechat", Wechat),
    ("weixin", Wechat),
    ("vx", Wechat),
    ("wx", Wechat),
    ("line", Line),
    ("kakaotalk", Kakao),
    ("kakao", Kakao),
    ("telegram", Telegram),
    ("tg", Telegram),
    ("tele", Telegram),
    ("signal", Signal),
    ("whatsapp", Whatsapp),
    ("wa", Whatsapp),
];

/// Apps' names in their users' scripts.
const NATIVE_LABELS: &[(&str, ContactKind)] = &[
    ("微信", Wechat),
    ("v信", Wechat),
    ("威信", Wechat),
    ("薇信", Wechat),
    ("加v", Wechat),
    ("ไลน์", Line),
    ("ライン", Line),
    ("라인", Line),
    ("카카오톡", Kakao),
    ("카톡", Kakao),
    ("카카오", Kakao),
    ("纸飞机", Telegram),
    ("飞机", Telegram),
    ("电报", Telegram),
    ("電報", Telegram),
    ("텔레그램", Telegram),
    ("텔레", Telegram),
    ("テレグラム", Telegram),
    ("เทเลแกรม", Telegram),
    ("왓츠앱", Whatsapp),
    ("วอทส์แอพ", Whatsapp),
];

/// How e-mail addresses are disguised (matched in lower case).
const EMAIL_DISGUISES: &[&str] = &["[at]", "(at)", "{at}", "<at>", "[ at ]", "( at )", "{ at }"];

/// One automaton finds every trigger in a single pass over the ASCII-lower-cased text (so it
/// can use its SIMD prefilter); the precise patterns then run only on the bytes after each hit.
static TRIGGERS: LazyLock<(AhoCorasick, Vec<Trigger>)> = LazyLock::new(|| {
    let mut words: Vec<&str> = Vec::new();
    let mut triggers = Vec::new();
    for (word, pattern) in LINK_TRIGGERS {
        words.push(word);
        triggers.push(Trigger::Link(pattern));
    }
    for (word, kind) in NATIVE_LABELS {
        words.push(word);
        triggers.push(Trigger::NativeLabel(*kind));
    }
    words.extend(EMAIL_DISGUISES);
    triggers.extend(EMAIL_DISGUISES.iter().map(|_| Trigger::ObfuscatedEmail));
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&words)
        .expect("the trigger words build an automaton");
    (automaton, triggers)
});

/// Bytes after a trigger that its pattern may read.
const TRIGGER_WINDOW: usize = 160;

/// Appends to `found` every contact in `text` that is not there yet.
pub fn find(text: &str, found: &mut Vec<Contact>) {
    let disguised_email = find_messengers(text, found);
    find_emails(text, disguised_email, found);
    for found_phone in PHONE.find_iter(text) {
        if let Some(number) = e164(found_phone.as_str()) {
            push_new(found, ContactKind::Phone, number);
        }
    }
}

/// Appends to `found` the messenger contacts in `text` (all but e-mail and phone) that are
/// not there yet; true when an e-mail address is disguised somewhere in `text`.
pub fn find_messengers(text: &str, found: &mut Vec<Contact>) -> bool {
    let (automaton, triggers) = &*TRIGGERS;
    let lower = text.to_ascii_lowercase();
    let mut disguised_email = false;
    for hit in automaton.find_iter(&lower) {
        let window = &text[hit.start()..window_end(text, hit.start())];
        match triggers[hit.pattern().as_usize()] {
            Trigger::Link(pattern) => {
                if let Some(captures) = pattern.captures(window) {
                    read_link(pattern, &captures, found);
                }
            }
            Trigger::NativeLabel(kind) => read_labelled(window, kind, &LABELLED_ID_NATIVE, found),
            Trigger::ObfuscatedEmail => disguised_email = true,
        }
    }
    find_latin_labels(text, &lower, found);
    find_telegram_mentions(text, found);
    disguised_email
}

/// Labels in Latin letters count only before a separator (`WeChat: …`, `LINE ID: …`,
/// `Telegram @…`), so the separators are what is searched for, and the label read backwards.
fn find_latin_labels(text: &str, lower: &str, found: &mut Vec<Contact>) {
    let bytes = lower.as_bytes();
    let separators =
        memchr::memchr3_iter(b':', b'@', b'=', bytes).chain(memchr::memmem::find_iter(bytes, "："));
    for separator in separators {
        let end = trim_spaces_before(bytes, separator);
        let label = latin_label_ending_at(lower, end).or_else(|| {
            let end_of_label = lower[..end].strip_suffix("id")?.len();
            latin_label_ending_at(lower, trim_spaces_before(bytes, end_of_label))
        });
        if let Some((label_start, kind)) = label {
            let window = &text[label_start..window_end(text, label_start)];
            read_labelled(window, kind, &LABELLED_ID_LATIN, found);
        }
    }
}

fn trim_spaces_before(bytes: &[u8], mut end: usize) -> usize {
    while end > 0 && bytes[end - 1] == b' ' {
        end -= 1;
    }
    end
}

/// Where a Latin app label that ends at `end` (as a whole word) starts, and its app.
fn latin_label_ending_at(lower: &str, end: usize) -> Option<(usize, ContactKind)> {
    let before = &lower[..end];
    if !before
        .as_bytes()
        .last()
        .is_some_and(u8::is_ascii_alphabetic)
    {
        return None;
    }
    LATIN_LABELS
        .iter()
        .filter(|(label, _)| before.ends_with(label))
        .map(|(label, kind)| (end - label.len(), *kind))
        .find(|&(start, _)| super::normalize::is_whole_word(lower, start, end))
}

fn window_end(text: &str, start: usize) -> usize {
    super::normalize::floor_boundary(text, (start + TRIGGER_WINDOW).min(text.len()))
}

fn read_link(pattern: &LazyLock<Regex>, captures: &regex::Captures, found: &mut Vec<Contact>) {
    let first = captures.get(1).map(|group| group.as_str());
    let second = captures.get(2).map(|group| group.as_str());
    if std::ptr::eq(pattern, &TELEGRAM_LINK) {
        let Some(handle) = first.map(|handle| handle.trim_start_matches('@')) else {
            return;
        };
        if handle.starts_with('+') || handle.starts_with("joinchat/") {
            let code = handle
                .trim_start_matches("joinchat/")
                .trim_start_matches('+');
            push_new(found, ContactKind::Telegram, format!("+{code}"));
        } else if !TELEGRAM_RESERVED.contains(&handle.to_ascii_lowercase().as_str())
            && handle.len() >= 5
        {
            push_new(found, ContactKind::Telegram, handle.to_ascii_lowercase());
        }
    } else if std::ptr::eq(pattern, &TELEGRAM_RESOLVE) {
        if let Some(handle) = first {
            push_new(found, ContactKind::Telegram, handle.to_ascii_lowercase());
        }
    } else if std::ptr::eq(pattern, &WHATSAPP_LINK) {
        if let Some(number) = first.and_then(|digits| e164(&format!("+{digits}"))) {
            push_new(found, ContactKind::Whatsapp, number);
        }
    } else if std::ptr::eq(pattern, &WHATSAPP_GROUP) {
        if let Some(code) = first {
            push_new(found, ContactKind::Whatsapp, format!("group:{code}"));
        }
    } else if std::ptr::eq(pattern, &LINE_LINK) {
        match (first, second) {
            (Some(id), _) => push_new(found, ContactKind::Line, id.to_ascii_lowercase()),
            (None, Some(group)) => push_new(found, ContactKind::Line, format!("group:{group}")),
            (None, None) => {}
        }
    } else if std::ptr::eq(pattern, &LINE_SHORT) {
        if let Some(code) = first {
            push_new(found, ContactKind::Line, format!("lin.ee/{code}"));
        }
    } else if std::ptr::eq(pattern, &KAKAO_OPEN) {
        if let Some(code) = first {
            push_new(found, ContactKind::Kakao, format!("open:{code}"));
        }
    } else if std::ptr::eq(pattern, &SIGNAL_LINK) {
        match (first, second) {
            (Some(number), _) => {
                if let Some(number) = e164(number) {
                    push_new(found, ContactKind::Signal, number);
                }
            }
            (None, Some(username)) => {
                push_new(found, ContactKind::Signal, username.to_ascii_lowercase())
            }
            (None, None) => {}
        }
    }
}

/// An ID or number written right after the app's name: `微信: abc123`, `WhatsApp +855 …`.
fn read_labelled(window: &str, kind: ContactKind, id_pattern: &Regex, found: &mut Vec<Contact>) {
    if matches!(kind, ContactKind::Whatsapp | ContactKind::Signal) {
        if let Some(number) = LABELLED_PHONE
            .captures(window)
            .and_then(|captures| e164(&captures[2]))
        {
            push_new(found, kind, number);
        }
        return;
    }
    let Some(captures) = id_pattern.captures(window) else {
        return;
    };
    let value = captures[2]
        .trim_end_matches(['.', '-'])
        .to_ascii_lowercase();
    let is_word = matches!(
        value.as_str(),
        "only"
            | "chat"
            | "group"
            | "channel"
            | "contact"
            | "official"
            | "account"
            | "number"
            | "please"
    );
    if !is_word && value.len() >= 4 {
        push_new(found, kind, value);
    }
}

/// The app a label names, from the label tables.
fn label_kind(label: &str) -> Option<ContactKind> {
    LATIN_LABELS
        .iter()
        .chain(NATIVE_LABELS)
        .find(|(known, _)| known.eq_ignore_ascii_case(label))
        .map(|(_, kind)| *kind)
}

/// `@handle` on a line where the last app named before it is Telegram.
fn find_telegram_mentions(text: &str, found: &mut Vec<Contact>) {
    if !text.contains('@') {
        return;
    }
    for captures in AT_HANDLE.captures_iter(text) {
        let handle = captures.get(1).expect("group 1 always takes part");
        let window_start =
            super::normalize::floor_boundary(text, handle.start().saturating_sub(80));
        let window = &text[window_start..handle.start()];
        let line = window.rsplit('\n').next().unwrap_or(window);
        if last_app_named(line) == Some(ContactKind::Telegram) {
            push_new(
                found,
                ContactKind::Telegram,
                handle.as_str().to_ascii_lowercase(),
            );
        }
    }
}

/// The app whose name stands last in `window`: a Telegram word, or another app's label.
fn last_app_named(window: &str) -> Option<ContactKind> {
    static LATIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:telegram|tg|tele|whatsapp|wa|line|wechat|weixin|vx|wx|kakao(?:talk)?|signal)(?-u:\b)")
            .expect("the app-name pattern is valid")
    });
    let (automaton, _) = &*TRIGGERS;
    let lower = window.to_ascii_lowercase();
    let latin = LATIN_NAME
        .find_iter(&lower)
        .last()
        .map(|hit| (hit.start(), hit.end()));
    let native = automaton
        .find_iter(&lower)
        .filter(|hit| {
            matches!(
                TRIGGERS.1[hit.pattern().as_usize()],
                Trigger::NativeLabel(_)
            )
        })
        .last()
        .map(|hit| (hit.start(), hit.end()));
    let (start, end) = latin.into_iter().chain(native).max()?;
    label_kind(&lower[start..end])
}

fn find_emails(text: &str, disguised: bool, found: &mut Vec<Contact>) {
    let readable = if disguised {
        let text = EMAIL_OBFUSCATED_AT.replace_all(text, "@");
        std::borrow::Cow::Owned(EMAIL_OBFUSCATED_DOT.replace_all(&text, ".").into_owned())
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    if !readable.contains('@') {
        return;
    }
    for email in EMAIL.find_iter(&readable) {
        let email = email.as_str().to_ascii_lowercase();
        let file_like = [
            ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".css", ".js",
        ]
        .iter()
        .any(|extension| email.ends_with(extension));
        if !file_like {
            push_new(found, ContactKind::Email, email);
        }
    }
}

/// A phone number in international form, validated and written in E.164.
fn e164(written: &str) -> Option<String> {
    let digits: String = written
        .chars()
        .filter(|character| character.is_ascii_digit() || *character == '+')
        .collect();
    let international = match digits.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None if digits.starts_with('+') => digits,
        None => format!("+{digits}"),
    };
    let number = phonenumber::parse(None, &international).ok()?;
    phonenumber::is_valid(&number)
        .then(|| number.format().mode(phonenumber::Mode::E164).to_string())
}

/// Words that follow an app's name but are not handles ("飞机 Telegram @hr…").
const NOT_HANDLES: &[&str] = &[
    "telegram",
    "whatsapp",
    "line",
    "wechat",
    "weixin",
    "kakao",
    "kakaotalk",
    "signal",
    "tg",
];

fn push_new(found: &mut Vec<Contact>, kind: ContactKind, value: String) {
    if NOT_HANDLES.contains(&value.to_ascii_lowercase().as_str()) {
        return;
    }
    let contact = Contact { kind, value };
    if !found.contains(&contact) {
        found.push(contact);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<(ContactKind, String)> {
        let mut found = Vec::new();
        find(text, &mut found);
        found
            .into_iter()
            .map(|contact| (contact.kind, contact.value))
            .collect()
    }

    #[test]
    fn telegram_forms() {
        for text in [
            "https://t.me/HR_KH88",
            "telegram.me/hr_kh88",
            "t.me/s/hr_kh88",
            "tg://resolve?domain=hr_kh88",
            "Contact us on Telegram: @HR_kh88",
            "飞机 @hr_kh88",
            "飞机 Telegram @hr_kh88",
        ] {
            assert!(
                scan(text).contains(&(ContactKind::Telegram, "hr_kh88".into())),
                "{text}"
            );
        }
        assert!(scan("email me @hr_kh88").is_empty());
        assert!(
            !scan("飞机 Telegram @hr_kh88").contains(&(ContactKind::Telegram, "telegram".into()))
        );
    }

    #[test]
    fn whatsapp_line_wechat_kakao_signal() {
        let found = scan(
            "wa.me/85512345678 line.me/ti/p/~recruit.th 微信: abc_2024 open.kakao.com/o/gAbC123 \
             signal.me/#p/+85512345678",
        );
        assert!(found.contains(&(ContactKind::Whatsapp, "+85512345678".into())));
        assert!(found.contains(&(ContactKind::Line, "recruit.th".into())));
        assert!(found.contains(&(ContactKind::Wechat, "abc_2024".into())));
        assert!(found.contains(&(ContactKind::Kakao, "open:gAbC123".into())));
        assert!(found.contains(&(ContactKind::Signal, "+85512345678".into())));
    }

    #[test]
    fn emails_are_deobfuscated_and_phones_normalized() {
        let found = scan("hr [at] example (dot) com, call +855 12 345 678, logo@2x.png");
        assert!(found.contains(&(ContactKind::Email, "hr@example.com".into())));
        assert!(found.contains(&(ContactKind::Phone, "+85512345678".into())));
        assert_eq!(found.len(), 2);
    }
}
