//! `lurewatch search`: runs a query and prints hits (a readable list, or JSON Lines).

use super::Outcome;
use crate::cli::args::{SearchArgs, SortArg};
use crate::cli::sanitize::for_terminal;
use anyhow::Context;
use lurewatch::index::search::SortOrder;
use lurewatch::index::{Corpus, Hit, SearchRequest, search};
use std::io::{IsTerminal, Write};

/// Runs `search`.
pub fn run(args: &SearchArgs) -> anyhow::Result<Outcome> {
    let since = args.since.as_deref().map(parse_day).transpose()?;
    let corpus = Corpus::open(&args.index)?;
    let request = SearchRequest {
        query: args.query.clone(),
        labels: args.label.clone(),
        domain: args.domain.clone(),
        lang: args.lang.clone(),
        since,
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => SortOrder::Relevance,
            SortArg::Score => SortOrder::Score,
            SortArg::Date => SortOrder::Date,
        },
        indexed: None,
    };
    let results = search(&corpus, &request)?;
    let stdout = std::io::stdout();
    let colour = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for hit in &results.hits {
            serde_json::to_writer(&mut out, hit)?;
            writeln!(out)?;
        }
    } else {
        writeln!(
            out,
            "{} pages match; showing {}",
            results.total,
            results.hits.len()
        )?;
        writeln!(out, "by label:  {}", counts(&results.labels))?;
        writeln!(out, "by domain: {}", counts(&results.domains))?;
        for (rank, hit) in results.hits.iter().enumerate() {
            write_hit(&mut out, args.offset + rank + 1, hit, colour)?;
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(Outcome::Success)
}

fn counts(buckets: &[(String, u64)]) -> String {
    let shown: Vec<String> = buckets
        .iter()
        .map(|(key, count)| format!("{} {count}", for_terminal(key)))
        .collect();
    if shown.is_empty() {
        "-".to_owned()
    } else {
        shown.join(", ")
    }
}

fn write_hit(out: &mut impl Write, rank: usize, hit: &Hit, colour: bool) -> std::io::Result<()> {
    let label = hit.label.as_deref().unwrap_or("unlabelled");
    let score = hit
        .score
        .map_or(String::new(), |score| format!(" {score:.2}"));
    let day = hit.fetched_at.get(..10).unwrap_or(&hit.fetched_at);
    writeln!(
        out,
        "\n{rank:>3}. [{label}{score}] {} {day}",
        for_terminal(&hit.domain)
    )?;
    writeln!(out, "     {}", for_terminal(&hit.title))?;
    writeln!(out, "     {}", for_terminal(&hit.url))?;
    writeln!(
        out,
        "     {}",
        highlight(&hit.snippet, &hit.highlights, colour).replace('\n', " ")
    )
}

/// The snippet with matches in bold on a terminal, in «» elsewhere; scraped text sanitized.
fn highlight(snippet: &str, ranges: &[std::ops::Range<usize>], colour: bool) -> String {
    let (open, close) = if colour {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    let mut shown = String::new();
    let mut at = 0;
    for range in ranges {
        if range.start < at || range.end > snippet.len() {
            continue;
        }
        shown.push_str(&for_terminal(&snippet[at..range.start]));
        shown.push_str(open);
        shown.push_str(&for_terminal(&snippet[range.clone()]));
        shown.push_str(close);
        at = range.end;
    }
    shown.push_str(&for_terminal(&snippet[at..]));
    shown
}

/// `YYYY-MM-DD` → seconds since the epoch at 00:00 UTC.
fn parse_day(day: &str) -> anyhow::Result<i64> {
    let parts: Vec<i64> = day
        .split('-')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .with_context(|| format!("--since {day}: expected YYYY-MM-DD"))?;
    let [year, month, date] = parts[..] else {
        anyhow::bail!("--since {day}: expected YYYY-MM-DD");
    };
    anyhow::ensure!(
        (1..=12).contains(&month) && (1..=31).contains(&date),
        "--since {day}: expected YYYY-MM-DD"
    );
    // Days from the civil date (Howard Hinnant's algorithm).
    let shifted_year = if month <= 2 { year - 1 } else { year };
    let era = shifted_year.div_euclid(400);
    let year_of_era = shifted_year - era * 400;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + date - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Ok((era * 146_097 + day_of_era - 719_468) * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_epoch_seconds() {
        assert_eq!(parse_day("1970-01-01").unwrap(), 0);
        assert_eq!(parse_day("2026-11-26").unwrap(), 1_795_651_200);
        assert!(parse_day("2026-13-01").is_err());
        assert!(parse_day("yesterday").is_err());
    }

    #[test]
    fn highlights_are_marked_without_colour() {
        assert_eq!(
            highlight("pay in usdt now", &[0..3, 7..11], false),
            "«pay» in «usdt» now"
        );
    }
}
