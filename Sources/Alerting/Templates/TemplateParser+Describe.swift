extension TemplateParser {
    /// An operand as written, for error messages.
    func describe(_ operand: TemplateOperand) -> String {
        switch operand {
        case .function(let name, _): name
        case .variable(let name, let fields, _): "$" + name + fields.map { "." + $0 }.joined()
        case .dot(let fields, _): fields.isEmpty ? "." : fields.map { "." + $0 }.joined()
        case .literal(let value, _): GoPrintf.text(value)
        case .parenthesized: "(…)"
        }
    }

    /// A token as written, for error messages.
    func describe(_ kind: TemplateToken.Kind) -> String {
        switch kind {
        case .text: "text"
        case .leftDelimiter: "{{"
        case .rightDelimiter: "}}"
        case .pipe: "|"
        case .leftParenthesis: "("
        case .rightParenthesis: ")"
        case .declare: ":="
        case .assign: "="
        case .string(let text): GoPrintf.quote(text)
        case .number(let value): GoPrintf.text(value)
        case .variable(let name): "$" + name
        case .field(let name): "." + name
        case .dot: "."
        case .identifier(let name): name
        }
    }
}
