/// A parsed template: text, actions that print a pipeline, and `if`/`with` blocks.
indirect enum TemplateNode: Sendable {
    case text(String)
    case action(TemplatePipeline)
    /// `{{if p}}…{{else}}…{{end}}`, or `{{with p}}`, which also sets `.` to the value of `p`
    /// inside its first branch.
    case conditional(TemplatePipeline, setsDot: Bool, then: [TemplateNode], otherwise: [TemplateNode])
}

/// `$x := a | f b | g`: commands whose results feed the next as its last argument.
struct TemplatePipeline: Sendable {
    /// A variable the pipeline declares (`:=`) or assigns (`=`); the action then prints nothing.
    var variable: String?
    var commands: [TemplateCommand]
    var offset: Int
}

/// A function call with its arguments, or a single operand.
struct TemplateCommand: Sendable {
    var operands: [TemplateOperand]
    var offset: Int
}

/// One operand of a command.
indirect enum TemplateOperand: Sendable {
    case function(String, offset: Int)
    /// `$labels.instance`: a variable and the fields read from it.
    case variable(String, fields: [String], offset: Int)
    /// `.Labels.job`, or `.` alone with no fields.
    case dot(fields: [String], offset: Int)
    case literal(TemplateValue, offset: Int)
    case parenthesized(TemplatePipeline, fields: [String], offset: Int)

    var offset: Int {
        switch self {
        case .function(_, let offset), .variable(_, _, let offset), .dot(_, let offset), .literal(_, let offset),
            .parenthesized(_, _, let offset):
            offset
        }
    }
}
