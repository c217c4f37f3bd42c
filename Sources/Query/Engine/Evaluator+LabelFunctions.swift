import TimeSeries

extension Evaluator {
    /// `label_replace(v, dst, replacement, src, regex)`: where the fully anchored regex matches
    /// the source label, the destination label becomes the expanded replacement.
    func labelReplace(_ input: StepVectors, _ arguments: [String]) throws(QueryError) -> StepVectors {
        let (destination, replacement, source, pattern) = (arguments[0], arguments[1], arguments[2], arguments[3])
        guard let regex = RegexCache.regex(pattern) else {
            throw .evaluation("invalid regular expression in label_replace(): \(pattern)")
        }
        guard !destination.isEmpty else {
            throw .evaluation("invalid destination label name in label_replace(): \(destination)")
        }
        let template = ReplacementTemplate(text: replacement)
        return try input.mapRows(
            labels: { labels in
                let value = labels[source] ?? ""
                guard let match = regex.match(value) else { return labels }
                return labels.setting(destination, template.expand(match, in: value, groupNames: regex.groupNames))
            }, distinct: false, value: { value, _ in value })
    }

    /// `label_join(v, dst, separator, src…)`: the destination label becomes the source labels'
    /// values joined.
    func labelJoin(_ input: StepVectors, _ arguments: [String]) throws(QueryError) -> StepVectors {
        let (destination, separator, sources) = (arguments[0], arguments[1], arguments.dropFirst(2))
        if let empty = sources.first(where: \.isEmpty) {
            throw .evaluation("invalid source label name in label_join(): \(empty)")
        }
        guard !destination.isEmpty else {
            throw .evaluation("invalid destination label name in label_join(): \(destination)")
        }
        return try input.mapRows(
            labels: { labels in
                labels.setting(destination, sources.map { labels[$0] ?? "" }.joined(separator: separator))
            }, distinct: false, value: { value, _ in value })
    }
}
