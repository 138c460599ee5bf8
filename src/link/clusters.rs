//! Clusters: sites tied together by a shared wallet or handle (connected components of the
//! site–entity graph), each edge with the entity that makes it.
//!
//! An entity seen on very many sites — a famous donation address, an exchange's support
//! handle, a public hotline — says nothing about who runs them and would glue unrelated sites
//! into one cluster: entities on more than `max_sites` sites, and those in the stop-list, tie
//! nothing (they are reported as stop-listed).

use super::registry::Sighting;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Entities on more sites than this tie nothing (default of `clusters --max-sites`).
pub const DEFAULT_MAX_SITES: usize = 25;

/// One tie: an entity shown by two sites.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// A site.
    pub from: String,
    /// Another site.
    pub to: String,
    /// The entity both show.
    pub entity: String,
}

/// A group of sites.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    /// Stable id: derived from the cluster's alphabetically first site.
    pub id: String,
    /// Its sites, sorted.
    pub sites: Vec<String>,
    /// The entities that tie them, sorted.
    pub entities: Vec<String>,
    /// Pages per label.
    pub labels: BTreeMap<String, usize>,
    /// First and last seen of its sightings (RFC 3339).
    pub first_seen: String,
    /// See `first_seen`.
    pub last_seen: String,
    /// The evidence: which entity ties which two sites.
    pub edges: Vec<Edge>,
}

/// The clusters and what was left out.
#[derive(Debug, Clone, Serialize)]
pub struct Clusters {
    /// Clusters of two or more sites, largest first.
    pub clusters: Vec<Cluster>,
    /// Entities that tie nothing: on too many sites, or stop-listed.
    pub stop_listed: Vec<String>,
}

/// Clusters of `sightings` (ordered by entity); `stop_list` holds entity keys or bare values.
pub fn clusters(
    sightings: &[Sighting],
    max_sites: usize,
    stop_list: &BTreeSet<String>,
) -> Clusters {
    let mut sites: BTreeMap<&str, usize> = BTreeMap::new();
    for sighting in sightings {
        let next = sites.len();
        sites.entry(sighting.domain.as_str()).or_insert(next);
    }
    let names: Vec<&str> = {
        let mut names = vec![""; sites.len()];
        for (name, index) in &sites {
            names[*index] = name;
        }
        names
    };
    let mut parent: Vec<usize> = (0..sites.len()).collect();
    let mut edges: Vec<(usize, usize, &str)> = Vec::new();
    let mut stop_listed = Vec::new();
    for group in sightings.chunk_by(|a, b| a.entity == b.entity) {
        let members: BTreeSet<usize> = group.iter().map(|s| sites[s.domain.as_str()]).collect();
        if members.len() < 2 {
            continue;
        }
        let entity = group[0].entity.as_str();
        if members.len() > max_sites
            || stop_list.contains(entity)
            || stop_list.contains(group[0].value.as_str())
        {
            stop_listed.push(entity.to_owned());
            continue;
        }
        // A star from the alphabetically first site: enough edges to prove the ties.
        let mut ordered: Vec<usize> = members.into_iter().collect();
        ordered.sort_by_key(|index| names[*index]);
        for other in &ordered[1..] {
            union(&mut parent, ordered[0], *other);
            edges.push((ordered[0], *other, entity));
        }
    }
    // One pass each over sites, edges and sightings: every site gets its component's slot.
    let mut slot_of_root: BTreeMap<usize, usize> = BTreeMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut slot_of_site = Vec::with_capacity(names.len());
    for index in 0..names.len() {
        let root = find(&mut parent, index);
        let slot = *slot_of_root.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[slot].push(index);
        slot_of_site.push(slot);
    }
    let mut cluster_edges: Vec<Vec<Edge>> = vec![Vec::new(); members.len()];
    for (from, to, entity) in &edges {
        cluster_edges[slot_of_site[*from]].push(Edge {
            from: names[*from].to_owned(),
            to: names[*to].to_owned(),
            entity: (*entity).to_owned(),
        });
    }
    let mut pages: Vec<BTreeMap<&str, &str>> = vec![BTreeMap::new(); members.len()];
    let mut seen: Vec<(i64, i64)> = vec![(i64::MAX, i64::MIN); members.len()];
    for sighting in sightings {
        let slot = slot_of_site[sites[sighting.domain.as_str()]];
        if members[slot].len() < 2 {
            continue;
        }
        pages[slot].insert(
            &sighting.url,
            sighting.label.as_deref().unwrap_or("unlabelled"),
        );
        seen[slot].0 = seen[slot].0.min(sighting.first_seen);
        seen[slot].1 = seen[slot].1.max(sighting.last_seen);
    }
    let mut clusters: Vec<Cluster> = Vec::new();
    for (slot, members) in members.iter().enumerate() {
        if members.len() < 2 {
            continue;
        }
        let mut site_list: Vec<String> = members
            .iter()
            .map(|index| names[*index].to_owned())
            .collect();
        site_list.sort();
        let mut edges = std::mem::take(&mut cluster_edges[slot]);
        edges.sort();
        let entities: BTreeSet<String> = edges.iter().map(|edge| edge.entity.clone()).collect();
        let mut labels = BTreeMap::new();
        for label in pages[slot].values() {
            *labels.entry((*label).to_owned()).or_default() += 1;
        }
        clusters.push(Cluster {
            id: cluster_id(&site_list[0]),
            sites: site_list,
            entities: entities.into_iter().collect(),
            labels,
            first_seen: crate::index::rfc3339(seen[slot].0),
            last_seen: crate::index::rfc3339(seen[slot].1),
            edges,
        });
    }
    clusters.sort_by(|a, b| {
        b.sites
            .len()
            .cmp(&a.sites.len())
            .then_with(|| a.id.cmp(&b.id))
    });
    Clusters {
        clusters,
        stop_listed,
    }
}

/// `c-` and 10 hex digits of the SHA-256 of the cluster's first site.
fn cluster_id(first_site: &str) -> String {
    let hash = Sha256::digest(first_site.as_bytes());
    format!(
        "c-{}",
        hash.iter()
            .take(5)
            .map(|byte| format!("{byte:02x}"))
            .collect::<String>()
    )
}

fn find(parent: &mut [usize], mut index: usize) -> usize {
    while parent[index] != index {
        parent[index] = parent[parent[index]];
        index = parent[index];
    }
    index
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}
