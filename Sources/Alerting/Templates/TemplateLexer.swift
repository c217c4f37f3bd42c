import Foundation

/// Splits template text into text and action tokens, applying `{{-` and `-}}` trimming.
struct TemplateLexer {
    private let bytes: [UInt8]
    private var position = 0
    private var tokens: [TemplateToken] = []

    static func tokens(_ text: String) throws(TemplateError) -> [TemplateToken] {
        var lexer = TemplateLexer(bytes: Array(text.utf8))
        try lexer.run()
        return lexer.tokens
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func run() throws(TemplateError) {
        var trimNextText = false
        while position < bytes.count {
            let start = position
            let open = find("{{", from: position) ?? bytes.count
            var text = Array(bytes[start..<open])
            if trimNextText { text = Array(text.drop(while: isSpace)) }
            trimNextText = false
            let leftTrim = open + 3 < bytes.count && bytes[open + 2] == UInt8(ascii: "-") && isSpace(bytes[open + 3])
            if leftTrim { while let last = text.last, isSpace(last) { text.removeLast() } }
            if !text.isEmpty {
                tokens.append(TemplateToken(kind: .text(String(decoding: text, as: UTF8.self)), offset: start, spaced: false))
            }
            guard open < bytes.count else { return }
            position = open + (leftTrim ? 3 : 2)
            trimNextText = try lexAction(openedAt: open)
        }
    }

    /// Lexes one action up to and including `}}`; returns whether it ended with `-}}`.
    private mutating func lexAction(openedAt open: Int) throws(TemplateError) -> Bool {
        skipSpace()
        if starts(with: "/*") {
            guard let close = find("*/", from: position + 2) else {
                throw TemplateError(offset: open, message: "unclosed comment")
            }
            position = close + 2
            skipSpace()
            let trim = starts(with: "-}}")
            if trim { position += 1 }
            guard starts(with: "}}") else { throw TemplateError(offset: position, message: "comment ends before closing delimiter") }
            position += 2
            return trim
        }
        tokens.append(TemplateToken(kind: .leftDelimiter, offset: open, spaced: false))
        var spaced = true
        while true {
            let before = position
            skipSpace()
            if position > before { spaced = true }
            guard position < bytes.count else { throw TemplateError(offset: open, message: "unclosed action") }
            if spaced, starts(with: "-}}") {
                tokens.append(TemplateToken(kind: .rightDelimiter, offset: position, spaced: true))
                position += 3
                return true
            }
            if starts(with: "}}") {
                tokens.append(TemplateToken(kind: .rightDelimiter, offset: position, spaced: spaced))
                position += 2
                return false
            }
            let offset = position
            let kind = try lexToken()
            tokens.append(TemplateToken(kind: kind, offset: offset, spaced: spaced))
            spaced = false
        }
    }

    private mutating func lexToken() throws(TemplateError) -> TemplateToken.Kind {
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "|"):
            position += 1
            return .pipe
        case UInt8(ascii: "("):
            position += 1
            return .leftParenthesis
        case UInt8(ascii: ")"):
            position += 1
            return .rightParenthesis
        case UInt8(ascii: ":") where starts(with: ":="):
            position += 2
            return .declare
        case UInt8(ascii: "="):
            position += 1
            return .assign
        case UInt8(ascii: "\""):
            return .string(try interpretedString())
        case UInt8(ascii: "`"):
            guard let close = bytes[(position + 1)...].firstIndex(of: UInt8(ascii: "`")) else {
                throw TemplateError(offset: position, message: "unterminated raw quoted string")
            }
            defer { position = close + 1 }
            return .string(String(decoding: bytes[(position + 1)..<close], as: UTF8.self))
        case UInt8(ascii: "$"):
            position += 1
            return .variable(word())
        case UInt8(ascii: "."):
            if position + 1 < bytes.count, isDigit(bytes[position + 1]) { return try number() }
            position += 1
            let name = word()
            return name.isEmpty ? .dot : .field(name)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        case UInt8(ascii: "'"):
            throw TemplateError(offset: position, message: "character constants ('x') are not supported; use a \"string\"")
        default:
            let name = word()
            guard !name.isEmpty else {
                let character = String(decoding: [byte], as: UTF8.self)
                throw TemplateError(offset: position, message: "unexpected \"\(character)\" in action")
            }
            return .identifier(name)
        }
    }

    private mutating func number() throws(TemplateError) -> TemplateToken.Kind {
        let start = position
        if bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < bytes.count, isWordByte(bytes[position]) || bytes[position] == UInt8(ascii: ".")
            || ((bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"))
                && (bytes[position - 1] | 0x20) == UInt8(ascii: "e"))
        {
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        let digits = text.replacingOccurrences(of: "_", with: "")
        if let integer = Int(digits) { return .number(.int(integer)) }
        if digits.lowercased().hasPrefix("0x") || digits.lowercased().hasPrefix("-0x") {
            let negative = digits.hasPrefix("-")
            if let value = Int(digits.dropFirst(negative ? 3 : 2), radix: 16) { return .number(.int(negative ? -value : value)) }
        }
        if let value = Double(digits), !digits.lowercased().contains("n") { return .number(.float(value)) }
        throw TemplateError(offset: start, message: "bad number syntax: \"\(text)\"")
    }

    private mutating func interpretedString() throws(TemplateError) -> String {
        let start = position
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\n"): throw TemplateError(offset: start, message: "unterminated quoted string")
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(escaped)
                case UInt8(ascii: "a"): out.append(0x07)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "v"): out.append(0x0B)
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let length = escaped == UInt8(ascii: "x") ? 2 : escaped == UInt8(ascii: "u") ? 4 : 8
                    guard position + length <= bytes.count,
                        let code = UInt32(String(decoding: bytes[position..<(position + length)], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw TemplateError(offset: position - 2, message: "invalid escape in quoted string") }
                    position += length
                    if escaped == UInt8(ascii: "x") { out.append(UInt8(code)) } else { out.append(contentsOf: Array(String(scalar).utf8)) }
                default: throw TemplateError(offset: position - 2, message: "unknown escape sequence in quoted string")
                }
            default: out.append(byte)
            }
        }
        throw TemplateError(offset: start, message: "unterminated quoted string")
    }

    private mutating func word() -> String {
        let start = position
        while position < bytes.count, isWordByte(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpace() { while position < bytes.count, isSpace(bytes[position]) { position += 1 } }

    private func starts(with text: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        guard position + pattern.count <= bytes.count else { return false }
        return pattern.indices.allSatisfy { bytes[position + $0] == pattern[$0] }
    }

    private func find(_ text: StaticString, from start: Int) -> Int? {
        let pattern = Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
