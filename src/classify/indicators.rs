//! Red-flag indicators from public reports (`shared/domain/INDICATORS.md`): each one that fires
//! gives the model a feature and the analyst a reason in plain words ("destination:
//! Sihanoukville, Cambodia", "returns: 3% per day").
//!
//! Terms live in `lexicon.tsv` (one line per term, in every language of the ads) and are found
//! by Aho-Corasick automata walked from where words begin; numeric cues (returns per day, age
//! ranges) are patterns, stated pay is read with its currency (`pay`), and a fee asked of
//! applicants with the amount after it (`fees`). An indicator is evidence, not a verdict: honest ads and news warnings carry the
//! same words, and the model weighs them against everything else on the page.

use super::folded::Folded;
use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, StartKind, dfa, nfa::contiguous};
use regex::Regex;
use std::sync::LazyLock;

/// The indicators, in the order of their model features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    /// A named place of the compounds, or a transit hub.
    Destination,
    /// Pay far above the norm.
    HighPay,
    /// A monthly pay figure, high or not: a feature for the model (honest job ads state pay,
    /// and so do scams), never a reason.
    StatedPay,
    /// No experience, degree or language asked for.
    NoRequirements,
    /// A typing test or typing speed.
    Typing,
    /// The employer pays flights, visa, housing, meals.
    Perks,
    /// Bait job titles (customer service, data entry, …).
    BaitTitle,
    /// An employer that cannot be checked: not named, a "foreign company", no contract or
    /// work visa.
    UnnamedEmployer,
    /// Contact only through a messaging app.
    PrivateContact,
    /// A narrow age range.
    AgeLimit,
    /// Advance pay or debt relief.
    AdvancePay,
    /// Payment for recruiting others.
    ReferralBounty,
    /// Pre-emptive reassurance ("no detention").
    Reassurance,
    /// Pressure to leave now.
    Urgency,
    /// Fixed or guaranteed returns.
    GuaranteedReturns,
    /// VIP tiers and minimum deposits.
    VipDeposit,
    /// Multi-level referral commissions.
    ReferralCommission,
    /// Crypto-only deposits.
    CryptoDeposit,
    /// Fees or "taxes" before withdrawal.
    WithdrawalFee,
    /// Trial money, early small payouts.
    TrialMoney,
    /// Task or "optimization" jobs.
    TaskScam,
    /// Trading-platform cues (AI quant, mining machines, seconds contracts).
    FakePlatform,
    /// An offer to trace, unfreeze or return money already lost to a scam, which charges fees
    /// along the way (a "recovery scam": the second theft from the same victims).
    RecoveryOffer,
    /// How investment-fraud victims are reached and steered: a dating app, a wrong-number
    /// message, a "teacher" who guides trades in a chat group, insider tips.
    Approach,
    /// A job that must be paid for before it starts: training, registration, a deposit, kit.
    UpfrontFee,
    /// A job that asks for bank logins, one-time codes, ID card photos or the bank card.
    CredentialsAsked,
    /// A job that moves money or goods: payments through one's own account, a rented bank
    /// account, cash collection, parcels to forward.
    MoneyMule,
}

impl Indicator {
    /// Every indicator, in feature order.
    pub const ALL: [Indicator; 27] = [
        Indicator::Destination,
        Indicator::HighPay,
        Indicator::StatedPay,
        Indicator::NoRequirements,
        Indicator::Typing,
        Indicator::Perks,
        Indicator::BaitTitle,
        Indicator::UnnamedEmployer,
        Indicator::PrivateContact,
        Indicator::AgeLimit,
        Indicator::AdvancePay,
        Indicator::ReferralBounty,
        Indicator::Reassurance,
        Indicator::Urgency,
        Indicator::GuaranteedReturns,
        Indicator::VipDeposit,
        Indicator::ReferralCommission,
        Indicator::CryptoDeposit,
        Indicator::WithdrawalFee,
        Indicator::TrialMoney,
        Indicator::TaskScam,
        Indicator::FakePlatform,
        Indicator::RecoveryOffer,
        Indicator::Approach,
        Indicator::UpfrontFee,
        Indicator::CredentialsAsked,
        Indicator::MoneyMule,
    ];

    /// The id used in `lexicon.tsv` and the model file.
    pub fn id(self) -> &'static str {
        match self {
            Indicator::Destination => "destination",
            Indicator::HighPay => "high_pay",
            Indicator::StatedPay => "stated_pay",
            Indicator::NoRequirements => "no_requirements",
            Indicator::Typing => "typing",
            Indicator::Perks => "perks",
            Indicator::BaitTitle => "bait_title",
            Indicator::UnnamedEmployer => "unnamed_employer",
            Indicator::PrivateContact => "private_contact",
            Indicator::AgeLimit => "age_limit",
            Indicator::AdvancePay => "advance_pay",
            Indicator::ReferralBounty => "referral_bounty",
            Indicator::Reassurance => "reassurance",
            Indicator::Urgency => "urgency",
            Indicator::GuaranteedReturns => "guaranteed_returns",
            Indicator::VipDeposit => "vip_deposit",
            Indicator::ReferralCommission => "referral_commission",
            Indicator::CryptoDeposit => "crypto_deposit",
            Indicator::WithdrawalFee => "withdrawal_fee",
            Indicator::TrialMoney => "trial_money",
            Indicator::TaskScam => "task_scam",
            Indicator::FakePlatform => "fake_platform",
            Indicator::RecoveryOffer => "recovery_offer",
            Indicator::Approach => "approach",
            Indicator::UpfrontFee => "upfront_fee",
            Indicator::CredentialsAsked => "credentials_asked",
            Indicator::MoneyMule => "money_mule",
        }
    }

    /// How honest pages deny this red flag, if they name it to deny it.
    /// - Fees and what a scam asks of you, with a denial anywhere earlier in the clause, since
    ///   one may cover a list ("công ty không thu phí đào tạo", "公司不收取任何押金、体检费").
    /// - Perks, contact, typing, deposits, tasks and the like, with a denial just before or
    ///   after, in one part of a list ("no sign-up bonus", "không hỗ trợ vé máy bay",
    ///   "가입 보너스는 없으며"): the scam's own ads list these after a denial of something else
    ///   ("No experience, free flight").
    /// - Returns promised, as a disclaimer denies them ("không đảm bảo lợi nhuận", "不承诺保本").
    /// - A fee to withdraw, denied by a denial or a word for free beside it ("提现免手续费",
    ///   "zero withdrawal fees", "출금 수수료 무료").
    /// - None for the red flags worded as denials ("no experience needed", "no detention").
    fn denial(self) -> Option<Denial> {
        match self {
            Indicator::UpfrontFee | Indicator::CredentialsAsked | Indicator::MoneyMule => {
                Some(Denial::InTheClause)
            }
            Indicator::WithdrawalFee => Some(Denial::FreeNextToIt),
            Indicator::GuaranteedReturns
            | Indicator::Perks
            | Indicator::PrivateContact
            | Indicator::Typing
            | Indicator::AgeLimit
            | Indicator::AdvancePay
            | Indicator::ReferralBounty
            | Indicator::VipDeposit
            | Indicator::ReferralCommission
            | Indicator::TrialMoney
            | Indicator::TaskScam => Some(Denial::NextToIt),
            _ => None,
        }
    }

    /// True for the indicators that are red flags, and so reasons for the analyst.
    pub fn is_red_flag(self) -> bool {
        self != Indicator::StatedPay
    }

    /// The words that open this indicator's reason.
    fn heading(self) -> &'static str {
        match self {
            Indicator::Destination => "destination",
            Indicator::HighPay => "pay",
            Indicator::StatedPay => "pay stated",
            Indicator::NoRequirements => "requirements",
            Indicator::Typing => "typing test",
            Indicator::Perks => "perk",
            Indicator::BaitTitle => "job title",
            Indicator::UnnamedEmployer => "employer",
            Indicator::PrivateContact => "contact",
            Indicator::AgeLimit => "age limit",
            Indicator::AdvancePay => "advance pay",
            Indicator::ReferralBounty => "recruiting bounty",
            Indicator::Reassurance => "reassurance",
            Indicator::Urgency => "urgency",
            Indicator::GuaranteedReturns => "returns",
            Indicator::VipDeposit => "VIP tiers",
            Indicator::ReferralCommission => "referral commission",
            Indicator::CryptoDeposit => "crypto deposits",
            Indicator::WithdrawalFee => "withdrawal fee",
            Indicator::TrialMoney => "trial money",
            Indicator::TaskScam => "tasks",
            Indicator::FakePlatform => "platform",
            Indicator::RecoveryOffer => "recovery offer",
            Indicator::Approach => "approach",
            Indicator::UpfrontFee => "upfront fee",
            Indicator::CredentialsAsked => "asks for",
            Indicator::MoneyMule => "money mule",
        }
    }

    fn from_id(id: &str) -> Option<Indicator> {
        Indicator::ALL
            .into_iter()
            .find(|indicator| indicator.id() == id)
    }
}

/// One indicator that fired, with what it saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Which indicator.
    pub indicator: Indicator,
    /// What was seen, in English ("free flight", "3% per day").
    pub evidence: Vec<String>,
}

impl Hit {
    /// The reason an analyst reads: "perk: free flight and housing".
    pub fn reason(&self) -> String {
        format!("{}: {}", self.indicator.heading(), self.evidence.join(", "))
    }
}

/// The display of a fee word that is a reason only with an amount after it (`lexicon.tsv`).
const ONLY_WITH_AMOUNT: &str = "-";

/// How many pieces of evidence one reason names at most.
const MAX_EVIDENCE: usize = 3;

/// Each automaton is walked anchored, from the places where its terms can begin: a term that
/// begins with a Latin letter or digit counts only as a whole word, so it is looked for only
/// where a word begins, and those walks stay near the automaton's start, in the processor's
/// cache (an unanchored pass over every byte of an English page visits states all over a
/// 1,300-term DFA).
struct Lexicon {
    /// Terms written in ASCII (each begins with a letter or digit), as a DFA.
    ascii: Part<dfa::DFA>,
    /// Terms that begin with an ASCII letter or digit and go on in another script
    /// (Vietnamese, Malay with accents): tried only where a character outside ASCII follows
    /// within `mixed_reach` bytes, since each contains one.
    mixed: Part<contiguous::NFA>,
    /// Terms that begin outside ASCII (Chinese, Thai, Korean…), tried where such a character
    /// begins.
    other: Part<contiguous::NFA>,
    /// The longest ASCII start of a `mixed` term, in bytes.
    mixed_reach: usize,
    /// The words that `ascii` and `mixed` terms begin with: a word of the page that begins
    /// none is passed over without walking an automaton (most words of a page).
    first_words: FirstWords,
    /// Each distinct string the automata look for, with what it is used for, and whether it
    /// begins or ends with a Latin letter (then it counts only as a whole word).
    patterns: Vec<Pattern>,
    /// Terms that are parts of a sentence: `(indicator, display, how many parts)`.
    pairs: Vec<(Indicator, &'static str, usize)>,
}

struct Pattern {
    text: String,
    /// Whether it begins, and whether it ends, with a Latin letter or digit: that edge must
    /// then be a word's edge («tg» of «联系tg» after «月薪3000», but not «tg» inside «tgx»).
    latin_start: bool,
    latin_end: bool,
    uses: Vec<Use>,
    /// True when every use is as part of a pair term.
    part_only: bool,
    /// The patterns that are only parts of pair terms and begin this one ("tài khoản" of "tài
    /// khoản ngân hàng"), longest first: found with it, since only the longest match at a
    /// place is reported.
    prefix_parts: Vec<usize>,
}

/// What finding a pattern means.
#[derive(Clone, Copy)]
enum Use {
    /// A term of its own: `(indicator, display)`.
    Term(Indicator, &'static str),
    /// Part `index` of pair term `pair`.
    Part { pair: usize, index: usize },
}

/// A set of ASCII words (letters and digits, any case), as bits of their hashes: a word not
/// in it is surely not one of the words added; a word in it may be.
struct FirstWords(Vec<u64>);

impl FirstWords {
    const BITS: u32 = 1 << 16;

    fn new<'w>(words: impl Iterator<Item = &'w [u8]>) -> Self {
        let mut bits = FirstWords(vec![0; (Self::BITS / 64) as usize]);
        for word in words {
            let bit = Self::bit(word);
            bits.0[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        bits
    }

    fn may_hold(&self, word: &[u8]) -> bool {
        let bit = Self::bit(word);
        self.0[(bit / 64) as usize] & (1 << (bit % 64)) != 0
    }

    /// FNV-1a of the word in lower case, folded to `BITS`.
    fn bit(word: &[u8]) -> u32 {
        let hash = word.iter().fold(0x811c_9dc5_u32, |hash, byte| {
            (hash ^ u32::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0193)
        });
        (hash ^ (hash >> 16)) % Self::BITS
    }
}

/// The letters and digits that begin `bytes` (a word, where a word of ASCII begins).
fn ascii_word(bytes: &[u8]) -> &[u8] {
    let end = (bytes.iter())
        .position(|byte| !byte.is_ascii_alphanumeric())
        .unwrap_or(bytes.len());
    &bytes[..end]
}

/// One automaton and the pattern of each of its patterns.
struct Part<A> {
    automaton: A,
    patterns: Vec<usize>,
}

impl<A: Automaton> Part<A> {
    /// The longest of this part's terms that begins at `start` in `bytes` and, by
    /// `stands_alone(end, pattern)`, stands as whole words there: `(end, pattern)`.
    fn longest_at(
        &self,
        bytes: &[u8],
        start: usize,
        stands_alone: impl Fn(usize, usize) -> bool,
    ) -> Option<(usize, usize)> {
        let automaton = &self.automaton;
        let mut state = automaton.start_state(Anchored::Yes).ok()?;
        let mut longest = None;
        for (read, byte) in bytes[start..].iter().enumerate() {
            state = automaton.next_state(Anchored::Yes, state, *byte);
            if !automaton.is_special(state) {
                continue;
            }
            if automaton.is_dead(state) {
                break;
            }
            if automaton.is_match(state) {
                let pattern_id = automaton.match_pattern(state, 0);
                // A match state also carries terms that begin after `start`.
                let (end, pattern) = (start + read + 1, self.patterns[pattern_id.as_usize()]);
                if automaton.pattern_len(pattern_id) == read + 1 && stands_alone(end, pattern) {
                    longest = Some((end, pattern));
                }
            }
        }
        longest
    }
}

/// The parts of a pair term must stand in one clause, in order, with at most this many
/// characters between one and the next.
const PAIR_GAP: usize = 60;

/// What separates the parts of a pair term in `lexicon.tsv`.
const PAIR_SEPARATOR: &str = " … ";

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut pattern_of: std::collections::HashMap<String, usize> = Default::default();
    let mut pairs = Vec::new();
    let mut find_or_add = |text: &str, used: Use| {
        let index = *pattern_of.entry(text.to_owned()).or_insert_with(|| {
            patterns.push(Pattern {
                text: text.to_owned(),
                latin_start: text.starts_with(|character: char| character.is_ascii_alphanumeric()),
                latin_end: text.ends_with(|character: char| character.is_ascii_alphanumeric()),
                uses: Vec::new(),
                part_only: true,
                prefix_parts: Vec::new(),
            });
            patterns.len() - 1
        });
        patterns[index].part_only &= matches!(used, Use::Part { .. });
        patterns[index].uses.push(used);
    };
    for (indicator, term, display) in lexicon_lines() {
        let parts: Vec<&str> = term.split(PAIR_SEPARATOR).collect();
        if parts.len() == 1 {
            find_or_add(&term, Use::Term(indicator, display));
            continue;
        }
        for (index, part) in parts.iter().enumerate() {
            find_or_add(
                part,
                Use::Part {
                    pair: pairs.len(),
                    index,
                },
            );
        }
        pairs.push((indicator, display, parts.len()));
    }
    let parts_by_text: std::collections::HashMap<String, usize> = (patterns.iter().enumerate())
        .filter(|(_, pattern)| pattern.part_only)
        .map(|(index, pattern)| (pattern.text.clone(), index))
        .collect();
    for pattern in &mut patterns {
        let text = &pattern.text;
        let ends: Vec<usize> = text.char_indices().skip(1).map(|(end, _)| end).collect();
        pattern.prefix_parts = (ends.into_iter().rev())
            .filter_map(|end| parts_by_text.get(&text[..end]).copied())
            .collect();
    }
    let mut parts: [(Vec<&str>, Vec<usize>); 3] = Default::default();
    let mut mixed_reach = 0;
    for (index, pattern) in patterns.iter().enumerate() {
        let term = pattern.text.as_str();
        let outside_ascii = term.find(|character: char| !character.is_ascii());
        assert!(
            outside_ascii == Some(0)
                || term.starts_with(|character: char| character.is_ascii_alphanumeric()),
            "a lexicon term that begins in ASCII begins with a letter or digit: {term}"
        );
        let part = match outside_ascii {
            None => 0,
            Some(0) => 2,
            Some(prefix) => {
                mixed_reach = mixed_reach.max(prefix);
                1
            }
        };
        parts[part].0.push(term);
        parts[part].1.push(index);
    }
    let [
        (ascii, ascii_patterns),
        (mixed, mixed_patterns),
        (other, other_patterns),
    ] = parts;
    let first_words =
        FirstWords::new((ascii.iter().chain(&mixed)).map(|term| ascii_word(term.as_bytes())));
    let nfa = |terms: Vec<&str>| {
        contiguous::NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(terms)
            .expect("the lexicon builds an automaton")
    };
    Lexicon {
        ascii: Part {
            automaton: dfa::DFA::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .ascii_case_insensitive(true)
                .build(ascii)
                .expect("the lexicon builds an automaton"),
            patterns: ascii_patterns,
        },
        mixed: Part {
            automaton: nfa(mixed),
            patterns: mixed_patterns,
        },
        other: Part {
            automaton: nfa(other),
            patterns: other_patterns,
        },
        mixed_reach,
        first_words,
        patterns,
        pairs,
    }
});

/// The lexicon's terms: `(indicator, term, display)`, in lower case.
fn lexicon_lines() -> impl Iterator<Item = (Indicator, String, &'static str)> {
    include_str!("lexicon.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (id, term, display) = (fields.next()?, fields.next()?, fields.next()?);
            let term = Folded::new(term.trim()).text().to_ascii_lowercase();
            Some((Indicator::from_id(id.trim())?, term, display.trim()))
        })
        // «can't», «driver's license» as typed with a typographic apostrophe too.
        .flat_map(|(indicator, term, display)| {
            let curly = term.contains('\'').then(|| term.replace('\'', "\u{2019}"));
            std::iter::once(term)
                .chain(curly)
                .map(move |term| (indicator, term, display))
        })
}

impl Lexicon {
    /// The terms found in `text` as `(start, end, entry)`, leftmost first and longest at
    /// each place, none overlapping, and whole words where they begin or end with a Latin
    /// letter or digit: as one automaton of all the terms, tried at every place, would find
    /// them (`settle`).
    fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut all: Vec<(usize, usize, usize)> = Vec::new();
        // Where the next character outside ASCII begins (the lead byte of its UTF-8 form).
        let lead_from = |from: usize| {
            (bytes[from..].iter().position(|byte| *byte >= 0xC0)).map_or(usize::MAX, |at| from + at)
        };
        let mut next_lead = lead_from(0);
        let alone = |start| move |end, pattern| self.stands_alone(bytes, start, end, pattern);
        let mut start = 0;
        while let Some(byte) = bytes.get(start) {
            let (found, next) = if *byte >= 0xC0 {
                (self.other.longest_at(bytes, start, alone(start)), start + 1)
            } else if byte.is_ascii_alphanumeric() {
                // A word begins (the one before was passed over whole).
                let word = ascii_word(&bytes[start..]);
                let found = self.first_words.may_hold(word).then(|| {
                    if next_lead < start {
                        next_lead = lead_from(start);
                    }
                    let mixed = (next_lead - start <= self.mixed_reach)
                        .then(|| self.mixed.longest_at(bytes, start, alone(start)))
                        .flatten();
                    self.ascii.longest_at(bytes, start, alone(start)).max(mixed)
                });
                (found.flatten(), start + word.len())
            } else {
                (None, start + 1)
            };
            if let Some((end, pattern)) = found {
                self.push_with_prefix_parts(text, (start, end, pattern), &mut all);
            }
            start = next;
        }
        self.settle(all)
    }

    /// Leftmost first, at each place the longest with the parts that begin it, and nothing
    /// that begins inside a term (a part of pair terms hides nothing).
    fn settle(&self, mut all: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
        all.sort_unstable_by_key(|(start, end, pattern)| {
            (*start, std::cmp::Reverse(*end), *pattern)
        });
        let (mut end, mut last_start) = (0, None);
        all.retain(|found| {
            let part_only = self.patterns[found.2].part_only;
            let keep = if Some(found.0) == last_start {
                part_only
            } else {
                found.0 >= end
            };
            if keep {
                last_start = Some(found.0);
                if !part_only {
                    end = found.1;
                }
            }
            keep
        });
        all
    }

    /// Appends a match, and the parts of pair terms that begin it, each where it stands as
    /// whole words if it must.
    fn push_with_prefix_parts(
        &self,
        text: &str,
        (start, end, pattern): (usize, usize, usize),
        all: &mut Vec<(usize, usize, usize)>,
    ) {
        let parts = self.patterns[pattern].prefix_parts.iter();
        let found = std::iter::once((start, end, pattern))
            .chain(parts.map(|part| (start, start + self.patterns[*part].text.len(), *part)));
        all.extend(found.filter(|(start, end, pattern)| {
            self.stands_alone(text.as_bytes(), *start, *end, *pattern)
        }));
    }

    /// Whether `pattern`, found at `start..end` of `bytes`, stands as whole words where it
    /// begins or ends with a Latin letter or digit.
    fn stands_alone(&self, bytes: &[u8], start: usize, end: usize, pattern: usize) -> bool {
        let Pattern {
            latin_start,
            latin_end,
            ..
        } = self.patterns[pattern];
        let in_word = |at: Option<&u8>| at.is_some_and(u8::is_ascii_alphanumeric);
        let joined_before =
            latin_start && in_word(start.checked_sub(1).map(|before| &bytes[before]));
        let joined_after = latin_end && in_word(bytes.get(end));
        !joined_before && !joined_after
    }
}

macro_rules! pattern {
    ($name:ident, $source:expr) => {
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new($source).expect("indicator patterns are valid"));
    };
}

pattern!(
    RETURNS_PER_PERIOD,
    r"(?i)(\d{1,2}(?:[.,]\d{1,2})?)\s*[%％]\s*(?:(?:return|returns|profit|interest|roi|yield|bonus)\s+)?(?:(?:per|a|every|each|/)\s*(day|hour|week)|(daily|hourly|weekly)|(?:ต่อ|ทุก)\s*(วัน|ชั่วโมง|สัปดาห์)|(?:mỗi|/|một)\s*(ngày|giờ|tuần)|(?:per|setiap|se)\s*(hari|jam|minggu)|(?:sehari|harian)|/(日|天|时|小時|小时|周|週)|(?:每|一)(天|日|小时|小時|周|週))"
);
pattern!(
    RETURNS_PREFIXED,
    r"(?i)(?:日收益|日利率?|日化|每日收益|每天|每日|一天|毎日|日利|하루|매일|일일|일\s*수익|รายวัน|วันละ|mỗi ngày|hằng ngày|harian|sehari)\s*(?:收益|回报|利润|수익|수익률)?\s*[:：]?\s*(\d{1,2}(?:[.,]\d{1,2})?)\s*[%％]"
);
pattern!(
    AGE_RANGE,
    concat!(
        r"(?i)(?:(?-u:\b)(?:age|aged|ages)(?-u:\b)|年龄|年齡|年齢|나이|연령|อายุ|độ tuổi|tuổi|usia|umur)",
        r"\s*[:：]?\s*(?:from|từ|dari|ตั้งแต่)?\s*",
        r"(1[6-9]|2\d)\s*(?:岁|歲|세|살|歳|ปี|tuổi|tahun|years? old|y/?o)?\s*(?:[-~–〜～至到]|부터|から|sampai|hingga|to|until|đến|tới|ถึง)\s*([2-4]\d)",
        r"|(1[6-9]|2\d)\s*(?:岁|歲|세|살|歳|tuổi|years? old|y/?o|t)?\s*(?:[-~–〜～至到]|부터|から|to|đến|tới)\s*([2-4]\d)\s*(?:岁|歲|세(?:[^대]|$)|살|歳|tuổi|years? old|y/?o|t(?:[^\p{L}\p{N}]|$))",
        r"|(?-u:\b)(?:under|below|bawah|dưới|không quá)\s*([2-4]\d)\s*(?:岁|歲|세|살|歳|tuổi|tahun|years? old|y/?o)",
        r"|([2-4]\d)\s*(?:岁|歲|歳|세|살)\s*(?:以下|以内|以內|이하|まで)",
        // 二十到三十五岁, 未滿三十五歲, 三十五岁以下
        r"|(十[六七八九]|二十[一二三四五六七八九]?)\s*(?:周|週)?(?:岁|歲)?\s*[-~–至到]\s*([二三四]十[一二三四五六七八九]?)\s*(?:周|週)?(?:岁|歲)",
        r"|未[满滿]\s*([三四]十[一二三四五六七八九]?|[34]\d)\s*(?:周|週)?(?:岁|歲)",
        r"|([二三四]十[一二三四五六七八九]?)\s*(?:周|週)?(?:岁|歲)\s*(?:以下|以内|以內)",
        // tuổi không quá 35
        r"|(?:tuổi|usia|umur)\s*(?:không quá|dưới|di bawah|bawah)\s*([2-4]\d)(?:[^\d]|$)"
    )
);

pattern!(PERCENT, r"[%％]");
pattern!(AGE_RANGE_SIGN, r"[12]\d\s*(?:[-~–〜～至到]|to\s)");
pattern!(
    AGE_WORD,
    r"(?i)years old|y/o|usia|umur|tuổi|tahun|岁|歲|歳|세|살|ปี|อายุ|나이|연령|年龄|年齡|年齢"
);

/// The stretches of `text` from `before` bytes ahead of each trigger span to `after` bytes
/// past it, joined where they overlap, with their offsets.
fn windows(
    text: &str,
    triggers: impl Iterator<Item = (usize, usize)>,
    before: usize,
    after: usize,
) -> Vec<(usize, &str)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (trigger_start, trigger_end) in triggers {
        let start = crate::extract::floor_boundary(text, trigger_start.saturating_sub(before));
        let end = crate::extract::ceil_boundary(text, trigger_end + after);
        match spans.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => spans.push((start, end)),
        }
    }
    spans
        .into_iter()
        .map(|(start, end)| (start, &text[start..end]))
        .collect()
}

/// The spans of `pattern`'s matches in `text`.
fn spans<'t>(pattern: &'t Regex, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
    pattern
        .find_iter(text)
        .map(|found| (found.start(), found.end()))
}

/// Every indicator that fires on `text`, in feature order.
pub fn detect(text: &str) -> Vec<Hit> {
    let folded = Folded::new(text);
    let (written, text) = (&folded, folded.text());
    for pattern in [
        &PERCENT,
        &AGE_RANGE_SIGN,
        &AGE_WORD,
        &RETURNS_PER_PERIOD,
        &RETURNS_PREFIXED,
        &AGE_RANGE,
    ] {
        LazyLock::force(pattern);
    }
    let mut evidence: Vec<Vec<String>> = vec![Vec::new(); Indicator::ALL.len()];
    let lexicon = &*LEXICON;
    // Pair terms begun: (pair, the next part, where the first began, where the last ended).
    let mut begun: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (start, end, pattern) in lexicon.find(text) {
        let pattern = &lexicon.patterns[pattern];
        for used in &pattern.uses {
            let (indicator, display, first_start) = match *used {
                Use::Term(indicator, display) => (indicator, display, start),
                Use::Part { pair, index: 0 } => {
                    // A later first part replaces one still waiting for its second; those
                    // too far behind to go on are dropped (a character takes at most 4 bytes).
                    begun.retain(|&(begun_pair, next, _, last_end)| {
                        !(begun_pair == pair && next == 1)
                            && start.saturating_sub(last_end) <= 4 * PAIR_GAP
                    });
                    begun.push((pair, 1, start, end));
                    continue;
                }
                Use::Part { pair, index } => {
                    let Some(at) = begun.iter().position(|&(begun_pair, next, _, last_end)| {
                        begun_pair == pair && next == index && in_one_clause(text, last_end, start)
                    }) else {
                        continue;
                    };
                    let (indicator, display, parts) = lexicon.pairs[pair];
                    // A denial may stand before any later part ("pay … no registration fee"),
                    // after the part before it: the term's own words deny nothing ("cannot
                    // withdraw … without paying").
                    if let Some(denial) = indicator.denial()
                        && denied(written, begun[at].3, start, end, denial)
                    {
                        begun.swap_remove(at);
                        continue;
                    }
                    begun[at].1 += 1;
                    begun[at].3 = end;
                    if begun[at].1 < parts {
                        continue;
                    }
                    (indicator, display, begun.swap_remove(at).2)
                }
            };
            // Or before the first part, or the term.
            if let Some(denial) = indicator.denial()
                && denied(written, 0, first_start, end, denial)
            {
                continue;
            }
            // A fee is shown with its amount where one follows ("ค่าสมัคร 150 บาท").
            let amount_end = (indicator == Indicator::UpfrontFee)
                .then(|| super::fees::amount_after(text, end))
                .flatten();
            let item = match amount_end {
                Some(amount_end) => written
                    .as_written(first_start, amount_end)
                    .trim()
                    .to_owned(),
                None if display == ONLY_WITH_AMOUNT => continue,
                None => display.to_owned(),
            };
            add(&mut evidence[indicator as usize], item);
        }
    }
    // The patterns below are the slowest part of a page's indicators, so each reads only the
    // stretches of text around what every one of its matches contains: a per-cent sign, or
    // a two-digit number followed by a range sign, or a word for years of age.
    let percent_windows = windows(text, spans(&PERCENT, text), 64, 48);
    for captures in percent_windows
        .iter()
        .flat_map(|(_, window)| RETURNS_PER_PERIOD.captures_iter(window))
    {
        let period = (2..=7)
            .find_map(|group| captures.get(group))
            .map_or("day", |period| period_in_english(period.as_str()));
        add(
            &mut evidence[Indicator::GuaranteedReturns as usize],
            format!("{}% per {period}", &captures[1]),
        );
    }
    for captures in percent_windows
        .iter()
        .flat_map(|(_, window)| RETURNS_PREFIXED.captures_iter(window))
    {
        add(
            &mut evidence[Indicator::GuaranteedReturns as usize],
            format!("{}% per day", &captures[1]),
        );
    }
    for ((start, end), far_above_the_norm) in super::pay::statements(text) {
        let stated = written.as_written(start, end).trim();
        add(
            &mut evidence[Indicator::StatedPay as usize],
            stated.to_owned(),
        );
        if far_above_the_norm {
            add(
                &mut evidence[Indicator::HighPay as usize],
                stated.to_owned(),
            );
        }
    }
    let mut age_spans: Vec<_> = spans(&AGE_RANGE_SIGN, text)
        .chain(spans(&AGE_WORD, text))
        .collect();
    age_spans.sort_unstable();
    if let Some(captures) = windows(text, age_spans.into_iter(), 40, 40)
        .into_iter()
        .find_map(|(_, window)| AGE_RANGE.captures(window))
    {
        // The first of `groups` that matched, in digits ("三十五" is 35).
        let group = |groups: &[usize]| {
            let found = groups
                .iter()
                .find_map(|group| captures.get(*group))?
                .as_str();
            Some(
                super::numerals::value(found)
                    .map_or_else(|| found.to_owned(), |age| age.to_string()),
            )
        };
        let limit = match (
            group(&[1, 3, 7]),
            group(&[2, 4, 8]),
            group(&[5, 6, 9, 10, 11]),
        ) {
            (Some(low), Some(high), _) => format!("ages {low}–{high}"),
            (_, _, Some(high)) => format!("under {high}"),
            _ => String::new(),
        };
        add(&mut evidence[Indicator::AgeLimit as usize], limit);
    }
    Indicator::ALL
        .into_iter()
        .zip(evidence)
        .filter(|(_, evidence)| !evidence.is_empty())
        .map(|(indicator, evidence)| Hit {
            indicator,
            evidence,
        })
        .collect()
}

/// How far from a red flag's words a denial of it may stand ([`Indicator::denial`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Denial {
    /// Before it in its clause, at most 48 characters; or just after it (8).
    InTheClause,
    /// Just before it (16 characters, 10 of Chinese or Japanese) or after it (12, at most
    /// one more word), in one item of a list.
    NextToIt,
    /// As `NextToIt`, where a word for free denies it too: a fee.
    FreeNextToIt,
}

impl Denial {
    /// The phrases that hold a denial word but deny nothing, before a red flag and after it:
    /// threats beside any fee, what a scam says beside its offers, and money that cannot be
    /// withdrawn beside a fee to withdraw.
    fn denying_nothing(
        self,
    ) -> (
        &'static [&'static [&'static str]],
        &'static [&'static [&'static str]],
    ) {
        match self {
            Denial::InTheClause => (&[THREATS_BEFORE], &[]),
            Denial::NextToIt => (&[NOT_DENIALS_BEFORE], &[NOT_DENIALS_AFTER]),
            Denial::FreeNextToIt => (
                &[NOT_DENIALS_BEFORE, THREATS_BEFORE, CANNOT_WITHDRAW_BEFORE],
                &[NOT_DENIALS_AFTER, CANNOT_WITHDRAW_AFTER],
            ),
        }
    }
}

/// Words that deny what follows them ("no registration fee", "不收取任何押金、体检费") or, in
/// Korean and Japanese, what precedes them ("교육비 없음", "登録料不要").
const DENIALS_BEFORE: &[&str] = &[
    "no ",
    "not ",
    "never ",
    "don't ",
    "won't ",
    "without ",
    "free of ",
    "zero ",
    "miễn ",
    "không ",
    "chẳng ",
    "tidak ",
    "tiada ",
    "tanpa ",
    "bukan ",
    "jangan ",
    "đừng ",
    "ไม่",
    "อย่า",
    "ปลอด",
    "不",
    "无",
    "無",
    "免",
    "没有",
    "沒有",
    "未",
    "勿",
    "别",
    "別",
];
const DENIALS_AFTER: &[&str] = &["없", "않", "무료", "不要", "なし", "無料", "ません"];

/// The words of a fee's denial that praise a perk instead ("免费机票", "숙소 무료", "miễn phí vé
/// máy bay") or end a scam's own condition ("チャージしないと出金できません"), and what else
/// denies a perk or a test after it ("登録ボーナスはなく", "打字速度没有要求", "出金手数料はかかりません").
const NOT_DENIALS_NEXT_TO_IT: &[&str] = &["免", "free of ", "miễn ", "무료", "無料", "ません"];
const DENIALS_AFTER_NEXT_TO_IT: &[&str] = &[
    "かかりません",
    "はなく",
    "はありません",
    "はございません",
    "されていません",
    "のない",
    "ではない",
    "아닙니다",
    "아님",
    "没有要求",
    "沒有要求",
];

/// Words for free that deny a fee but would praise a perk ("bebas biaya penarikan",
/// "ฟรีค่าธรรมเนียมการถอน", "提现手续费全免", "출금 수수료 면제").
const FREE_BEFORE: &[&str] = &["gratis ", "bebas ", "percuma ", "ฟรี"];
const FREE_AFTER: &[&str] = &["全免", "免除", "면제", "0円", "0원"];

/// What a scam says beside its red flags that holds a denial word but denies nothing it
/// offers ("不限学历包吃住", "未経験OK 寮完備", "無料送迎・寮完備", "寮完備で家賃の心配はありません",
/// "紹介報酬だけではなく", "zero risk guaranteed returns", "无论涨跌都稳赚", "원금보장 걱정없는").
const NOT_DENIALS_BEFORE: &[&str] = &[
    "不限",
    "无需",
    "無需",
    "不需",
    "不用",
    "无经验",
    "無經驗",
    "未经验",
    "未經驗",
    "未経験",
    "無料",
    "no risk",
    "zero risk",
    "without risk",
    "no loss",
    "never lose",
    "không rủi ro",
    "không lo lỗ",
    "tanpa risiko",
    "tiada risiko",
    "tidak ada risiko",
    "tidak akan rugi",
    "ไม่มีความเสี่ยง",
    "ไม่ขาดทุน",
    "无风险",
    "無風險",
    "没有风险",
    "沒有風險",
    "不亏",
    "不虧",
    "不赔",
    "不賠",
    "无论",
    "無論",
    "不论",
    "不論",
    "不管",
    "足不出户",
    "足不出戶",
    "不懂",
    "无门槛",
    "無門檻",
    "don't miss",
    "jangan lewatkan",
    "đừng bỏ lỡ",
    "อย่าพลาด",
    "别错过",
    "別錯過",
    "不要错过",
    "不要錯過",
    "miễn là",
    "避免",
    "以免",
];
const NOT_DENIALS_AFTER: &[&str] = &[
    "ではなく",
    "心配はありません",
    "問題ありません",
    "リスクなし",
    "リスクはありません",
    "損失なし",
    "損はありません",
    "리스크 없",
    "리스크없",
    "손실 없",
    "손실없",
    "손해 없",
    "손해없",
    "위험 없",
    "위험없",
    "걱정 없",
    "걱정없",
    "부담 없",
    "부담없",
    "어김없",
    "틀림없",
    "않으면",
    "않을 경우",
];

/// A scam's threat about its fee, which holds a denial word: if you do not pay, or have not
/// paid ("如不缴纳押金将无法入职", "未缴纳个人所得税", "nếu không nộp thì tài khoản bị đóng
/// băng", "jika tidak bayar pajak dulu"). "You don't pay withdrawal fees" and "bạn không phải
/// trả phí rút tiền" still deny one.
const THREATS_BEFORE: &[&str] = &[
    "如不",
    "若不",
    "如果不",
    "如未",
    "若未",
    "如果没有",
    "如果沒有",
    "未缴",
    "未繳",
    "未交",
    "尚未",
    "没有缴",
    "沒有繳",
    "没有交",
    "沒有交",
    "没交",
    "沒交",
    "if you do not",
    "if you don't",
    "if not",
    "nếu không",
    "nếu bạn không",
    "nếu quý khách không",
    "jika tidak",
    "jika anda tidak",
    "jika tak",
    "kalau tidak",
    "kalau tak",
    "sekiranya tidak",
    "หากไม่",
    "ถ้าไม่",
];

/// The money that cannot be withdrawn until a fee is paid ("无法提现", "ถอนไม่ได้เพราะต้องจ่าย
/// ค่าธรรมเนียม"): beside a fee to withdraw only, since "公司不能收取押金" denies a fee up front.
const CANNOT_WITHDRAW_BEFORE: &[&str] = &[
    "无法",
    "無法",
    "不能",
    "提不出",
    "领不出",
    "領不出",
    "không thể",
    "tidak bisa",
    "tidak dapat",
    "tidak boleh",
    "tak boleh",
    "ไม่สามารถ",
    "ถอนไม่ได้",
    "ถอนเงินไม่ได้",
    "cannot",
    "can't",
    "not be able to",
    "won't be able to",
    "unable to",
    "not be released",
    "won't be released",
];

/// The same, after a fee or an order to pay that ends in the withdrawal ("세금을 납부해야
/// 출금이 되지 않습니다" is no denial).
const CANNOT_WITHDRAW_AFTER: &[&str] = &[
    "출금이 되지 않",
    "출금되지 않",
    "출금이 안 ",
    "출금할 수 없",
    "출금할수 없",
    "출금할수없",
    "출금이 불가",
    "출금 불가",
];

/// Chinese verbs that take what follows them, so that a space after one ends no item ("不提供
/// 包吃住", "不承诺 保证收益").
const DENYING_VERBS: &[&str] = &[
    "提供", "收取", "承诺", "承諾", "保证", "保證", "负责", "負責", "报销", "報銷", "包含", "支付",
];

/// How many characters before the window a phrase that denies nothing may begin.
const FOLD_REACH: usize = 12;

/// True when a denial stands near the term at `start..end`, in the text from `from` on.
fn denied(folded: &Folded, from: usize, start: usize, end: usize, denial: Denial) -> bool {
    let text = folded.text();
    let (wide, item, after) = match denial {
        Denial::InTheClause => (
            text[clause_start(text, start, 48).max(from)..start].to_lowercase(),
            0,
            text[end..clause_end(text, end, 8)].to_owned(),
        ),
        Denial::NextToIt | Denial::FreeNextToIt => beside(folded, from, start, end),
    };
    if !denies(&wide[item..], &after, denial) {
        return false;
    }
    // A denial must still stand once the phrases that deny nothing are blanked out (looked
    // for only when one stands: they are many). They may begin before the window and end in
    // the term itself ("jika tidak bayar pajak dulu").
    // After it, they are read with the term ("출금이 되지 않습니다" after "납부해야 출금").
    let (before_phrases, after_phrases) = denial.denying_nothing();
    let term = &text[start..end];
    let mut before = wide.clone() + &term.to_lowercase();
    for phrases in before_phrases {
        blank_out(&mut before, phrases);
    }
    let mut after = term.to_owned() + &after;
    for phrases in after_phrases {
        blank_out(&mut after, phrases);
    }
    denies(&before[item..wide.len()], &after[term.len()..], denial)
}

/// What stands right beside the term at `start..end`: the text before it (from `from` on),
/// lower-cased and [`FOLD_REACH`] characters wider than the window, with where the window's
/// item of a list begins in it; and the text after it.
fn beside(folded: &Folded, from: usize, start: usize, end: usize) -> (String, usize, String) {
    let text = folded.text();
    // Chinese and Japanese say in 10 characters what other scripts say in 16 (and the fold
    // has taken out the spaces between their words).
    let reach = if text[..start]
        .chars()
        .next_back()
        .is_some_and(crate::extract::is_ideograph)
    {
        10
    } else {
        16
    };
    let wide_start = clause_start(text, start, reach + FOLD_REACH).max(from);
    let wide = text[wide_start..start].to_lowercase();
    let window = wide
        .char_indices()
        .rev()
        .nth(reach - 1)
        .map_or(0, |(at, _)| at);
    let mut item = window
        + list_items(' ', &wide[window..])
            .last()
            .map_or(0, |item| item.end);
    // Or where the fold took out a space that ended an item of Chinese or Japanese, unless
    // the word before it denies what follows ("本公司 不提供 包吃住").
    if wide.len() == start - wide_start
        && let Some(at) = (wide_start + item..=start).rev().find(|at| {
            folded.spaced_before(*at)
                && !DENYING_VERBS.iter().any(|verb| text[..*at].ends_with(verb))
        })
    {
        item = at - wide_start;
    }
    // After it, at most one more word in Korean ("가입 보너스는 없으며", "출금 수수료 무료",
    // not "꽁머니 입금 없이").
    let after = &text[end..clause_end(text, end, 12)];
    let last = text[..end].chars().next_back().unwrap_or(' ');
    let after = &after[..list_items(last, after)
        .first()
        .map_or(after.len(), |item| item.start)];
    // Or two, where the word after is a verb's denial ("원금 보장이 되지 않습니다").
    let words = if after
        .match_indices(' ')
        .nth(1)
        .is_some_and(|(at, _)| after[..at].ends_with('지') && after[at + 1..].starts_with('않'))
    {
        2
    } else {
        1
    };
    let after = after
        .match_indices(' ')
        .nth(words)
        .map_or(after, |(at, _)| &after[..at])
        .to_owned();
    (wide, item, after)
}

/// Replaces each of `phrases` in `text` by as many spaces, so that offsets stay where they were.
fn blank_out(text: &mut String, phrases: &[&str]) {
    for phrase in phrases {
        if text.contains(phrase) {
            *text = text.replace(phrase, &" ".repeat(phrase.len()));
        }
    }
}

/// True when a denial word of `denial`'s kind stands in `before` or in `after`.
fn denies(before: &str, after: &str, denial: Denial) -> bool {
    // "ません" ends a scam's own condition after a fee too ("税金を支払わないと出金できません").
    let counts = |word: &&&str| match denial {
        Denial::InTheClause => true,
        Denial::NextToIt => !NOT_DENIALS_NEXT_TO_IT.contains(*word),
        Denial::FreeNextToIt => **word != "ません",
    };
    let (after_words, free_before, free_after): (&[&str], &[&str], &[&str]) = match denial {
        Denial::InTheClause => (&[], &[], &[]),
        Denial::NextToIt => (DENIALS_AFTER_NEXT_TO_IT, &[], &[]),
        Denial::FreeNextToIt => (DENIALS_AFTER_NEXT_TO_IT, FREE_BEFORE, FREE_AFTER),
    };
    // A Latin denial is a word of its own: "no " in "casino " is not one.
    let stands_alone = |at: usize| {
        !before[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    DENIALS_BEFORE
        .iter()
        .filter(counts)
        .chain(free_before)
        .any(|word| {
            before.match_indices(word).any(|(at, _)| {
                !word.starts_with(|c: char| c.is_ascii_alphabetic()) || stands_alone(at)
            })
        })
        || DENIALS_AFTER
            .iter()
            .filter(counts)
            .chain(after_words)
            .chain(free_after)
            .any(|word| after.contains(word))
}

/// Where `text` separates the items of a list: a comma, or a space after a word of a script
/// written without spaces or after a sign (Thai ads list with spaces: "ไม่จำกัดวุฒิ ที่พักฟรี";
/// chat ads with emoji: "꽁머니 🎁 입금 없이"). The fold has taken out the spaces between
/// Chinese or Japanese characters, so their lists run together. `previous` is the character
/// before `text`.
fn list_items(previous: char, text: &str) -> Vec<std::ops::Range<usize>> {
    text.char_indices()
        .zip(std::iter::once(previous).chain(text.chars()))
        .filter(|((_, character), previous)| {
            matches!(character, ',' | '、')
                || (*character == ' '
                    && (crate::extract::is_unspaced(*previous) || !previous.is_alphanumeric()))
        })
        .map(|((at, character), _)| at..at + character.len_utf8())
        .collect()
}

/// True when `text[from..to]` is short and stays in one clause: the gap between two parts of
/// a pair term.
fn in_one_clause(text: &str, from: usize, to: usize) -> bool {
    from <= to
        && text[from..to]
            .chars()
            .take(PAIR_GAP + 1)
            .try_fold(0, |count, character| {
                (!CLAUSE_ENDS.contains(character)).then_some(count + 1)
            })
            .is_some_and(|count| count <= PAIR_GAP)
}

/// Where the clause that holds `start` begins, at most `reach` characters before it: after
/// the last sentence end or Chinese comma ("包吃住免费机票，入职押金500元": the 免 of the
/// first clause says nothing of the deposit).
pub(super) fn clause_start(text: &str, start: usize, reach: usize) -> usize {
    let reach_start = text[..start]
        .char_indices()
        .rev()
        .nth(reach.saturating_sub(1))
        .map_or(0, |(index, _)| index);
    text[reach_start..start]
        .char_indices()
        .rfind(|(_, character)| CLAUSE_ENDS.contains(*character))
        .map_or(reach_start, |(at, character)| {
            reach_start + at + character.len_utf8()
        })
}

/// Where the clause that holds `end` ends, at most `reach` characters after it.
pub(super) fn clause_end(text: &str, end: usize, reach: usize) -> usize {
    text[end..]
        .char_indices()
        .take(reach)
        .find(|(_, character)| CLAUSE_ENDS.contains(*character))
        .map(|(at, _)| end + at)
        .unwrap_or_else(|| {
            text[end..]
                .char_indices()
                .nth(reach)
                .map_or(text.len(), |(at, _)| end + at)
        })
}

/// What ends a clause: a sentence's end, a line's, a Chinese or Japanese comma. Not an ASCII
/// comma, which also separates the items of a denied list ("no registration, training or
/// uniform fees").
const CLAUSE_ENDS: &str = ".!?;\n。！？；，";

/// Adds a piece of evidence unless one already says it ("Cambodia" after "Phnom Penh, Cambodia",
/// "phí hồ sơ 5 triệu" after "PHÍ HỒ SƠ 5 TRIỆU").
fn add(evidence: &mut Vec<String>, item: String) {
    let lower = item.to_lowercase();
    if evidence
        .iter()
        .any(|known| known.to_lowercase().contains(&lower))
    {
        return;
    }
    evidence.retain(|known| !lower.contains(&known.to_lowercase()));
    if evidence.len() < MAX_EVIDENCE {
        evidence.push(item);
    }
}

fn period_in_english(period: &str) -> &'static str {
    match period.to_lowercase().as_str() {
        "hour" | "hourly" | "ชั่วโมง" | "giờ" | "jam" | "时" | "小時" | "小时" => {
            "hour"
        }
        "week" | "weekly" | "สัปดาห์" | "tuần" | "minggu" | "周" | "週" => "week",
        _ => "day",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(text: &str) -> Vec<String> {
        detect(text).iter().map(Hit::reason).collect()
    }

    #[test]
    fn returns_are_read_in_every_language() {
        for text in [
            "Earn 3% per day, guaranteed",
            "每天 3% 收益",
            "日收益3%",
            "하루 3% 수익",
            "กำไร 3% ต่อวัน",
            "lãi 3% mỗi ngày",
            "untung 3% per hari",
        ] {
            assert!(
                reasons(text)
                    .iter()
                    .any(|reason| reason.contains("3% per day")),
                "{text}: {:?}",
                reasons(text)
            );
        }
    }

    #[test]
    fn pay_and_age() {
        let found = reasons("Salary $1,500 per month, age 18-35");
        assert!(
            found.iter().any(|reason| reason.starts_with("pay: $1,500")),
            "{found:?}"
        );
        assert!(
            found.contains(&"age limit: ages 18–35".to_owned()),
            "{found:?}"
        );
        assert!(
            reasons("年龄18-35岁，月薪20000")
                .iter()
                .any(|reason| reason.starts_with("age limit"))
        );
    }

    /// Vietnamese posts are often written in capitals, and ads that dodge keyword filters in
    /// full-width or mathematical bold letters, or with Cyrillic lookalikes: their terms are
    /// found all the same, and quoted as written.
    #[test]
    fn terms_are_found_however_the_letters_are_written() {
        let lower = "Tuyển gấp nữ đi Campuchia, bao ăn ở, vé máy bay, không cần kinh nghiệm, \
                     liên hệ Telegram. Đặt cọc 500k trước khi nhận việc. Lương 1500$";
        let shifted = |text: &str, upper: u32, small: u32, digit: u32| -> String {
            text.chars()
                .map(|character| {
                    let base = match character {
                        'A'..='Z' => upper + (character as u32 - 'A' as u32),
                        'a'..='z' => small + (character as u32 - 'a' as u32),
                        '0'..='9' => digit + (character as u32 - '0' as u32),
                        _ => return character,
                    };
                    char::from_u32(base).expect("a letter")
                })
                .collect()
        };
        let full_width = shifted(lower, 0xFF21, 0xFF41, 0xFF10);
        let bold = shifted(lower, 0x1D400, 0x1D41A, 0x1D7CE);
        let cyrillic_a = lower.replace('a', "а");
        let indicators = |text: &str| -> Vec<Indicator> {
            detect(text).iter().map(|hit| hit.indicator).collect()
        };
        assert!(indicators(lower).len() >= 6, "{:?}", reasons(lower));
        for text in [&lower.to_uppercase(), &full_width, &bold, &cyrillic_a] {
            assert_eq!(indicators(text), indicators(lower), "{text}");
        }
        let upper = lower.to_uppercase();
        assert!(
            reasons(&upper).contains(&"upfront fee: ĐẶT CỌC 500K".to_owned()),
            "{:?}",
            reasons(&upper)
        );
        assert!(
            reasons(&bold).contains(&"pay: 𝟏𝟓𝟎𝟎$".to_owned()),
            "{:?}",
            reasons(&bold)
        );
        let twice = format!("{upper}. {lower}");
        assert!(
            reasons(&twice).contains(&"upfront fee: ĐẶT CỌC 500K".to_owned()),
            "the same fee in two cases is named once: {:?}",
            reasons(&twice)
        );
    }

    #[test]
    fn honest_ads_that_deny_a_fee_are_not_flagged_for_it() {
        for text in [
            "Direct hiring. No registration fee, beware of fake consultants.",
            "⚠ Công ty không thu phí tuyển dụng, phí đồng phục hay phí đào tạo.",
            "公司不收取任何押金、体检费、服装费，请勿相信中介收费。",
            "入职须知。不收任何培训费。",
            "Tidak ada biaya pelatihan atau seragam.",
        ] {
            assert!(
                !detect(text)
                    .iter()
                    .any(|hit| hit.indicator == Indicator::UpfrontFee),
                "{text}: {:?}",
                reasons(text)
            );
        }
        assert!(
            reasons("Before you start, pay the training fee of $150.")
                .iter()
                .any(|reason| reason.starts_with("upfront fee: ")),
            "{:?}",
            reasons("Before you start, pay the training fee of $150.")
        );
    }

    /// A fee with its amount, in each language of the ads; the same fee words without an
    /// amount are not one.
    #[test]
    fn a_fee_is_named_with_its_amount() {
        let fees = |text: &str| -> Vec<String> {
            detect(text)
                .into_iter()
                .filter(|hit| hit.indicator == Indicator::UpfrontFee)
                .flat_map(|hit| hit.evidence)
                .collect()
        };
        for (text, fee) in [
            (
                "Before you start, pay the training fee of $150.",
                "training fee of $150",
            ),
            ("入职前需交押金500元", "押金500元"),
            ("入職前需繳服裝費800元", "服裝費800元"),
            ("합격 후 교재비 35만원 선입금", "교재비 35만원"),
            ("登録料として3万円をお振込みください", "登録料として3万円"),
            ("ค่าสมัครสมาชิก 150 บาท เพื่อเปิดบัญชีพนักงาน", "ค่าสมัครสมาชิก 150 บาท"),
            (
                "Nộp phí đồng phục 350k trước khi đi làm",
                "phí đồng phục 350k",
            ),
            ("Wajib setor uang jaminan Rp2 juta", "uang jaminan Rp2 juta"),
            ("Yuran pendaftaran RM150 sahaja", "Yuran pendaftaran RM150"),
            // Capitalized where a sentence begins, though the lexicon writes "đặt cọc".
            ("Đặt cọc 500k trước khi nhận việc", "Đặt cọc 500k"),
            // A threat of not paying is no denial of the fee.
            ("如不缴纳押金500元将无法入职", "押金500元"),
            (
                "Nếu không nộp phí đồng phục 350k thì không được đi làm",
                "phí đồng phục 350k",
            ),
            (
                "Jika tidak bayar uang jaminan Rp2 juta, tidak bisa mulai kerja",
                "uang jaminan Rp2 juta",
            ),
            // Denials of another clause or inside another word do not count.
            ("包吃住免费机票，入职押金500元", "入职押金500元"),
            (
                "Casino staff must pay the training fee of $200",
                "training fee of $200",
            ),
        ] {
            assert_eq!(fees(text), vec![fee], "{text}");
        }
        for text in [
            "Tidak ada biaya pelatihan atau seragam.",
            "Uniform cost: covered by the company.",
            "Processing fee: none. Salary $2,000 per month",
            "Application fee waived, hours 9-5",
            "보증금 500만원에 월세 50만원",
            "押金在哪里交？",
            "本公司不能收取押金500元",
        ] {
            assert!(fees(text).is_empty(), "{text}: {:?}", fees(text));
        }
    }

    /// A Unicode word boundary stops the regex crate's fast engine at the first character
    /// outside ASCII, and the pattern then reads every page with the slow one (20 times
    /// slower on EMSCAD postings); `(?-u:\b)` is the ASCII boundary.
    #[test]
    fn no_pattern_has_a_unicode_word_boundary() {
        for pattern in [
            &*RETURNS_PER_PERIOD,
            &*RETURNS_PREFIXED,
            &*AGE_RANGE,
            &*PERCENT,
            &*AGE_RANGE_SIGN,
            &*AGE_WORD,
            &*super::super::pay::PAY,
            &*super::super::fees::AMOUNT,
        ] {
            let source = pattern.as_str().replace("(?-u:\\b)", "");
            assert!(!source.contains("\\b"), "{}", pattern.as_str());
        }
    }

    /// A pair term fires when its parts stand in order in one clause, and not across clauses,
    /// out of order or far apart.
    #[test]
    fn pair_terms_need_their_parts_in_one_clause() {
        let mule = |text: &str| {
            detect(text)
                .iter()
                .any(|hit| hit.indicator == Indicator::MoneyMule)
        };
        assert!(mule(
            "You will receive customer payments into your own account and forward them."
        ));
        assert!(!mule(
            "You will receive training. Payments go to your account monthly."
        ));
        assert!(!mule("Your account gets payments we receive."));
        let fee = |text: &str| {
            detect(text)
                .iter()
                .any(|hit| hit.indicator == Indicator::UpfrontFee)
        };
        assert!(!fee(
            "The company will pay your visa, and there is no registration fee."
        ));
        assert!(!mule(&format!(
            "receive {} payments into your account",
            "very ".repeat(20)
        )));
    }

    #[test]
    fn lexicon_loads_every_indicator() {
        let present: std::collections::HashSet<Indicator> = (LEXICON.patterns.iter())
            .flat_map(|pattern| &pattern.uses)
            .filter_map(|used| match used {
                Use::Term(indicator, _) => Some(*indicator),
                Use::Part { .. } => None,
            })
            .chain(LEXICON.pairs.iter().map(|(indicator, ..)| *indicator))
            .collect();
        for indicator in Indicator::ALL
            .into_iter()
            .filter(|indicator| *indicator != Indicator::StatedPay)
        {
            assert!(present.contains(&indicator), "{indicator:?} has no terms");
        }
    }

    /// A term of Latin letters is found only as whole words: the Malaysian «IC» (identity
    /// card) of a pair term is not read inside «public», and a match inside a word hides
    /// nothing after it.
    #[test]
    fn terms_are_found_only_as_whole_words() {
        let found = |text: &str| -> Vec<String> {
            (LEXICON.find(text).into_iter())
                .map(|(start, end, _)| text[start..end].to_owned())
                .collect()
        };
        assert!(!found("a specific public clinic").contains(&"ic".to_owned()));
        // Only a Latin edge must be a word's edge: «联系tg» after digits.
        assert!(found("月薪3000联系tg").contains(&"联系tg".to_owned()));
        // A longer term that is not a whole word here leaves the shorter one that is.
        assert!(found("biaya pendaftaran kerjanya").contains(&"biaya pendaftaran".to_owned()));
        // An apostrophe as typed or as typeset.
        assert!(
            found("we can’t say the company name")
                .contains(&"can’t say the company name".to_owned())
        );
        assert!(found("kirim gambar ic via whatsapp").contains(&"ic".to_owned()));
        let hits = detect("Kirim gambar IC anda melalui WhatsApp kepada kami hari ini.");
        assert!(
            hits.iter()
                .any(|hit| hit.indicator == Indicator::CredentialsAsked),
            "{hits:?}"
        );
    }

    /// The three automata, tried where words and characters outside ASCII begin, find what
    /// every term found anywhere would give (one automaton reporting every match, written
    /// apart from the code it checks): at each place the longest term that stands as whole
    /// words where it has a Latin edge, with the parts of pair terms that begin it. Checked on
    /// every written training and hold-out page (all eight languages) and on mixed lines.
    #[test]
    fn the_split_lexicon_finds_what_one_automaton_would() {
        let lexicon = &*LEXICON;
        let terms: Vec<&str> = (lexicon.patterns.iter())
            .map(|pattern| pattern.text.as_str())
            .collect();
        let every = aho_corasick::AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&terms)
            .expect("the lexicon builds");
        let mut texts = vec![
            "Lương cao, thu nhập ổn định 包吃包住 TELEGRAM only, 캄보디아 근무".to_owned(),
            "x包a吃—lương—".to_owned(),
            "republic IC card: gambar ic card via whatsapp; xpay account".to_owned(),
            "月薪3000联系tg, biaya pendaftaran kerjanya, we can’t say the company name".to_owned(),
        ];
        for folder in ["models/training", "models/holdout"] {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
            for file in std::fs::read_dir(folder).expect("written examples exist") {
                let text = std::fs::read_to_string(file.expect("a file").path()).expect("text");
                texts.extend(text.lines().map(str::to_owned));
            }
        }
        let word_byte = |byte: Option<&u8>| byte.is_some_and(u8::is_ascii_alphanumeric);
        for text in &texts {
            let text = Folded::new(text).text().to_owned();
            let bytes = text.as_bytes();
            let mut at_start: std::collections::BTreeMap<usize, Vec<(usize, usize)>> =
                Default::default();
            for found in every.find_overlapping_iter(&text) {
                let (start, end, term) = (found.start(), found.end(), terms[found.pattern()]);
                let latin = |character: Option<char>| {
                    character.is_some_and(|character| character.is_ascii_alphanumeric())
                };
                let joined = (latin(term.chars().next())
                    && word_byte(start.checked_sub(1).map(|before| &bytes[before])))
                    || (latin(term.chars().next_back()) && word_byte(bytes.get(end)));
                if !joined {
                    at_start
                        .entry(start)
                        .or_default()
                        .push((end, found.pattern().as_usize()));
                }
            }
            let mut expected = Vec::new();
            for (start, mut found) in at_start {
                found.sort_unstable_by_key(|(end, _)| std::cmp::Reverse(*end));
                let (longest, rest) = found.split_first().expect("a match");
                expected.push((start, longest.0, longest.1));
                expected.extend(
                    (rest.iter())
                        .filter(|(end, pattern)| {
                            *end < longest.0 && lexicon.patterns[*pattern].part_only
                        })
                        .map(|(end, pattern)| (start, *end, *pattern)),
                );
            }
            let expected = lexicon.settle(expected);
            assert_eq!(lexicon.find(&text), expected, "{text}");
        }
    }
}
