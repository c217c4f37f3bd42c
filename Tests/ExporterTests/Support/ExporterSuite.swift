import Testing

/// Tests against real `erl` nodes running `exporters/erlang/src/backlog_exporter.erl`.
///
/// Serialized: each test boots its own node, and scan and scrape timings only mean something
/// when the nodes do not compete for the two cores with each other.
@Suite(.serialized) struct ExporterTests {}
