//! `lurewatch classify`: extract (for pages) then classify, printing labels, scores and reasons.

use super::{Outcome, pages};
use crate::cli::args::ClassifyArgs;
use crate::cli::sanitize::for_terminal;
use anyhow::Context;
use lurewatch::classify::{Model, Verdict, training};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The `classify --jsonl` record of DESIGN.md.
#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    #[serde(flatten)]
    verdict: &'a Verdict,
}

/// Runs `classify`; a bad input or line is reported on stderr and the others go on.
pub fn run(args: &ClassifyArgs) -> anyhow::Result<Outcome> {
    let model = Model::load(&args.model)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0;
    if args.jsonl {
        for input in &args.inputs {
            failures += classify_lines(&model, input, &mut out)?;
        }
    } else {
        failures = pages::each(&args.inputs, None, args.max_bytes, |page, _| {
            let verdict = model.classify(&page.title, &page.text);
            write_verdict(&mut out, &page.source, &page.title, &verdict, args.json)
                .context("writing to stdout")
        })?;
    }
    out.flush().context("writing to stdout")?;
    Ok(Outcome::from_failures(failures))
}

/// Classifies the JSON Lines of one file (or stdin); returns how many lines failed.
fn classify_lines(model: &Model, input: &Path, out: &mut impl Write) -> anyhow::Result<usize> {
    let reader: Box<dyn std::io::Read> = if input == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(fs_err::File::open(input)?)
    };
    let mut failures = 0;
    for line in training::read_classify_lines(reader) {
        match line {
            Ok((id, title, text)) => {
                let verdict = model.classify(&title, &text);
                serde_json::to_writer(
                    &mut *out,
                    &Record {
                        id: &id,
                        verdict: &verdict,
                    },
                )?;
                writeln!(out)?;
            }
            Err(message) => {
                failures += 1;
                eprintln!("lurewatch: {}: {message}", input.display());
            }
        }
    }
    Ok(failures)
}

fn write_verdict(
    out: &mut impl Write,
    source: &str,
    title: &str,
    verdict: &Verdict,
    json: bool,
) -> std::io::Result<()> {
    if json {
        serde_json::to_writer(
            &mut *out,
            &Record {
                id: source,
                verdict,
            },
        )?;
        return writeln!(out);
    }
    writeln!(out, "== {}", for_terminal(source))?;
    writeln!(out, "title:   {}", for_terminal(title))?;
    writeln!(
        out,
        "label:   {}  ({:.2})",
        verdict.label.name(),
        verdict.score
    )?;
    for reason in &verdict.reasons {
        writeln!(out, "  - {}", for_terminal(reason))?;
    }
    writeln!(out)
}
