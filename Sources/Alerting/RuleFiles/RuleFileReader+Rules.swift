import ConfigFile
import Query
import TimeSeries

extension RuleFileReader {
    static let ruleKeys: Set<String> = ["alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations"]

    /// One rule, or nil when it has errors (all of them recorded).
    mutating func rule(_ node: YAMLNode, groupLabels: [(name: String, value: String, node: YAMLNode)]) -> Rule? {
        let errorsBefore = errors.count
        guard let mapping = node.mapping(allowedKeys: Self.ruleKeys, context: "a rule", collecting: &errors) else { return nil }
        let alert = collect { () throws(ConfigError) in try mapping["alert"]?.string(context: "alert") } ?? nil
        let record = collect { () throws(ConfigError) in try mapping["record"]?.string(context: "record") } ?? nil
        let name = alert ?? record ?? ""
        switch (alert, record) {
        case (.some, .some):
            errors.append(node.error("rule \"\(name)\" sets both \"alert\" and \"record\" — a rule is one or the other"))
        case (nil, nil):
            errors.append(node.error("a rule needs \"alert\" (an alerting rule) or \"record\" (a recording rule)"))
        default: break
        }
        if let alert, alert.isEmpty, let alertNode = mapping["alert"] { errors.append(alertNode.error("alert name must not be empty")) }
        let expr = expression(mapping, rule: node, name: name)
        let location = SourceLocation(file: file, line: node.line, column: node.column)
        if let record, alert == nil {
            let recording = recordingRule(record, mapping: mapping, expr: expr, groupLabels: groupLabels, location: location)
            return errors.count == errorsBefore ? recording : nil
        }
        let alerting = alertingRule(name, mapping: mapping, expr: expr, groupLabels: groupLabels, location: location)
        return errors.count == errorsBefore && alert != nil && record == nil ? alerting : nil
    }

    private mutating func recordingRule(
        _ name: String, mapping: YAMLMapping, expr: Expr?, groupLabels: [(name: String, value: String, node: YAMLNode)],
        location: SourceLocation
    ) -> Rule? {
        if let recordNode = mapping["record"] {
            if name.contains("{") || name.contains("}") {
                errors.append(recordNode.error("recording rule name \"\(name)\" has braces — should they be in expr?"))
            } else if !NameRules.isValidMetricName(name) {
                errors.append(
                    recordNode.error(
                        "invalid recording rule name \"\(name)\": a metric name uses letters, digits, _ and :, not starting with a digit"))
            }
        }
        for key in ["for", "keep_firing_for", "annotations"] {
            if let keyNode = mapping.keyNode(key) { errors.append(keyNode.error("a recording rule takes no \"\(key)\" (only alerting rules do)")) }
        }
        var labels = groupLabels.map { Label($0.name, $0.value) }
        if let labelsNode = mapping["labels"] {
            for label in plainLabels(labelsNode, context: "labels of \"\(name)\"") {
                labels.removeAll { $0.name == label.name }
                labels.append(Label(label.name, label.value))
            }
        }
        guard let expr else { return nil }
        return .recording(RecordingRule(name: name, expr: expr, labels: labels, location: location))
    }

    private mutating func alertingRule(
        _ name: String, mapping: YAMLMapping, expr: Expr?, groupLabels: [(name: String, value: String, node: YAMLNode)],
        location: SourceLocation
    ) -> Rule? {
        let hold = mapping["for"].map { positiveDuration($0, context: "for", allowZero: true) } ?? .zero
        let keep = mapping["keep_firing_for"].map { positiveDuration($0, context: "keep_firing_for", allowZero: true) } ?? .zero
        var labels = groupLabels.compactMap { label in
            template(label.value, node: label.node, what: "label \"\(label.name)\"").map { TemplatedLabel(name: label.name, template: $0) }
        }
        if let labelsNode = mapping["labels"] {
            for label in templatedEntries(labelsNode, kind: "label", rule: name) {
                labels.removeAll { $0.name == label.name }
                labels.append(label)
            }
        }
        let annotations = mapping["annotations"].map { templatedEntries($0, kind: "annotation", rule: name) } ?? []
        guard let expr, let hold, let keep else { return nil }
        return .alerting(
            AlertingRule(
                name: name, expr: expr, holdDuration: hold, keepFiringFor: keep, labels: labels, annotations: annotations,
                location: location))
    }

    /// The rule's expression, parsed; a PromQL error points at its column inside `expr`.
    private mutating func expression(_ mapping: YAMLMapping, rule: YAMLNode, name: String) -> Expr? {
        guard let node = mapping["expr"] else {
            errors.append(rule.error("rule \"\(name)\" needs an \"expr\""))
            return nil
        }
        guard let text = collect({ () throws(ConfigError) in try node.string(context: "expr") }) else { return nil }
        do {
            let expr = try QueryEngine.parse(text)
            guard expr.valueType == .vector || expr.valueType == .scalar else {
                errors.append(
                    node.error("expr of \"\(name)\" gives a \(expr.valueType == .matrix ? "range vector" : "string"); a rule needs an instant vector or a scalar"))
                return nil
            }
            return expr
        } catch {
            let (position, message): (SourcePosition?, String) =
                switch error {
                case .parse(let position, let message): (position, message)
                case .notSupported(let construct, let position): (position, "not supported: \(construct)")
                default: (nil, error.description)
                }
            errors.append(inside(node, value: text, utf8Offset: position.map { offset(of: $0, in: text) }, "expr of \"\(name)\": \(message)"))
            return nil
        }
    }

    /// Label or annotation templates; names checked, every template parsed.
    private mutating func templatedEntries(_ node: YAMLNode, kind: String, rule: String) -> [TemplatedLabel] {
        guard let entries = collect({ () throws(ConfigError) in try node.entries(context: "\(kind)s of \"\(rule)\"") }) else { return [] }
        var out: [TemplatedLabel] = []
        for entry in entries {
            let validName = checkLabelName(entry.key, at: entry.keyNode, kind: kind)
            guard let text = collect({ () throws(ConfigError) in try entry.value.string(context: "\(kind) \"\(entry.key)\"") }),
                let parsed = template(text, node: entry.value, what: "\(kind) \"\(entry.key)\""), validName
            else { continue }
            out.append(TemplatedLabel(name: entry.key, template: parsed))
        }
        return out
    }

    private mutating func template(_ text: String, node: YAMLNode, what: String) -> Template? {
        do {
            return try Template(text)
        } catch {
            errors.append(inside(node, value: text, utf8Offset: error.offset, "\(what): template: \(error.message)"))
            return nil
        }
    }

    /// An error at a position inside a scalar's value.
    private func inside(_ node: YAMLNode, value: String, utf8Offset: Int?, _ message: String) -> ConfigError {
        guard let utf8Offset else { return node.error(message) }
        // An error at the end of the text (an unclosed parenthesis) points just past its last
        // character, not at the line after a block scalar.
        var end = value.utf8.count
        while end > 0, [0x20, 0x0A, 0x09, 0x0D].contains(value.utf8[value.utf8.index(value.utf8.startIndex, offsetBy: end - 1)]) { end -= 1 }
        let position = ScalarSourceMap(node: node, value: value, lines: lines).position(utf8Offset: min(utf8Offset, end), in: value)
        return ConfigError(file: file, line: position.line, column: position.column, message: message)
    }

    /// The byte offset of a 1-based line and byte column in text.
    private func offset(of position: SourcePosition, in text: String) -> Int {
        var line = 1
        var offset = 0
        for byte in text.utf8 {
            if line == position.line { break }
            offset += 1
            if byte == UInt8(ascii: "\n") { line += 1 }
        }
        return offset + position.column - 1
    }
}
