import Query

/// Query results as a terminal chart (placeholder until the dashboard's chart lands).
enum QueryChart {
    static func render(_ value: QueryValue, title: String) -> String {
        QueryTable.render(value)
    }
}
