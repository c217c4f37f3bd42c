import ConfigFile
import Foundation
import Query
import TimeSeries

/// Reads a promtool test file, reporting every mistake with its file, line and column.
struct RuleTestFileParser {
    let file: String
    var errors: [ConfigError] = []

    static func load(path: String) throws(RuleFileErrors) -> RuleTestFile {
        let root: YAMLNode
        do {
            root = try YAMLNode.load(path: path)
        } catch {
            throw RuleFileErrors([error])
        }
        var parser = RuleTestFileParser(file: path)
        let testFile = parser.testFile(root)
        guard parser.errors.isEmpty, let testFile else { throw RuleFileErrors(parser.errors) }
        return testFile
    }

    private mutating func testFile(_ root: YAMLNode) -> RuleTestFile? {
        let keys: Set<String> = ["rule_files", "evaluation_interval", "group_eval_order", "tests"]
        guard let mapping = root.mapping(allowedKeys: keys, context: "a rule test file", collecting: &errors) else { return nil }
        let folder = (file as NSString).deletingLastPathComponent
        let ruleFiles = (collect { () throws(ConfigError) in try mapping["rule_files"]?.stringList(context: "rule_files") } ?? nil) ?? []
        let resolved = ruleFiles.map { $0.hasPrefix("/") || folder.isEmpty ? $0 : folder + "/" + $0 }
        let interval = mapping["evaluation_interval"].flatMap { duration($0, context: "evaluation_interval") } ?? .seconds(60)
        let order = (collect { () throws(ConfigError) in try mapping["group_eval_order"]?.stringList(context: "group_eval_order") } ?? nil) ?? []
        var tests: [RuleTestFile.TestGroup] = []
        let testNodes = (collect { () throws(ConfigError) in try mapping["tests"]?.sequence(context: "tests") } ?? nil) ?? []
        for (index, node) in testNodes.enumerated() {
            if let group = testGroup(node, index: index, evaluationInterval: interval) { tests.append(group) }
        }
        return RuleTestFile(path: file, ruleFiles: resolved, evaluationInterval: interval, groupEvaluationOrder: order, tests: tests)
    }

    private mutating func testGroup(_ node: YAMLNode, index: Int, evaluationInterval: PromDuration) -> RuleTestFile.TestGroup? {
        let keys: Set<String> = ["name", "interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels", "external_url"]
        guard let mapping = node.mapping(allowedKeys: keys, context: "a test group", collecting: &errors) else { return nil }
        let name = (collect { () throws(ConfigError) in try mapping["name"]?.string(context: "name") } ?? nil) ?? "tests[\(index)]"
        let interval = mapping["interval"].flatMap { duration($0, context: "interval") } ?? evaluationInterval
        var input: [RuleTestFile.InputSeries] = []
        for item in list(mapping["input_series"], "input_series") {
            guard let series = self.mapping(item, keys: ["series", "values"], context: "an input series"),
                let labels = descriptor(series["series"], owner: item, key: "series")
            else { continue }
            guard let valuesNode = series["values"], let text = collect({ () throws(ConfigError) in try valuesNode.string(context: "values") }) else {
                if series["values"] == nil { errors.append(item.error("an input series needs \"values\"")) }
                continue
            }
            do {
                input.append(RuleTestFile.InputSeries(labels: labels, values: try SeriesNotation.expand(text)))
            } catch {
                errors.append(valuesNode.error(error.message))
            }
        }
        var externalLabels = Labels()
        if let labelsNode = mapping["external_labels"],
            let entries = collect({ () throws(ConfigError) in try labelsNode.stringMap(context: "external_labels") })
        {
            externalLabels = Labels(entries.map { Label($0.key, $0.value) })
        }
        let externalURL = (collect { () throws(ConfigError) in try mapping["external_url"]?.string(context: "external_url") } ?? nil) ?? ""
        return RuleTestFile.TestGroup(
            name: name, location: location(node), interval: interval, inputSeries: input,
            alertTests: list(mapping["alert_rule_test"], "alert_rule_test").compactMap { alertTest($0) },
            queryTests: list(mapping["promql_expr_test"], "promql_expr_test").compactMap { queryTest($0) },
            externalLabels: externalLabels, externalURL: externalURL)
    }

    private mutating func alertTest(_ node: YAMLNode) -> RuleTestFile.AlertTest? {
        guard let test = mapping(node, keys: ["eval_time", "alertname", "exp_alerts"], context: "an alert_rule_test") else { return nil }
        guard let alertname = collect({ () throws(ConfigError) in try test.required("alertname", context: "an alert_rule_test").string(context: "alertname") }),
            let evalTime = evalTime(test, node)
        else { return nil }
        var expected: [RuleTestFile.ExpectedAlert] = []
        for item in list(test["exp_alerts"], "exp_alerts") {
            guard let alert = mapping(item, keys: ["exp_labels", "exp_annotations"], context: "an expected alert") else { continue }
            let labels = stringMap(alert["exp_labels"], "exp_labels").setting("alertname", alertname)
            // Empty annotations count, as they do in alerts.
            let annotations = Labels(presorted: stringMap(alert["exp_annotations"], "exp_annotations", keepEmpty: true).sorted { $0.name < $1.name })
            expected.append(RuleTestFile.ExpectedAlert(labels: labels, annotations: annotations))
        }
        return RuleTestFile.AlertTest(evalTime: evalTime, alertname: alertname, expected: expected, location: location(node))
    }

    private mutating func queryTest(_ node: YAMLNode) -> RuleTestFile.QueryTest? {
        guard let test = mapping(node, keys: ["expr", "eval_time", "exp_samples"], context: "a promql_expr_test"),
            let exprNode = collect({ () throws(ConfigError) in try test.required("expr", context: "a promql_expr_test") }),
            let expr = collect({ () throws(ConfigError) in try exprNode.string(context: "expr") }), let evalTime = evalTime(test, node)
        else { return nil }
        do {
            _ = try QueryEngine.parse(expr)
        } catch {
            errors.append(exprNode.error("expr: \(error)"))
            return nil
        }
        var expected: [RuleTestFile.ExpectedSample] = []
        for item in list(test["exp_samples"], "exp_samples") {
            guard let sample = mapping(item, keys: ["labels", "value"], context: "an expected sample") else { continue }
            let labels = sample["labels"] == nil ? Labels() : descriptor(sample["labels"], owner: item, key: "labels")
            guard let labels, let value = number(sample["value"], owner: item) else { continue }
            expected.append(RuleTestFile.ExpectedSample(labels: labels, value: value))
        }
        return RuleTestFile.QueryTest(expr: expr, evalTime: evalTime, expected: expected, location: location(node))
    }

    // MARK: - Small readers that record errors and go on

    private mutating func collect<T>(_ read: () throws(ConfigError) -> T) -> T? {
        do {
            return try read()
        } catch {
            errors.append(error)
            return nil
        }
    }

    private mutating func mapping(_ node: YAMLNode, keys: Set<String>, context: String) -> YAMLMapping? {
        node.mapping(allowedKeys: keys, context: context, collecting: &errors)
    }

    private mutating func list(_ node: YAMLNode?, _ context: String) -> [YAMLNode] {
        (collect { () throws(ConfigError) in try node?.sequence(context: context) } ?? nil) ?? []
    }

    private mutating func duration(_ node: YAMLNode, context: String) -> PromDuration? {
        collect { () throws(ConfigError) in try node.duration(context: context) }
    }

    private mutating func evalTime(_ mapping: YAMLMapping, _ owner: YAMLNode) -> PromDuration? {
        guard let node = mapping["eval_time"] else { return .zero }
        return duration(node, context: "eval_time")
    }

    private mutating func stringMap(_ node: YAMLNode?, _ context: String) -> Labels {
        Labels(stringMap(node, context, keepEmpty: false))
    }

    private mutating func stringMap(_ node: YAMLNode?, _ context: String, keepEmpty: Bool) -> [Label] {
        guard let node, let entries = collect({ () throws(ConfigError) in try node.stringMap(context: context) }) else { return [] }
        return entries.map { Label($0.key, $0.value) }.filter { keepEmpty || !$0.value.isEmpty }
    }

    private mutating func descriptor(_ node: YAMLNode?, owner: YAMLNode, key: String) -> Labels? {
        guard let node else {
            errors.append(owner.error("needs \"\(key)\""))
            return nil
        }
        guard let text = collect({ () throws(ConfigError) in try node.string(context: key) }) else { return nil }
        do {
            return try SeriesDescriptor.parse(text)
        } catch {
            errors.append(node.error("\(key): \(error.message)"))
            return nil
        }
    }

    private mutating func number(_ node: YAMLNode?, owner: YAMLNode) -> Double? {
        guard let node else {
            errors.append(owner.error("an expected sample needs \"value\""))
            return nil
        }
        if let text = try? node.string(context: "value"), let value = SeriesNotation.number(text) { return value }
        return collect { () throws(ConfigError) in try node.double(context: "value") }
    }

    private func location(_ node: YAMLNode) -> SourceLocation { SourceLocation(file: file, line: node.line, column: node.column) }
}
