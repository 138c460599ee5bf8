//! `lurewatch extract`: runs the extract stage over files, folders or stdin and prints records.

use super::{Outcome, pages};
use crate::cli::args::ExtractArgs;
use crate::cli::sanitize::for_terminal;
use anyhow::Context;
use lurewatch::extract::Extracted;
use std::io::Write;

/// Runs `extract`; bad inputs are reported on stderr and the others go on.
pub fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let failures = pages::each(
        &args.inputs,
        args.base_url.as_ref(),
        args.max_bytes,
        |record, _| write_record(&mut out, &record, args.json).context("writing to stdout"),
    )?;
    out.flush().context("writing to stdout")?;
    Ok(Outcome::from_failures(failures))
}

fn write_record(out: &mut impl Write, record: &Extracted, json: bool) -> std::io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, record)?;
        return writeln!(out);
    }
    writeln!(out, "== {}", for_terminal(&record.source))?;
    if let Some(url) = &record.url {
        writeln!(out, "url:      {}", for_terminal(url))?;
    }
    writeln!(out, "title:    {}", for_terminal(&record.title))?;
    writeln!(
        out,
        "language: {}   charset: {}   links: {}",
        record.lang.unwrap_or("?"),
        record.charset,
        record.links.len()
    )?;
    for wallet in &record.wallets {
        writeln!(
            out,
            "wallet:   {:<5} {}  ({})",
            wallet.chain,
            wallet.address,
            wallet.rule.name()
        )?;
    }
    for contact in &record.contacts {
        writeln!(
            out,
            "contact:  {:<9} {}",
            contact.kind.name(),
            for_terminal(&contact.value)
        )?;
    }
    let excerpt: String = record.text.chars().take(240).collect();
    writeln!(
        out,
        "text:     {}",
        for_terminal(&excerpt.replace('\n', " / "))
    )?;
    writeln!(out)
}
