//! Flags and subcommands. Doc comments here are the `--help` an investigator reads.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// lurewatch finds recruitment lures and investment-fraud sites of the scam-compound
/// economy, explains why they are flagged, and links the wallets and contact handles they share.
#[derive(Debug, Parser)]
#[command(name = "lurewatch", version, propagate_version = true)]
pub struct Cli {
    /// More log output on stderr (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Offline: text, links, wallets and contact handles of pages on disk or stdin.
    ///
    /// Reads HTML or plain-text files, folders of them (recursively: .html .htm .xhtml .txt),
    /// or `-` for stdin. Every wallet address shown passed its chain's checksum, or (for forms
    /// without one) has context that names the chain; `rule` says which.
    Extract(ExtractArgs),
    /// Offline: label, probabilities and reasons for pages on disk, stdin, or JSON Lines.
    ///
    /// Labels: recruitment_lure (recruits people into a scam compound), investment_fraud
    /// (pig-butchering, HYIP, fake exchange, task scam), job_scam (other fake job ads), benign.
    /// Reasons come first from red-flag indicators, then from the model's strongest terms.
    Classify(ClassifyArgs),
    /// Build a model from EMSCAD (TRAIN split only) and written examples.
    Train(TrainArgs),
    /// Measure a model: EMSCAD's official protocol, or per-label figures on labelled JSON Lines.
    Eval(EvalArgs),
    /// Add local pages (.html .htm .xhtml .txt files, folders) to the corpus: extracted,
    /// classified (when a model exists) and indexed; a page already there with the same
    /// content is left alone.
    Ingest(IngestArgs),
    /// Search the corpus: words or phrases in any of the ads' languages, `field:value`
    /// (`wallet:T…`, `telegram:hr_kh88`, `label:recruitment_lure`), AND/OR/NOT; `*` is all.
    Search(SearchArgs),
    /// Crawl from seed lists, politely: robots.txt, a per-host rate, no logins, no forms, no
    /// scripts, no downloads of programs; every response kept as WARC evidence; each page
    /// extracted, classified and indexed. Incremental: a run continues where the last stopped
    /// and re-validates old pages with conditional requests. Safe under cron (one run at a
    /// time; exit 0 done, 1 partial, 2 error, 3 another run holds the index).
    Crawl(CrawlArgs),
    /// Re-read the WARC evidence (`DIR/warc/`) and check every record's digests.
    Verify(VerifyArgs),
    /// The wallet registry: every address seen, most linked first (sites, pages, first and
    /// last seen, the worst label of its pages).
    Wallets(WalletsArgs),
    /// One wallet address (or handle: `telegram:hr_kh88`): every page and site that shows it,
    /// with context and evidence, and the other wallets and handles those sites show.
    Wallet(WalletArgs),
    /// Groups of sites tied together by shared wallets or handles, with the evidence for each
    /// tie. Entities on very many sites (and those in the stop-list) tie nothing.
    Clusters(ClustersArgs),
    /// Export the registry for tracing and threat-intel tools: csv (one row per address and
    /// page), jsonl, tagpack (GraphSense), stix (2.1 bundle), gexf (Gephi), ftm
    /// (FollowTheMoney / OpenAleph).
    Export(ExportArgs),
    /// See everything in a minute, offline: serves a synthetic scam web on loopback (lure
    /// boards in six languages, investment-fraud sites, an honest job board, scam warnings),
    /// crawls it with the real crawler, and shows labels, reasons, a search, the wallet
    /// registry and the clusters.
    Demo(DemoArgs),
    /// Saved searches that alert: after every crawl or ingest, each reports the pages written
    /// since it last ran (also in `DIR/alerts/DATE.jsonl`). Built in: `new-flagged` (new
    /// lures, fraud and job scams) and `new-entities` (wallets and handles seen for the first
    /// time).
    Watch(WatchArgs),
    /// Check a config file: every key known, every value valid.
    Config(ConfigArgs),
    /// Seed lists: `seeds import` turns URL lists, domain blocklists and CSV files with a url
    /// column into a seed list.
    Seeds(SeedsArgs),
}

/// Flags of `watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: WatchAction,
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "index", global = true)]
    pub index: PathBuf,
}

/// `watch` subcommands.
#[derive(Debug, Subcommand)]
pub enum WatchAction {
    /// Save a search under a name; it reports pages written from now on.
    Add {
        /// Its name.
        name: String,
        /// The query, as for `search`.
        query: String,
        /// Only pages with this label (repeatable).
        #[arg(long, value_name = "LABEL")]
        label: Vec<String>,
    },
    /// The saved searches.
    List,
    /// Delete a saved search.
    Rm {
        /// Its name.
        name: String,
    },
    /// Run every saved search now over what is new since it last ran.
    Run {
        /// JSON Lines.
        #[arg(long)]
        json: bool,
    },
}

/// Flags of `config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: ConfigAction,
}

/// `config` subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Check the file (default `lurewatch.toml`) and print the settings it gives.
    Check {
        /// The file.
        #[arg(default_value = "lurewatch.toml")]
        file: PathBuf,
    },
}

/// Flags of `seeds`.
#[derive(Debug, Args)]
pub struct SeedsArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: SeedsAction,
}

/// `seeds` subcommands.
#[derive(Debug, Subcommand)]
pub enum SeedsAction {
    /// Add the URLs of files to a seed list: URL lists, domain blocklists (one domain per
    /// line, hosts-file lines too) and CSV files with a `url` column; duplicates are dropped.
    Import {
        /// The files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The seed list (its file name is its tag).
        #[arg(long, value_name = "FILE", default_value = "seeds/imported.txt")]
        into: PathBuf,
    },
}

/// Flags of `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The corpus folder to crawl into (default: a new folder in the system's temporary
    /// folder, kept so that you can go on exploring it).
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// The model that labels pages.
    #[arg(long, value_name = "FILE", default_value_os_t = lurewatch::classify::default_model_path())]
    pub model: PathBuf,
}

/// Flags of `wallets`.
#[derive(Debug, Args)]
pub struct WalletsArgs {
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Only this chain (btc, eth, trx, ltc, doge, bch, xrp, sol, xmr, ton, dash, zec).
    #[arg(long, value_name = "CHAIN")]
    pub chain: Option<String>,
    /// Only addresses seen on at least this many sites.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_domains: usize,
    /// Only addresses seen on pages with this label (repeatable).
    #[arg(long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// JSON Lines.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `wallet`.
#[derive(Debug, Args)]
pub struct WalletArgs {
    /// An address, or a handle as `kind:value` (telegram:hr_kh88, whatsapp:+855…).
    #[arg(value_name = "ADDRESS")]
    pub address: String,
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// JSON.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `clusters`.
#[derive(Debug, Args)]
pub struct ClustersArgs {
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Entities seen on more sites than this tie nothing.
    #[arg(long, value_name = "N", default_value_t = lurewatch::link::clusters::DEFAULT_MAX_SITES)]
    pub max_sites: usize,
    /// Entities (keys or bare addresses/handles, one per line) that tie nothing [default:
    /// DIR/stoplist.txt when it exists].
    #[arg(long, value_name = "FILE")]
    pub stop_list: Option<PathBuf>,
    /// JSON Lines, one cluster a line.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv, jsonl, tagpack, stix, gexf or ftm.
    #[arg(long, value_name = "FORMAT")]
    pub format: lurewatch::link::export::Format,
    /// Write here (atomically: a temporary file renamed at the end); default stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only pages with this label (repeatable).
    #[arg(long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Only the sites of this cluster (an id from `clusters`, computed with the same
    /// `--max-sites` and `--stop-list`).
    #[arg(long, value_name = "ID")]
    pub cluster: Option<String>,
    /// As for `clusters`.
    #[arg(long, value_name = "N", default_value_t = lurewatch::link::clusters::DEFAULT_MAX_SITES)]
    pub max_sites: usize,
    /// As for `clusters`.
    #[arg(long, value_name = "FILE")]
    pub stop_list: Option<PathBuf>,
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
}

/// Flags of `crawl` (each overrides the same key of the config file).
#[derive(Debug, Args)]
pub struct CrawlArgs {
    /// Seed lists: `.txt` files of URLs (one per line, `#` comments; the file name is the
    /// list's tag) or folders of them. Default: `seeds/`.
    #[arg(long, value_name = "PATH")]
    pub seeds: Vec<PathBuf>,
    /// The config file (default: `lurewatch.toml` when it exists).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// The model that labels pages.
    #[arg(long, value_name = "FILE", default_value_os_t = lurewatch::classify::default_model_path())]
    pub model: PathBuf,
    /// Stop after fetching this many pages.
    #[arg(long, value_name = "N")]
    pub max_pages: Option<u64>,
    /// Follow links at most this many steps from a seed [default: 5].
    #[arg(long, value_name = "N")]
    pub max_depth: Option<u32>,
    /// Requests per second per host [default: 1].
    #[arg(long, value_name = "R")]
    pub per_host_rps: Option<f64>,
    /// Requests in flight at once [default: 32].
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// Hops off the seed hosts allowed [default: 0].
    #[arg(long, value_name = "N")]
    pub follow_external: Option<u32>,
    /// End the run cleanly after this long (`90s`, `30m`, `2h`).
    #[arg(long, value_name = "DURATION")]
    pub time_limit: Option<String>,
    /// Re-validate pages fetched longer ago than this [default: 7d].
    #[arg(long, value_name = "DURATION")]
    pub refresh_after: Option<String>,
    /// Allow every private, loopback and link-local address (refused by default).
    #[arg(long)]
    pub allow_private: bool,
    /// Allow this network besides the public internet (repeatable, e.g. 127.0.1.0/24).
    #[arg(long, value_name = "CIDR")]
    pub allow_net: Vec<String>,
}

/// Flags of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The corpus folder (its `warc/` is read), or WARC files.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
}

/// Flags of `ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files, folders (walked for .html .htm .xhtml .txt .warc .warc.gz) and WARC archives.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// The model that labels pages (pages index without a label when it is missing).
    #[arg(long, value_name = "FILE", default_value_os_t = lurewatch::classify::default_model_path())]
    pub model: PathBuf,
    /// Skip inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = lurewatch::extract::input::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Flags of `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// The corpus folder.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Only pages with this label (repeatable).
    #[arg(long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Only pages of this registrable domain.
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,
    /// Only pages in this language (ISO 639-1).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Only pages fetched on or after this day (YYYY-MM-DD, UTC).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// How many hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// How many hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// One JSON object per hit.
    #[arg(long)]
    pub json: bool,
}

/// `--sort` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SortArg {
    /// Most relevant first.
    Relevance,
    /// Highest classifier score first.
    Score,
    /// Most recently fetched first.
    Date,
}

/// Flags of `classify`.
#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// The model file (built by `lurewatch train`).
    #[arg(long, value_name = "FILE", default_value_os_t = lurewatch::classify::default_model_path())]
    pub model: PathBuf,
    /// Inputs are JSON Lines of {"id", "text", "title"?, "url"?}; one JSON result per line out.
    #[arg(long)]
    pub jsonl: bool,
    /// For page inputs: one JSON object per page instead of a readable summary.
    #[arg(long)]
    pub json: bool,
    /// Skip page inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = lurewatch::extract::input::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// Flags of `train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// EMSCAD folders (their TRAIN split is read) and written examples (.jsonl files or folders).
    #[arg(long = "data", required = true, value_name = "PATH")]
    pub data: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = lurewatch::classify::DEFAULT_MODEL_PATH)]
    pub out: PathBuf,
    /// How many n-gram features to keep.
    #[arg(long, default_value_t = 60000)]
    pub features: usize,
    /// L2 regularization strength.
    #[arg(long, default_value_t = 0.05)]
    pub alpha: f64,
    /// Solver iterations.
    #[arg(long, default_value_t = 300)]
    pub max_iterations: u64,
}

/// Flags of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// An EMSCAD folder (its TEST split is scored), or labelled JSON Lines (a file or folder).
    #[arg(long = "data", required = true, value_name = "PATH")]
    pub data: PathBuf,
    /// The model file.
    #[arg(long, value_name = "FILE", default_value_os_t = lurewatch::classify::default_model_path())]
    pub model: PathBuf,
    /// The report as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// One JSON object per input on stdout (JSON Lines) instead of a readable summary.
    #[arg(long)]
    pub json: bool,
    /// Resolve relative links against this URL (a page's own <base href> still wins).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<url::Url>,
    /// Skip inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = lurewatch::extract::input::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}
