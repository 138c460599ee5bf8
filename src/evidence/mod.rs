//! Evidence: the WARC archives that hold every response as it was received. `ingest` and
//! `verify` read them; the crawler writes them.

pub mod digest;
pub mod http_response;
pub mod verify;
pub mod warc_read;
pub mod warc_write;
