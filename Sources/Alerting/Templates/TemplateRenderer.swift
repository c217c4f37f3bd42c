import TimeSeries

/// Runs a parsed template over one alert's data.
struct TemplateRenderer {
    private let data: TemplateData
    private var scopes: [[String: TemplateValue]]
    /// What `.` is, innermost `with` last.
    private var dots: [TemplateValue] = [.data]

    init(data: TemplateData) {
        self.data = data
        scopes = [[
            "": .data, "labels": .labels(data.labels),
            "externalLabels": .labels(data.externalLabels),
            "externalURL": .string(data.externalURL), "value": .float(data.value),
        ]]
    }

    mutating func run(_ nodes: [TemplateNode], into out: inout String) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let text):
                out += text
            case .action(let pipeline):
                let value = try evaluate(pipeline)
                if pipeline.variable == nil { out += TemplateRenderer.printed(value) }
            case .conditional(let condition, let setsDot, let then, let otherwise):
                scopes.append([:])
                defer { scopes.removeLast() }
                let value = try evaluate(condition)
                guard value.isTrue else {
                    try run(otherwise, into: &out)
                    continue
                }
                if setsDot { dots.append(value) }
                defer { if setsDot { dots.removeLast() } }
                try run(then, into: &out)
            }
        }
    }

    /// How `{{ x }}` prints a value: as Go's `fmt.Fprint`, with nil as `<no value>`.
    static func printed(_ value: TemplateValue) -> String {
        if case .nothing = value { return "<no value>" }
        return GoPrintf.text(value)
    }

    private mutating func evaluate(_ pipeline: TemplatePipeline) throws(TemplateError) -> TemplateValue {
        var result: TemplateValue?
        for command in pipeline.commands { result = try evaluate(command, piped: result) }
        let value = result ?? .nothing
        if let variable = pipeline.variable {
            if let scope = scopes.lastIndex(where: { $0[variable] != nil }) {
                scopes[scope][variable] = value
            } else {
                scopes[scopes.count - 1][variable] = value
            }
        }
        return value
    }

    private mutating func evaluate(_ command: TemplateCommand, piped: TemplateValue?) throws(TemplateError) -> TemplateValue {
        guard case .function(let name, let offset) = command.operands[0] else { return try evaluate(command.operands[0]) }
        var arguments: [TemplateValue] = []
        for operand in command.operands.dropFirst() { arguments.append(try evaluate(operand)) }
        if let piped { arguments.append(piped) }
        do {
            return try TemplateFunctions.named(name)!.body(arguments)
        } catch {
            throw TemplateError(offset: offset, message: "error calling \(name): \(error.message)")
        }
    }

    private mutating func evaluate(_ operand: TemplateOperand) throws(TemplateError) -> TemplateValue {
        switch operand {
        case .function(let name, let offset):
            return try evaluate(TemplateCommand(operands: [.function(name, offset: offset)], offset: offset), piped: nil)
        case .literal(let value, _):
            return value
        case .variable(let name, let fields, let offset):
            let value = scopes.reversed().lazy.compactMap { $0[name] }.first ?? .nothing
            return try read(fields, of: value, offset: offset)
        case .dot(let fields, let offset):
            return try read(fields, of: dots[dots.count - 1], offset: offset)
        case .parenthesized(let pipeline, let fields, let offset):
            return try read(fields, of: try evaluate(pipeline), offset: offset)
        }
    }

    private func read(_ fields: [String], of value: TemplateValue, offset: Int) throws(TemplateError) -> TemplateValue {
        var current = value
        for field in fields {
            switch current {
            case .labels(let map):
                current = .string(map[field] ?? "")
            case .data:
                switch field {
                case "Labels": current = .labels(data.labels)
                case "ExternalLabels": current = .labels(data.externalLabels)
                case "ExternalURL": current = .string(data.externalURL)
                case "Value": current = .float(data.value)
                default: throw TemplateError(offset: offset, message: "can't evaluate field \(field)")
                }
            default:
                throw TemplateError(offset: offset, message: "can't evaluate field \(field) in type \(current.goTypeName)")
            }
        }
        return current
    }
}
