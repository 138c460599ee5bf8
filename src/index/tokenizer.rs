//! One tokenizer for every language of the ads, registered with tantivy as
//! [`MULTILINGUAL`].
//!
//! - Scripts written with spaces (Latin, Vietnamese, Cyrillic, …): words, lower-cased, accents
//!   folded (`lương` → `luong`, `đ` → `d`), so a query finds a page with or without diacritics.
//! - Chinese, Japanese, Korean, Thai, Khmer, Lao and Burmese: overlapping character bigrams
//!   (a lone character stands alone). A query word becomes a phrase of bigrams, so `包吃包住`,
//!   `캄보디아` (also inside `캄보디아에서`) or `เงินเดือน` are found as words, with no dictionary
//!   and nothing to download.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name under which [`MultilingualTokenizer`] is registered.
pub const MULTILINGUAL: &str = "lurewatch_multilingual";

/// Splits text as described in the module documentation.
#[derive(Clone, Default)]
pub struct MultilingualTokenizer;

/// The tokens of one text, one at a time into a single reused token (a page has thousands of
/// them: one allocation each was a tenth of a crawl's indexing time).
pub struct MultilingualTokenStream<'a> {
    text: &'a str,
    /// Byte offset of the next character to read.
    cursor: usize,
    /// The last character read of a run of unspaced script, and whether the run has given a
    /// bigram yet (a run of one character stands alone).
    run: Option<(usize, char, bool)>,
    token: Token,
}

impl Tokenizer for MultilingualTokenizer {
    type TokenStream<'a> = MultilingualTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MultilingualTokenStream {
            text,
            cursor: 0,
            run: None,
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

impl TokenStream for MultilingualTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some(character) = self.text[self.cursor..].chars().next() else {
                return self.end_run();
            };
            let start = self.cursor;
            if is_unspaced(character) {
                self.cursor += character.len_utf8();
                let previous = self.run.replace((start, character, true));
                if let Some((offset, first, _)) = previous {
                    self.emit(offset, self.cursor);
                    self.token.text.extend([first, character]);
                    return true;
                }
                self.run = Some((start, character, false));
                continue;
            }
            if self.end_run() {
                return true;
            }
            if !character.is_alphanumeric() {
                self.cursor += character.len_utf8();
                continue;
            }
            // Most words are ASCII: read them byte by byte and lower-case them in one go.
            let ascii_length = self.text.as_bytes()[start..]
                .iter()
                .position(|byte| !byte.is_ascii_alphanumeric())
                .unwrap_or(self.text.len() - start);
            let end = start + ascii_length;
            if self.text.as_bytes().get(end).is_none_or(u8::is_ascii) {
                self.cursor = end;
                self.emit(start, end);
                self.token.text.push_str(&self.text[start..end]);
                self.token.text.make_ascii_lowercase();
                return true;
            }
            // The ASCII letters read so far belong to the word; it goes on from there.
            let end = self.text[end..]
                .find(|next: char| !next.is_alphanumeric() || is_unspaced(next))
                .map_or(self.text.len(), |length| end + length);
            self.cursor = end;
            self.emit(start, end);
            for next in self.text[start..end].chars() {
                push_folded(next, &mut self.token.text);
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl MultilingualTokenStream<'_> {
    /// Starts the next token at these offsets, with empty text.
    fn emit(&mut self, offset_from: usize, offset_to: usize) {
        self.token.offset_from = offset_from;
        self.token.offset_to = offset_to;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        self.token.text.clear();
    }

    /// Ends a run of unspaced script; true when that gives a token (a lone character).
    fn end_run(&mut self) -> bool {
        match self.run.take() {
            Some((offset, character, false)) => {
                self.emit(offset, offset + character.len_utf8());
                self.token.text.push(character);
                true
            }
            _ => false,
        }
    }
}

fn push_folded(character: char, word: &mut String) {
    match character {
        'đ' | 'Đ' => word.push('d'),
        _ if character.is_ascii() => word.push(character.to_ascii_lowercase()),
        _ => {
            let decomposed = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd()
                .normalize(character.encode_utf8(&mut [0; 4]))
                .into_owned();
            for part in decomposed
                .chars()
                .filter(|part| !('\u{0300}'..='\u{036F}').contains(part))
            {
                word.extend(part.to_lowercase());
            }
        }
    }
}

/// Scripts without spaces between words, and Hangul (whose words take particles).
fn is_unspaced(character: char) -> bool {
    crate::extract::is_unspaced(character) || crate::extract::is_hangul(character)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::query::QueryParser;
    use tantivy::schema::{IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};
    use tantivy::{Index, doc};

    fn tokenize(text: &str) -> Vec<Token> {
        let mut tokenizer = MultilingualTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().clone());
        }
        tokens
    }

    fn texts(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|token| token.text).collect()
    }

    #[test]
    fn words_fold_accents_and_unspaced_scripts_become_bigrams() {
        assert_eq!(texts("Lương CAO, đi ngay!"), ["luong", "cao", "di", "ngay"]);
        assert_eq!(texts("包吃包住"), ["包吃", "吃包", "包住"]);
        assert_eq!(texts("西 telegram"), ["西", "telegram"]);
        let tokens = tokenize("a 包住");
        assert_eq!((tokens[1].offset_from, tokens[1].offset_to), (2, 8));
        assert_eq!(texts("包a吃b西"), ["包", "a", "吃", "b", "西"]);
        assert_eq!(texts("USDT：캄보디아"), ["usdt", "캄보", "보디", "디아"]);
        assert_eq!(texts("USDT캄보 TRC20"), ["usdt", "캄보", "trc20"]);
        assert_eq!(
            texts("ABC-Def café1 xyzĐ Ñu"),
            ["abc", "def", "cafe1", "xyzd", "nu"]
        );
        let positions: Vec<usize> = tokenize("x 包住 y 西")
            .iter()
            .map(|token| token.position)
            .collect();
        assert_eq!(positions, [0, 1, 2, 3]);
    }

    /// A real tantivy index in memory: a word query in each language finds its page.
    #[test]
    fn a_word_in_each_language_finds_its_page() {
        let pages = [
            (
                "en",
                "Customer service agents wanted in Sihanoukville, free flight and visa",
            ),
            ("zh", "西港高薪招聘网络客服，包吃包住，报销机票"),
            ("zh-Hant", "西港高薪招聘網路客服，包吃包住，報銷機票"),
            ("ko", "캄보디아에서 근무할 상담원을 모집합니다. 항공권 제공"),
            (
                "ja",
                "カンボジアで働くオペレーターを募集しています。航空券支給",
            ),
            ("th", "รับสมัครพนักงานทำงานที่กัมพูชา เงินเดือนสูง มีที่พักฟรี"),
            (
                "vi",
                "Tuyển nhân viên làm việc tại Campuchia, lương cao, bao ăn ở",
            ),
            (
                "id",
                "Lowongan kerja di Kamboja, gaji tinggi, tiket pesawat gratis",
            ),
        ];
        let queries = [
            ("en", "sihanoukville"),
            ("zh", "包吃包住"),
            ("zh-Hant", "網路客服"),
            ("ko", "캄보디아"),
            ("ja", "航空券"),
            ("th", "เงินเดือน"),
            ("vi", "lương"),
            ("vi", "luong cao"),
            ("id", "tiket pesawat"),
        ];
        let mut schema = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(MULTILINGUAL)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let body = schema.add_text_field(
            "body",
            TextOptions::default().set_indexing_options(indexing) | STORED,
        );
        let lang = schema.add_text_field("lang", tantivy::schema::STRING | STORED);
        let index = Index::create_in_ram(schema.build());
        index
            .tokenizers()
            .register(MULTILINGUAL, MultilingualTokenizer);
        let mut writer = index.writer(15_000_000).unwrap();
        for (language, text) in pages {
            writer
                .add_document(doc!(body => text, lang => language))
                .unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let parser = QueryParser::for_index(&index, vec![body]);
        for (language, query) in queries {
            let in_language = format!("+({query}) +lang:{language}");
            let parsed = parser.parse_query(&in_language).unwrap();
            assert_eq!(
                searcher.search(&parsed, &Count).unwrap(),
                1,
                "{language}: {query}"
            );
        }
        let not_there = parser.parse_query("包住网络").unwrap();
        assert_eq!(searcher.search(&not_there, &Count).unwrap(), 0);
    }
}
