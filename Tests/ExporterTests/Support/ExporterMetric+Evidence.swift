import Probe

/// The exporter's reductions rate, until the contract's list in Probe names it too.
extension ExporterMetric {
    static let processReductionsRate = "erlang_process_reductions_per_second"
}
