//! Searching the corpus: tantivy's query language over title, text, wallets and handles (so a
//! bare address or handle is found too), narrowed by label, domain, language and date, with a
//! snippet of the text around the match.

use super::corpus::{Corpus, IndexError};
use serde::Serialize;
use std::ops::Bound;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, Order, Term};

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// tantivy query language (`telegram AND sihanoukville`, `"包吃包住"`, `wallet:T…`); `*` is all.
    pub query: String,
    /// Only pages with one of these labels (empty: any).
    pub labels: Vec<String>,
    /// Only pages of this registrable domain.
    pub domain: Option<String>,
    /// Only pages in this language.
    pub lang: Option<String>,
    /// Only pages fetched at or after this time (seconds since the epoch).
    pub since: Option<i64>,
    /// Only pages written into the corpus in `[start, end)` (milliseconds since the epoch):
    /// what a saved search has not reported yet.
    pub indexed: Option<(u64, u64)>,
    /// How many hits.
    pub limit: usize,
    /// How many hits to skip.
    pub offset: usize,
    /// The order of the hits.
    pub sort: SortOrder,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Most relevant first.
    #[default]
    Relevance,
    /// Highest classifier score first.
    Score,
    /// Most recently fetched first.
    Date,
}

/// One search result, as `search --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The page's URL.
    pub url: String,
    /// Registrable domain.
    pub domain: String,
    /// Title.
    pub title: String,
    /// Label, if classified.
    pub label: Option<String>,
    /// Probability of the label.
    pub score: Option<f64>,
    /// When fetched (RFC 3339, UTC).
    pub fetched_at: String,
    /// Text around the match.
    pub snippet: String,
    /// Byte ranges of `snippet` that matched (adjacent ones merged).
    #[serde(skip)]
    pub highlights: Vec<std::ops::Range<usize>>,
    /// Wallet addresses on the page.
    pub wallets: Vec<String>,
    /// Contact handles on the page, `kind:value`.
    pub contacts: Vec<String>,
    /// Why the page got its label, most important first.
    pub reasons: Vec<String>,
    /// The WARC record holding the response (`file#offset`), if there is one.
    pub warc: Option<String>,
}

/// Hits, how many pages matched in all, and how they spread over labels and domains.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Pages matching (before limit and offset).
    pub total: usize,
    /// The hits, in the requested order.
    pub hits: Vec<Hit>,
    /// Matching pages per label, most first.
    pub labels: Counts,
    /// Matching pages per domain, the ten largest.
    pub domains: Counts,
}

/// Pages per key (label or domain), most first.
pub type Counts = Vec<(String, u64)>;

/// Errors of searching.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query does not parse.
    #[error("cannot read the query: {0}")]
    Query(#[from] tantivy::query::QueryParserError),
    /// The corpus failed.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// tantivy failed while searching.
    #[error("searching failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The label and domain counts could not be computed.
    #[error("counting hits by label and domain failed: {0}")]
    Facets(String),
}

/// Runs a search.
pub fn search(corpus: &Corpus, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let fields = corpus.fields();
    let searcher = corpus.searcher()?;
    let mut default_fields = vec![fields.title, fields.body, fields.wallet];
    default_fields.extend(fields.contacts);
    let mut parser = QueryParser::for_index(corpus.index(), default_fields);
    parser.set_conjunction_by_default();
    let text_query: Box<dyn Query> = if request.query.trim() == "*" {
        Box::new(AllQuery)
    } else {
        // Pages are indexed composed (NFC); a query typed with combining marks is composed too.
        parser.parse_query(&crate::extract::compose(&request.query))?
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    if !request.labels.is_empty() {
        let any_label = request
            .labels
            .iter()
            .map(|label| (Occur::Should, exact(fields.label, label)))
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_label))));
    }
    if let Some(domain) = &request.domain {
        clauses.push((Occur::Must, exact(fields.domain, domain)));
    }
    if let Some(lang) = &request.lang {
        clauses.push((Occur::Must, exact(fields.lang, lang)));
    }
    if let Some(since) = request.since {
        let from = Term::from_field_date_for_search(
            fields.fetched_at,
            DateTime::from_timestamp_secs(since),
        );
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(Bound::Included(from), Bound::Unbounded)),
        ));
    }
    if let Some((start, end)) = request.indexed {
        let bound = |millis| Term::from_field_u64(fields.indexed_at, millis);
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Included(bound(start)),
                Bound::Excluded(bound(end)),
            )),
        ));
    }
    let query = BooleanQuery::new(clauses);
    let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
    let addresses = match request.sort {
        SortOrder::Relevance => addresses(searcher.search(&query, &top.order_by_score())?),
        SortOrder::Score => addresses(searcher.search(
            &query,
            &top.order_by_fast_field::<f64>(super::schema::names::SCORE, Order::Desc),
        )?),
        SortOrder::Date => addresses(searcher.search(
            &query,
            &top.order_by_fast_field::<DateTime>(super::schema::names::FETCHED_AT, Order::Desc),
        )?),
    };
    let (total, labels, domains) = count_and_facets(&searcher, &query)?;
    let mut snippets = SnippetGenerator::create(&searcher, &*text_query, fields.body)?;
    snippets.set_max_num_chars(240);
    let mut hits = Vec::with_capacity(addresses.len());
    for address in addresses {
        let document: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            document
                .get_first(field)
                .and_then(|value| value.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let all = |field| {
            document
                .get_all(field)
                .filter_map(|value| value.as_str().map(str::to_owned))
                .collect::<Vec<_>>()
        };
        let snippet = snippets.snippet_from_doc(&document);
        let contacts = super::schema::CONTACT_KINDS
            .iter()
            .zip(fields.contacts)
            .flat_map(|(kind, field)| {
                all(field)
                    .into_iter()
                    .map(move |value| format!("{}:{value}", kind.name()))
            })
            .collect();
        let label = document
            .get_first(fields.label)
            .and_then(|value| value.as_str())
            .map(str::to_owned);
        hits.push(Hit {
            url: text(fields.url),
            domain: text(fields.domain),
            title: text(fields.title),
            score: label.as_ref().and_then(|_| {
                document
                    .get_first(fields.score)
                    .and_then(|value| value.as_f64())
            }),
            label,
            fetched_at: document
                .get_first(fields.fetched_at)
                .and_then(|value| value.as_datetime())
                .map(|date| rfc3339(date.into_timestamp_secs()))
                .unwrap_or_default(),
            snippet: snippet.fragment().to_owned(),
            highlights: merge(snippet.highlighted()),
            wallets: all(fields.wallet),
            contacts,
            reasons: all(fields.reasons),
            warc: all(fields.warc).into_iter().next(),
        });
    }
    Ok(SearchResults {
        total,
        hits,
        labels,
        domains,
    })
}

/// The documents of hits, in their order.
fn addresses<Key>(hits: Vec<(Key, tantivy::DocAddress)>) -> Vec<tantivy::DocAddress> {
    hits.into_iter().map(|(_, address)| address).collect()
}

/// How many pages match, and how many per label and per domain (the ten largest of each), in
/// one pass over the matches.
fn count_and_facets(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
) -> Result<(usize, Counts, Counts), SearchError> {
    let request = serde_json::json!({
        "labels": {"terms": {"field": super::schema::names::LABEL, "size": 10}},
        "domains": {"terms": {"field": super::schema::names::DOMAIN, "size": 10}},
    });
    let aggregations: Aggregations =
        serde_json::from_value(request).map_err(|error| SearchError::Facets(error.to_string()))?;
    let collector = AggregationCollector::from_aggs(aggregations, AggContextParams::default());
    let (total, results) = searcher.search(query, &(Count, collector))?;
    let results =
        serde_json::to_value(results).map_err(|error| SearchError::Facets(error.to_string()))?;
    let buckets = |name: &str| -> Counts {
        results[name]["buckets"]
            .as_array()
            .map(|buckets| {
                buckets
                    .iter()
                    .filter_map(|bucket| {
                        Some((
                            bucket["key"].as_str()?.to_owned(),
                            bucket["doc_count"].as_u64()?,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok((total, buckets("labels"), buckets("domains")))
}

/// Ranges sorted, with touching or overlapping ones merged (a word found as several bigrams).
fn merge(ranges: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|range| range.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for range in sorted {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (Howard Hinnant's civil-from-days).
pub fn rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3_600,
        second_of_day % 3_600 / 60,
        second_of_day % 60
    )
}

fn exact(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_merged_highlights() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_654_567), "2026-11-26T00:56:07Z");
        assert_eq!(merge(&[4..6, 0..2, 2..4, 8..9]), [0..6, 8..9]);
    }
}
