/// Builds the tree of a template and checks, before any alert fires, everything that can be
/// known without data: variables are defined, functions exist and get the right number of
/// arguments, and fields are read only from what has them.
struct TemplateParser {
    private let tokens: [TemplateToken]
    private let end: Int
    private var index = 0
    /// Variables in scope and what they hold, innermost block last.
    private var scopes: [[String: StaticType]] = [TemplateParser.predefined]
    /// What `.` holds, innermost `with` last.
    private var dots: [StaticType] = [.data]

    /// What a variable holds, as far as it is known without data.
    enum StaticType { case labels, number, string, data, unknown }

    /// The variables Prometheus defines for alert templates.
    static let predefined: [String: StaticType] = [
        "": .data, "labels": .labels, "externalLabels": .labels, "externalURL": .string, "value": .number,
    ]

    static let dataFields: [String: StaticType] = [
        "Labels": .labels, "ExternalLabels": .labels, "ExternalURL": .string, "Value": .number,
    ]

    static func parse(_ text: String) throws(TemplateError) -> [TemplateNode] {
        var parser = TemplateParser(tokens: try TemplateLexer.tokens(text), end: text.utf8.count)
        let (nodes, terminator) = try parser.list()
        if let terminator { throw TemplateError(offset: terminator.offset, message: "unexpected {{\(terminator.word)}}") }
        return nodes
    }

    private init(tokens: [TemplateToken], end: Int) {
        self.tokens = tokens
        self.end = end
    }

    private struct Terminator {
        var word: String
        var offset: Int
    }

    /// Nodes up to the end of the text, or up to an `{{else}}` or `{{end}}` (returned, consumed
    /// up to the keyword).
    private mutating func list() throws(TemplateError) -> ([TemplateNode], Terminator?) {
        var nodes: [TemplateNode] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .text(let text):
                nodes.append(.text(text))
            case .leftDelimiter:
                if case .identifier(let word) = peek?.kind {
                    switch word {
                    case "end", "else":
                        index += 1
                        return (nodes, Terminator(word: word, offset: token.offset))
                    case "if", "with":
                        index += 1
                        nodes.append(try conditional(keyword: word, offset: token.offset))
                        continue
                    case "range", "define", "template", "block", "break", "continue":
                        throw TemplateError(offset: token.offset, message: "{{\(word)}} is not supported in rule templates")
                    default: break
                    }
                }
                let pipeline = try pipeline(closing: .rightDelimiter, declarations: true)
                nodes.append(.action(pipeline))
            default:
                throw TemplateError(offset: token.offset, message: "unexpected token in template")
            }
        }
        return (nodes, nil)
    }

    /// `{{if p}}…{{else if q}}…{{else}}…{{end}}`, after the keyword.
    private mutating func conditional(keyword: String, offset: Int) throws(TemplateError) -> TemplateNode {
        let condition = try pipeline(closing: .rightDelimiter, declarations: true)
        let setsDot = keyword == "with"
        scopes.append([:])
        if setsDot { dots.append(type(of: condition)) }
        let (then, terminator) = try list()
        if setsDot { dots.removeLast() }
        scopes.removeLast()
        guard let terminator else { throw TemplateError(offset: offset, message: "unexpected EOF: {{\(keyword)}} has no {{end}}") }
        if terminator.word == "end" {
            try expect(.rightDelimiter, after: "end")
            return .conditional(condition, setsDot: setsDot, then: then, otherwise: [])
        }
        if case .identifier(let word) = peek?.kind, word == "if" || word == "with" {
            // `{{else if}}` opens a nested conditional that shares the outer `{{end}}`.
            index += 1
            return .conditional(
                condition, setsDot: setsDot, then: then, otherwise: [try conditional(keyword: word, offset: terminator.offset)])
        }
        try expect(.rightDelimiter, after: "else")
        scopes.append([:])
        let (otherwise, closing) = try list()
        scopes.removeLast()
        guard let closing, closing.word == "end" else {
            throw TemplateError(offset: terminator.offset, message: "expected {{end}} after {{else}}")
        }
        try expect(.rightDelimiter, after: "end")
        return .conditional(condition, setsDot: setsDot, then: then, otherwise: otherwise)
    }

    private mutating func pipeline(closing: TemplateToken.Kind, declarations: Bool) throws(TemplateError) -> TemplatePipeline {
        let start = tokens[index - 1].offset
        var variable: String?
        var declaredType: StaticType?
        if declarations, case .variable(let name) = peek?.kind, index + 1 < tokens.count,
            tokens[index + 1].kind == .declare || tokens[index + 1].kind == .assign
        {
            if tokens[index + 1].kind == .assign, lookup(name) == nil {
                throw TemplateError(offset: tokens[index].offset, message: "undefined variable \"$\(name)\"")
            }
            variable = name
            declaredType = .unknown
            index += 2
        }
        var commands: [TemplateCommand] = []
        while true {
            guard let token = peek else { throw TemplateError(offset: end, message: "unclosed action") }
            if token.kind == closing {
                index += 1
                break
            }
            if token.kind == .pipe {
                guard !commands.isEmpty else { throw TemplateError(offset: token.offset, message: "missing command before |") }
                index += 1
                continue
            }
            commands.append(try command(piped: !commands.isEmpty))
        }
        guard !commands.isEmpty else { throw TemplateError(offset: start, message: "missing value for command") }
        if let variable, let declaredType {
            let pipelineType = type(of: TemplatePipeline(variable: nil, commands: commands, offset: start))
            scopes[scopes.count - 1][variable] = pipelineType == .unknown ? declaredType : pipelineType
        }
        return TemplatePipeline(variable: variable, commands: commands, offset: start)
    }

    private mutating func command(piped: Bool) throws(TemplateError) -> TemplateCommand {
        var operands: [TemplateOperand] = []
        while let token = peek, token.kind != .pipe, token.kind != .rightDelimiter, token.kind != .rightParenthesis {
            operands.append(try operand())
        }
        guard let first = operands.first else {
            throw TemplateError(offset: peek?.offset ?? end, message: "missing value for command")
        }
        if case .function(let name, let offset) = first {
            let function = TemplateFunctions.named(name)!
            let count = operands.count - 1 + (piped ? 1 : 0)
            if count < function.minimumArguments || function.maximumArguments.map({ count > $0 }) == true {
                let wanted = function.maximumArguments == function.minimumArguments
                    ? "\(function.minimumArguments)" : "at least \(function.minimumArguments)"
                throw TemplateError(offset: offset, message: "wrong number of args for \(name): want \(wanted) got \(count)")
            }
        } else if operands.count > 1 || piped {
            throw TemplateError(offset: first.offset, message: "can't give argument to non-function \(describe(first))")
        }
        return TemplateCommand(operands: operands, offset: first.offset)
    }

    private mutating func operand() throws(TemplateError) -> TemplateOperand {
        let token = tokens[index]
        index += 1
        let operand: TemplateOperand
        switch token.kind {
        case .identifier(let word):
            switch word {
            case "true", "false": return .literal(.bool(word == "true"), offset: token.offset)
            case "nil": return .literal(.nothing, offset: token.offset)
            case "if", "else", "end", "with", "range", "define", "template", "block":
                throw TemplateError(offset: token.offset, message: "unexpected <\(word)> in command")
            default: break
            }
            guard TemplateFunctions.named(word) != nil else {
                let message = TemplateFunctions.unsupported.contains(word)
                    ? "function \"\(word)\" is not supported in Backlog's templates (supported: \(TemplateFunctions.supportedNames))"
                    : "function \"\(word)\" not defined"
                throw TemplateError(offset: token.offset, message: message)
            }
            return .function(word, offset: token.offset)
        case .string(let text): operand = .literal(.string(text), offset: token.offset)
        case .number(let value): operand = .literal(value, offset: token.offset)
        case .variable(let name):
            guard lookup(name) != nil else {
                throw TemplateError(offset: token.offset, message: "undefined variable \"$\(name)\"")
            }
            operand = .variable(name, fields: try fields(), offset: token.offset)
        case .dot:
            operand = .dot(fields: [], offset: token.offset)
        case .field(let name):
            operand = .dot(fields: [name] + (try fields()), offset: token.offset)
        case .leftParenthesis:
            let inner = try pipeline(closing: .rightParenthesis, declarations: false)
            operand = .parenthesized(inner, fields: try fields(), offset: token.offset)
        default:
            throw TemplateError(offset: token.offset, message: "unexpected \(describe(token.kind)) in operand")
        }
        try checkFields(operand)
        return operand
    }

    /// Field names that follow an operand without a space: `$labels.job`, `.Labels.job`.
    private mutating func fields() throws(TemplateError) -> [String] {
        var names: [String] = []
        while let token = peek, !token.spaced, case .field(let name) = token.kind {
            names.append(name)
            index += 1
        }
        return names
    }

    /// Refuses fields read from values that have none, such as `$value.x` or `.Foo`.
    private func checkFields(_ operand: TemplateOperand) throws(TemplateError) {
        var current: StaticType
        let fieldNames: [String]
        var path: String
        switch operand {
        case .variable(let name, let fields, _):
            current = lookup(name) ?? .unknown
            fieldNames = fields
            path = "$" + name
        case .dot(let fields, _):
            current = dots[dots.count - 1]
            fieldNames = fields
            path = ""
        default: return
        }
        for name in fieldNames {
            defer { path += "." + name }
            switch current {
            case .data:
                guard let next = TemplateParser.dataFields[name] else {
                    throw TemplateError(
                        offset: operand.offset,
                        message: "can't evaluate field \(name): alert data has .Labels, .Value, .ExternalLabels and .ExternalURL")
                }
                current = next
            case .labels: current = .string
            case .number, .string:
                throw TemplateError(
                    offset: operand.offset,
                    message: "can't evaluate field \(name) of \(path.isEmpty ? "." : path), which is a \(current == .number ? "number" : "string")")
            case .unknown: return
            }
        }
    }

    /// The type of a pipeline that is a single operand; otherwise unknown.
    private func type(of pipeline: TemplatePipeline) -> StaticType {
        guard pipeline.commands.count == 1, pipeline.commands[0].operands.count == 1 else { return .unknown }
        return type(of: pipeline.commands[0].operands[0])
    }

    private func type(of operand: TemplateOperand) -> StaticType {
        switch operand {
        case .variable(let name, let fields, _):
            return fields.isEmpty ? lookup(name) ?? .unknown : (lookup(name) == .labels && fields.count == 1 ? .string : .unknown)
        case .dot(let fields, _):
            guard dots[dots.count - 1] == .data else { return fields.isEmpty ? dots[dots.count - 1] : .unknown }
            return fields.isEmpty ? .data : fields.count == 1 ? TemplateParser.dataFields[fields[0]] ?? .unknown : .unknown
        case .literal(.string, _): return .string
        case .literal(.float, _), .literal(.int, _): return .number
        default: return .unknown
        }
    }

    private func lookup(_ name: String) -> StaticType? {
        for scope in scopes.reversed() { if let type = scope[name] { return type } }
        return nil
    }

    private var peek: TemplateToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func expect(_ kind: TemplateToken.Kind, after keyword: String) throws(TemplateError) {
        guard let token = peek, token.kind == kind else {
            throw TemplateError(offset: peek?.offset ?? end, message: "unexpected \(peek.map { describe($0.kind) } ?? "EOF") after {{\(keyword)")
        }
        index += 1
    }
}
