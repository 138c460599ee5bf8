//! Exports of the registry for the tools investigators use: CSV for tracing tools, JSON Lines,
//! GraphSense TagPacks, STIX 2.1 bundles, GEXF for Gephi, FollowTheMoney for OpenAleph.
//! Every export is reproducible (stable order, ids derived from content) and carries its
//! evidence (page URL, fetch time, content hash, WARC record).

use super::registry::Sighting;
use super::{EntitySummary, summarize};
use crate::index::rfc3339;
use serde_json::{Value, json};
use std::io::Write;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One row per address × page.
    Csv,
    /// One object per entity with its pages.
    Jsonl,
    /// GraphSense TagPack (YAML).
    Tagpack,
    /// STIX 2.1 bundle.
    Stix,
    /// Gephi's GEXF 1.3.
    Gexf,
    /// FollowTheMoney entities, JSON Lines.
    Ftm,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Format, String> {
        Ok(match name {
            "csv" => Format::Csv,
            "jsonl" => Format::Jsonl,
            "tagpack" => Format::Tagpack,
            "stix" => Format::Stix,
            "gexf" => Format::Gexf,
            "ftm" => Format::Ftm,
            _ => {
                return Err(format!(
                    "{name:?}: expected csv, jsonl, tagpack, stix, gexf or ftm"
                ));
            }
        })
    }
}

/// The namespace of every UUIDv5 the exports derive.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6c75_7265_7761_7463_6800_0000_0000_0001);

/// The STIX extension that defines the `cryptocurrency-wallet` object.
const WALLET_EXTENSION: &str = "extension-definition--be78509e-6958-51b1-8b26-d17ee0eba2d7";

/// Writes `sightings` (ordered by entity, then URL) in `format`.
pub fn write(format: Format, sightings: &[Sighting], out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Csv => csv(sightings, out),
        Format::Jsonl => jsonl(sightings, out),
        Format::Tagpack => tagpack(sightings, out),
        Format::Stix => stix(sightings, out),
        Format::Gexf => gexf(sightings, out),
        Format::Ftm => ftm(sightings, out),
    }
}

/// The network name of a chain ticker.
fn network(chain: &str) -> &'static str {
    match chain {
        "btc" => "bitcoin",
        "eth" => "ethereum",
        "trx" => "tron",
        "ltc" => "litecoin",
        "doge" => "dogecoin",
        "bch" => "bitcoin-cash",
        "xrp" => "ripple",
        "sol" => "solana",
        "xmr" => "monero",
        "ton" => "ton",
        "dash" => "dash",
        "zec" => "zcash",
        _ => "unknown",
    }
}

/// The asset: the page's hint (USDT) or the chain's own coin.
fn asset(sighting: &Sighting) -> String {
    sighting
        .asset
        .clone()
        .unwrap_or_else(|| sighting.chain.as_deref().unwrap_or("").to_uppercase())
}

/// Addresses compared the way the chain does (EVM addresses are case-insensitive).
fn normalized(sighting: &Sighting) -> String {
    match sighting.chain.as_deref() {
        Some("eth") => sighting.value.to_lowercase(),
        _ => sighting.value.clone(),
    }
}

fn category(label: Option<&str>) -> &'static str {
    match label {
        Some("recruitment_lure") => "scam_recruitment",
        Some("investment_fraud") => "investment_scam",
        Some("job_scam") => "job_scam",
        _ => "mention",
    }
}

fn wallets(sightings: &[Sighting]) -> impl Iterator<Item = &Sighting> {
    sightings
        .iter()
        .filter(|sighting| sighting.kind == "wallet")
}

fn csv(sightings: &[Sighting], out: &mut dyn Write) -> std::io::Result<()> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record([
        "address",
        "network",
        "asset",
        "address_normalized",
        "label",
        "category",
        "source_url",
        "domain",
        "first_seen_utc",
        "last_seen_utc",
        "confidence",
        "context",
    ])?;
    for sighting in wallets(sightings) {
        writer.write_record([
            sighting.seen_as.as_str(),
            network(sighting.chain.as_deref().unwrap_or("")),
            &asset(sighting),
            &normalized(sighting),
            sighting.label.as_deref().unwrap_or(""),
            category(sighting.label.as_deref()),
            &sighting.url,
            &sighting.domain,
            &rfc3339(sighting.first_seen),
            &rfc3339(sighting.last_seen),
            &sighting
                .score
                .map(|score| format!("{score:.3}"))
                .unwrap_or_default(),
            &sighting.context,
        ])?;
    }
    writer.flush()
}

fn page(sighting: &Sighting) -> Value {
    json!({
        "url": sighting.url,
        "domain": sighting.domain,
        "label": sighting.label,
        "score": sighting.score,
        "first_seen": rfc3339(sighting.first_seen),
        "last_seen": rfc3339(sighting.last_seen),
        "sha256": sighting.sha256,
        "warc": sighting.warc,
        "context": sighting.context,
    })
}

fn jsonl(sightings: &[Sighting], out: &mut dyn Write) -> std::io::Result<()> {
    let summaries: std::collections::HashMap<String, EntitySummary> = summarize(sightings)
        .into_iter()
        .map(|summary| (summary.entity.clone(), summary))
        .collect();
    for group in sightings.chunk_by(|a, b| a.entity == b.entity) {
        let summary = &summaries[&group[0].entity];
        let line = json!({
            "entity": summary.entity,
            "kind": summary.kind,
            "chain": summary.chain,
            "value": summary.value,
            "asset": group.iter().find_map(|s| s.asset.clone()),
            "sites": summary.sites,
            "first_seen": summary.first_seen,
            "last_seen": summary.last_seen,
            "worst_label": summary.worst_label,
            "pages": group.iter().map(page).collect::<Vec<_>>(),
        });
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn yaml(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}

fn tagpack(sightings: &[Sighting], out: &mut dyn Write) -> std::io::Result<()> {
    let lastmod = sightings.iter().map(|s| s.last_seen).max().map_or_else(
        || "1970-01-01".to_owned(),
        |last| rfc3339(last)[..10].to_owned(),
    );
    writeln!(
        out,
        "title: {}",
        yaml("lurewatch: wallets on scam-recruitment and investment-fraud pages")
    )?;
    writeln!(out, "creator: lurewatch")?;
    writeln!(
        out,
        "description: {}",
        yaml("Addresses seen on crawled web pages, with the page's label")
    )?;
    writeln!(out, "confidence: web_crawl")?;
    writeln!(out, "abuse: scam")?;
    writeln!(out, "tag_type: mention")?;
    writeln!(out, "lastmod: {lastmod}")?;
    let mut wallets = wallets(sightings).peekable();
    if wallets.peek().is_none() {
        writeln!(out, "tags: []")?;
        return Ok(());
    }
    writeln!(out, "tags:")?;
    for sighting in wallets {
        let chain = sighting.chain.as_deref().unwrap_or("").to_uppercase();
        let context = json!({
            "asset": asset(sighting),
            "snippet": sighting.context,
            "domain": sighting.domain,
            "label": sighting.label,
            "score": sighting.score,
            "sha256": sighting.sha256,
            "warc": sighting.warc,
            "first_seen": rfc3339(sighting.first_seen),
        });
        writeln!(out, "  - address: {}", yaml(&sighting.seen_as))?;
        writeln!(out, "    currency: {}", yaml(&chain))?;
        writeln!(out, "    network: {}", yaml(&chain))?;
        writeln!(
            out,
            "    label: {}",
            yaml(&format!(
                "{} page on {}",
                sighting.label.as_deref().unwrap_or("unlabelled"),
                sighting.domain
            ))
        )?;
        writeln!(out, "    source: {}", yaml(&sighting.url))?;
        writeln!(out, "    lastmod: {}", &rfc3339(sighting.last_seen)[..10])?;
        writeln!(out, "    context: {}", yaml(&context.to_string()))?;
    }
    Ok(())
}

fn stix_id(kind: &str, key: &str) -> String {
    format!(
        "{kind}--{}",
        uuid::Uuid::new_v5(&NAMESPACE, format!("{kind}:{key}").as_bytes())
    )
}

/// STIX timestamps carry milliseconds.
fn stix_time(seconds: i64) -> String {
    rfc3339(seconds).replace('Z', ".000Z")
}

fn stix(sightings: &[Sighting], out: &mut dyn Write) -> std::io::Result<()> {
    let identity = stix_id("identity", "lurewatch");
    let created = stix_time(sightings.iter().map(|s| s.first_seen).min().unwrap_or(0));
    let entities = sightings.chunk_by(|a, b| a.entity == b.entity).count();
    let bundle = stix_id(
        "bundle",
        &format!("{entities}:{}:{created}", sightings.len()),
    );
    write!(
        out,
        "{{\"type\": \"bundle\", \"id\": \"{bundle}\", \"objects\": ["
    )?;
    let mut objects = Objects { out, first: true };
    objects.push(json!({
            "type": "identity", "spec_version": "2.1", "id": identity,
            "created": created, "modified": created,
            "name": "lurewatch", "identity_class": "system",
    }))?;
    objects.push(json!({
            "type": "extension-definition", "spec_version": "2.1", "id": WALLET_EXTENSION,
            "created_by_ref": identity, "created": created, "modified": created,
            "name": "cryptocurrency-wallet",
            "description": "A cryptocurrency wallet address seen on a web page.",
            "schema": "https://github.com/oasis-open/cti-stix-common-objects/tree/main/extension-definition-specifications/cryptocurrency-wallet-be7",
            "version": "1.0", "extension_types": ["new-sco"],
    }))?;
    let mut pages_done = std::collections::BTreeSet::new();
    for group in sightings.chunk_by(|a, b| a.entity == b.entity) {
        let first = &group[0];
        let first_seen = stix_time(group.iter().map(|s| s.first_seen).min().unwrap_or(0));
        let last_seen = stix_time(group.iter().map(|s| s.last_seen).max().unwrap_or(0));
        let (entity_id, pattern) = if first.kind == "wallet" {
            let id = stix_id("cryptocurrency-wallet", &first.entity);
            objects.push(json!({
                "type": "cryptocurrency-wallet", "spec_version": "2.1", "id": id,
                "address": first.value,
                "extensions": { WALLET_EXTENSION: { "extension_type": "new-sco" } },
            }))?;
            let pattern = format!("[cryptocurrency-wallet:address = '{}']", first.value);
            (id, pattern)
        } else {
            let id = stix_id("user-account", &first.entity);
            objects.push(json!({
                "type": "user-account", "spec_version": "2.1", "id": id,
                "account_login": first.value, "account_type": first.kind,
            }))?;
            let pattern = format!(
                "[user-account:account_type = '{}' AND user-account:account_login = '{}']",
                first.kind,
                first.value.replace('\'', "\\'")
            );
            (id, pattern)
        };
        let indicator = stix_id("indicator", &first.entity);
        let worst = group
            .iter()
            .max_by_key(|s| super::severity(s.label.as_deref()))
            .and_then(|s| s.label.clone())
            .unwrap_or_default();
        objects.push(json!({
            "type": "indicator", "spec_version": "2.1", "id": indicator,
            "created_by_ref": identity, "created": first_seen, "modified": last_seen,
            "name": format!("{} {}", first.kind, first.value),
            "description": format!("Seen on {} page(s); worst label {worst}", group.len()),
            "indicator_types": ["malicious-activity"],
            "pattern": pattern, "pattern_type": "stix", "valid_from": first_seen,
        }))?;
        objects.push(relationship(
            &identity,
            &indicator,
            "based-on",
            &entity_id,
            &first_seen,
        ))?;
        for sighting in group {
            let url_id = stix_id("url", &sighting.url);
            if pages_done.insert(sighting.url.clone()) {
                objects.push(json!({
                    "type": "url", "spec_version": "2.1", "id": url_id, "value": sighting.url,
                }))?;
                let domain_id = stix_id("domain-name", &sighting.domain);
                if pages_done.insert(format!("domain:{}", sighting.domain)) {
                    objects.push(json!({
                        "type": "domain-name", "spec_version": "2.1", "id": domain_id,
                        "value": sighting.domain,
                    }))?;
                }
            }
            let mut link = relationship(
                &identity,
                &entity_id,
                "related-to",
                &url_id,
                &stix_time(sighting.first_seen),
            );
            link["description"] = json!(format!(
                "seen on the page (label {}, sha256 {}, warc {})",
                sighting.label.as_deref().unwrap_or("none"),
                sighting.sha256,
                sighting.warc.as_deref().unwrap_or("none")
            ));
            objects.push(link)?;
        }
    }
    writeln!(objects.out, "]}}")
}

/// The objects of a bundle, written one at a time.
struct Objects<'a> {
    out: &'a mut dyn Write,
    first: bool,
}

impl Objects<'_> {
    fn push(&mut self, object: Value) -> std::io::Result<()> {
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        serde_json::to_writer(&mut *self.out, &object)?;
        Ok(())
    }
}

fn relationship(identity: &str, source: &str, kind: &str, target: &str, time: &str) -> Value {
    json!({
        "type": "relationship", "spec_version": "2.1",
        "id": stix_id("relationship", &format!("{source}|{kind}|{target}")),
        "created_by_ref": identity, "created": time, "modified": time,
        "relationship_type": kind, "source_ref": source, "target_ref": target,
    })
}

fn xml(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, '\t' | '\n' | '\r') || *c >= ' ')
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&apos;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

fn gexf(sightings: &[Sighting], out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">"#)?;
    writeln!(
        out,
        r#"  <meta><creator>lurewatch</creator><description>sites and the wallets and handles they show</description></meta>"#
    )?;
    writeln!(
        out,
        r#"  <graph defaultedgetype="undirected" mode="static">"#
    )?;
    writeln!(
        out,
        r#"    <attributes class="node"><attribute id="0" title="type" type="string"/><attribute id="1" title="kind" type="string"/><attribute id="2" title="worst_label" type="string"/></attributes>"#
    )?;
    writeln!(
        out,
        r#"    <attributes class="edge"><attribute id="0" title="first_seen" type="string"/><attribute id="1" title="last_seen" type="string"/><attribute id="2" title="pages" type="integer"/></attributes>"#
    )?;
    let mut sites: std::collections::BTreeMap<&str, u8> = std::collections::BTreeMap::new();
    for sighting in sightings {
        let worst = sites.entry(&sighting.domain).or_default();
        *worst = (*worst).max(super::severity(sighting.label.as_deref()));
    }
    let label_of = |severity: u8| match severity {
        4 => "recruitment_lure",
        3 => "investment_fraud",
        2 => "job_scam",
        1 => "benign",
        _ => "",
    };
    writeln!(out, "    <nodes>")?;
    for (site, worst) in &sites {
        writeln!(
            out,
            r#"      <node id="site:{0}" label="{0}"><attvalues><attvalue for="0" value="site"/><attvalue for="1" value="site"/><attvalue for="2" value="{1}"/></attvalues></node>"#,
            xml(site),
            label_of(*worst)
        )?;
    }
    let summaries = summarize(sightings);
    let mut ordered: Vec<&EntitySummary> = summaries.iter().collect();
    ordered.sort_by(|a, b| a.entity.cmp(&b.entity));
    for summary in &ordered {
        writeln!(
            out,
            r#"      <node id="{0}" label="{1}"><attvalues><attvalue for="0" value="entity"/><attvalue for="1" value="{2}"/><attvalue for="2" value="{3}"/></attvalues></node>"#,
            xml(&summary.entity),
            xml(&summary.value),
            xml(summary.chain.as_deref().unwrap_or(&summary.kind)),
            summary.worst_label.as_deref().unwrap_or("")
        )?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    let mut edges: std::collections::BTreeMap<(&str, &str), (i64, i64, usize)> =
        std::collections::BTreeMap::new();
    for sighting in sightings {
        let edge = edges
            .entry((&sighting.domain, &sighting.entity))
            .or_insert((i64::MAX, i64::MIN, 0));
        edge.0 = edge.0.min(sighting.first_seen);
        edge.1 = edge.1.max(sighting.last_seen);
        edge.2 += 1;
    }
    for (number, ((site, entity), (first, last, pages))) in edges.iter().enumerate() {
        writeln!(
            out,
            r#"      <edge id="{number}" source="site:{}" target="{}" weight="{pages}"><attvalues><attvalue for="0" value="{}"/><attvalue for="1" value="{}"/><attvalue for="2" value="{pages}"/></attvalues></edge>"#,
            xml(site),
            xml(entity),
            rfc3339(*first),
            rfc3339(*last)
        )?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

fn ftm_id(key: &str) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, key.as_bytes())
        .simple()
        .to_string()
}

fn ftm(sightings: &[Sighting], out: &mut dyn Write) -> std::io::Result<()> {
    let mut pages = std::collections::BTreeSet::new();
    for group in sightings.chunk_by(|a, b| a.entity == b.entity) {
        let first = &group[0];
        let entity_id = ftm_id(&first.entity);
        let entity = if first.kind == "wallet" {
            json!({
                "id": entity_id, "schema": "CryptoWallet",
                "properties": {
                    "publicKey": [first.value],
                    "currency": [asset(first)],
                    "summary": [format!("{} address seen on {} page(s)", network(first.chain.as_deref().unwrap_or("")), group.len())],
                },
            })
        } else {
            json!({
                "id": entity_id, "schema": "UserAccount",
                "properties": { "username": [first.value], "service": [first.kind] },
            })
        };
        writeln!(out, "{entity}")?;
        for sighting in group {
            let page_id = ftm_id(&format!("page:{}", sighting.url));
            if pages.insert(page_id.clone()) {
                let document = json!({
                    "id": page_id, "schema": "Document",
                    "properties": {
                        "title": [sighting.url],
                        "sourceUrl": [sighting.url],
                        "contentHash": [sighting.sha256],
                        "retrievedAt": [rfc3339(sighting.last_seen)],
                        "keywords": [sighting.label.clone().unwrap_or_default()],
                    },
                });
                writeln!(out, "{document}")?;
            }
            let link = json!({
                "id": ftm_id(&format!("link:{}|{}", sighting.entity, sighting.url)),
                "schema": "UnknownLink",
                "properties": {
                    "subject": [entity_id],
                    "object": [page_id],
                    "role": ["shown on the page"],
                    "startDate": [rfc3339(sighting.first_seen)[..10].to_owned()],
                    "endDate": [rfc3339(sighting.last_seen)[..10].to_owned()],
                    "summary": [sighting.context],
                },
            });
            writeln!(out, "{link}")?;
        }
    }
    Ok(())
}
