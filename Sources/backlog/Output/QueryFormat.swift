import ArgumentParser

/// How `backlog query` and `backlog history` print results.
enum QueryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, chart
}
