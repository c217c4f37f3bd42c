import ArgumentParser

/// How `backlog scrape` prints what it read.
enum SampleFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, summary
}
