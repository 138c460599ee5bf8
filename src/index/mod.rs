//! Index: the corpus analysts search (tantivy). So far only its multilingual tokenizer; the
//! schema, writer and searcher come with the rest of the index issue.

pub mod tokenizer;
