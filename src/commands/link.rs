//! `wallets`, `wallet`, `clusters`, `export`: the registry on the command line.

use super::Outcome;
use crate::cli::args::{ClustersArgs, ExportArgs, WalletArgs, WalletsArgs};
use crate::cli::sanitize::for_terminal;
use anyhow::Context;
use lurewatch::index::rfc3339;
use lurewatch::link::registry::{Sighting, wallet_key};
use lurewatch::link::{self, clusters, export};
use lurewatch::wallet::{self, WalletAddress};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// Runs `wallets`.
pub fn wallets(args: &WalletsArgs) -> anyhow::Result<Outcome> {
    if let Some(chain) = args
        .chain
        .as_ref()
        .filter(|chain| wallet::Chain::from_ticker(chain).is_none())
    {
        anyhow::bail!(
            "--chain {chain}: not a chain (btc, eth, trx, ltc, doge, bch, xrp, sol, xmr, ton, dash, zec)"
        );
    }
    let sightings = load(&args.index)?;
    let sightings: Vec<Sighting> = sightings
        .into_iter()
        .filter(|s| s.kind == "wallet")
        .filter(|s| args.chain.is_none() || s.chain == args.chain)
        .collect();
    let labelled: BTreeSet<&str> = sightings
        .iter()
        .filter(|s| args.label.is_empty() || args.label.iter().any(|l| Some(l) == s.label.as_ref()))
        .map(|s| s.entity.as_str())
        .collect();
    let summaries: Vec<_> = link::summarize(&sightings)
        .into_iter()
        .filter(|summary| {
            summary.sites >= args.min_domains && labelled.contains(summary.entity.as_str())
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for summary in &summaries {
            writeln!(out, "{}", serde_json::to_string(summary)?)?;
        }
    } else {
        writeln!(out, "{} addresses", summaries.len())?;
        for summary in &summaries {
            writeln!(
                out,
                "{:<5} {:<45} sites {:>3}  pages {:>4}  {} … {}  {}",
                summary.chain.as_deref().unwrap_or(""),
                for_terminal(&summary.value),
                summary.sites,
                summary.pages,
                &summary.first_seen[..10],
                &summary.last_seen[..10],
                summary.worst_label.as_deref().unwrap_or("unlabelled")
            )?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// Runs `wallet`.
pub fn wallet(args: &WalletArgs) -> anyhow::Result<Outcome> {
    let text = args.address.trim();
    let entity = match text.split_once(':') {
        Some((kind, value)) if !kind.is_empty() && !text.starts_with("bitcoincash:") => {
            format!(
                "{}:{}",
                kind.to_ascii_lowercase(),
                value.trim_start_matches('@').to_lowercase()
            )
        }
        _ => match wallet::identify(text) {
            Some(WalletAddress { chain, address, .. }) => wallet_key(chain.ticker(), &address),
            None => match wallet::unchecked_chain(text) {
                Some(chain) => wallet_key(chain.ticker(), text),
                None => {
                    let hint = wallet::resembles(text)
                        .map(|chain| {
                            format!(" It looks like a {} address with a typo.", chain.ticker())
                        })
                        .unwrap_or_default();
                    anyhow::bail!("{text} is not a valid address: its checksum fails.{hint}");
                }
            },
        },
    };
    let connection = link::open(&args.index)?;
    let sightings = link::sightings_of(&connection, &entity)?;
    if sightings.is_empty() {
        eprintln!(
            "lurewatch: {text} was never seen in {}",
            args.index.display()
        );
        return Ok(Outcome::Partial);
    }
    let sites: BTreeSet<&str> = sightings.iter().map(|s| s.domain.as_str()).collect();
    let everything = link::all_sightings(&connection)?;
    let shared: Vec<_> = link::summarize(
        &everything
            .into_iter()
            .filter(|s| sites.contains(s.domain.as_str()) && s.entity != entity)
            .collect::<Vec<_>>(),
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        let record = serde_json::json!({
            "entity": entity,
            "sites": sites,
            "pages": sightings,
            "shared": shared,
        });
        writeln!(out, "{record}")?;
    } else {
        writeln!(
            out,
            "{entity}: {} pages on {} sites",
            sightings.len(),
            sites.len()
        )?;
        for sighting in &sightings {
            writeln!(
                out,
                "  {} [{}] {} … {}\n    {}\n    «{}»\n    evidence: sha256 {} {}",
                for_terminal(&sighting.domain),
                sighting.label.as_deref().unwrap_or("unlabelled"),
                &rfc3339(sighting.first_seen)[..10],
                &rfc3339(sighting.last_seen)[..10],
                for_terminal(&sighting.url),
                for_terminal(&sighting.context),
                &sighting.sha256[..16.min(sighting.sha256.len())],
                sighting.warc.as_deref().unwrap_or("")
            )?;
        }
        if !shared.is_empty() {
            writeln!(out, "also shown by these sites:")?;
            for summary in &shared {
                writeln!(
                    out,
                    "  {} ({} sites, {} pages)",
                    for_terminal(&summary.entity),
                    summary.sites,
                    summary.pages
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// Runs `clusters`.
pub fn clusters(args: &ClustersArgs) -> anyhow::Result<Outcome> {
    let sightings = load(&args.index)?;
    let stop_list = stop_list(&args.index, args.stop_list.as_deref())?;
    let found = clusters::clusters(&sightings, args.max_sites, &stop_list);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        for cluster in &found.clusters {
            writeln!(out, "{}", serde_json::to_string(cluster)?)?;
        }
    } else {
        writeln!(
            out,
            "{} clusters; {} entities tie nothing (on more than {} sites, or stop-listed)",
            found.clusters.len(),
            found.stop_listed.len(),
            args.max_sites
        )?;
        for cluster in &found.clusters {
            let labels: Vec<String> = cluster
                .labels
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            writeln!(
                out,
                "\n{}  {} sites, {} shared entities, pages: {}  ({} … {})",
                cluster.id,
                cluster.sites.len(),
                cluster.entities.len(),
                labels.join(", "),
                &cluster.first_seen[..10],
                &cluster.last_seen[..10]
            )?;
            for edge in &cluster.edges {
                writeln!(
                    out,
                    "  {} — {}  via {}",
                    for_terminal(&edge.from),
                    for_terminal(&edge.to),
                    for_terminal(&edge.entity)
                )?;
            }
        }
        for entity in &found.stop_listed {
            writeln!(out, "stop-listed: {}", for_terminal(entity))?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// Runs `export`.
pub fn export(args: &ExportArgs) -> anyhow::Result<Outcome> {
    let mut sightings = load(&args.index)?;
    if !args.label.is_empty() {
        sightings.retain(|s| {
            args.label
                .iter()
                .any(|label| Some(label) == s.label.as_ref())
        });
    }
    if let Some(id) = &args.cluster {
        let stop_list = stop_list(&args.index, args.stop_list.as_deref())?;
        let found = clusters::clusters(&sightings, args.max_sites, &stop_list);
        let cluster = found
            .clusters
            .iter()
            .find(|cluster| &cluster.id == id)
            .with_context(|| format!("no cluster {id} (see `lurewatch clusters`)"))?;
        let sites: BTreeSet<&str> = cluster.sites.iter().map(String::as_str).collect();
        sightings.retain(|s| sites.contains(s.domain.as_str()));
    }
    let format = args.format;
    match &args.out {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            export::write(format, &sightings, &mut out)?;
            out.flush()?;
        }
        Some(path) => write_atomically(path, |out| export::write(format, &sightings, out))?,
    }
    Ok(Outcome::Success)
}

/// Writes a temporary file next to `path` and renames it over `path` once complete.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::NamedTempFile::new_in(folder)
        .with_context(|| format!("creating a temporary file in {}", folder.display()))?;
    {
        let mut out = std::io::BufWriter::new(temporary.as_file_mut());
        write(&mut out).with_context(|| format!("writing {}", path.display()))?;
        out.flush()?;
    }
    temporary.as_file().sync_all()?;
    temporary
        .persist(path)
        .with_context(|| format!("renaming into {}", path.display()))?;
    Ok(())
}

/// The stop-list: `file`, else `DIR/stoplist.txt` when it exists; one entity key or bare
/// address/handle per line, `#` comments.
fn stop_list(index: &Path, file: Option<&Path>) -> anyhow::Result<BTreeSet<String>> {
    let default = index.join("stoplist.txt");
    let file = file
        .map(Path::to_owned)
        .or(default.exists().then_some(default));
    let mut entries = BTreeSet::new();
    if let Some(file) = &file {
        for line in fs_err::read_to_string(file)?.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if !line.is_empty() {
                entries.insert(line.to_owned());
            }
        }
    }
    Ok(entries)
}

fn load(index: &Path) -> anyhow::Result<Vec<Sighting>> {
    if !index.join("state.sqlite").exists() {
        anyhow::bail!(
            "{} holds no corpus yet (run `lurewatch crawl` or `lurewatch ingest` first)",
            index.display()
        );
    }
    let connection = link::open(index)?;
    Ok(link::all_sightings(&connection)?)
}
