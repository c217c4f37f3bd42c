/// Splits PromQL text into tokens the way Prometheus's lexer does: inside braces keywords are
/// plain label names, inside brackets only numbers, durations and one colon may appear.
struct Lexer {
    let bytes: [UInt8]
    var position = 0
    var tokenStart = 0
    private var parenDepth = 0
    private var braceOpen = false
    private var bracketOpen = false
    private var gotColon = false
    private(set) var tokens: [Token] = []

    /// Every token of the text, ending with `.endOfInput` or, at the first lexical error, `.error`.
    static func tokenize(_ bytes: [UInt8]) -> [Token] {
        var lexer = Lexer(bytes: bytes)
        while lexer.lexNext() {}
        return lexer.tokens
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// Reads one token (or skips blanks and comments); false once the input or an error ends it.
    private mutating func lexNext() -> Bool {
        if peek() == UInt8(ascii: "#") {
            while let byte = peek(), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { position += 1 }
            tokenStart = position
            return true
        }
        return braceOpen ? lexInsideBraces() : lexStatement()
    }

    private mutating func lexStatement() -> Bool {
        guard let byte = peek() else {
            if parenDepth != 0 { return fail("unclosed left parenthesis") }
            if bracketOpen { return fail("unclosed left bracket") }
            emit(.endOfInput)
            return false
        }
        position += 1
        switch byte {
        case UInt8(ascii: ","): emit(.comma)
        case _ where Lexer.isSpace(byte): skipSpaces()
        case UInt8(ascii: "*"): emit(.binary(.multiply))
        case UInt8(ascii: "/"): emit(.binary(.divide))
        case UInt8(ascii: "%"): emit(.binary(.modulo))
        case UInt8(ascii: "+"): emit(.binary(.add))
        case UInt8(ascii: "-"): emit(.binary(.subtract))
        case UInt8(ascii: "^"): emit(.binary(.power))
        case UInt8(ascii: "="):
            if accept("=") {
                emit(.binary(.equal))
            } else if peek() == UInt8(ascii: "~") {
                return fail("unexpected character after '=': '~'")
            } else {
                emit(.equals)
            }
        case UInt8(ascii: "!"):
            guard accept("=") else { return fail("unexpected character after '!': " + quotedNextCharacter()) }
            emit(.binary(.notEqual))
        case UInt8(ascii: "<"): emit(accept("=") ? .binary(.lessOrEqual) : .binary(.less))
        case UInt8(ascii: ">"): emit(accept("=") ? .binary(.greaterOrEqual) : .binary(.greater))
        case _ where Lexer.isDigit(byte) || (byte == UInt8(ascii: ".") && peek().map(Lexer.isDigit) == true):
            position -= 1
            return lexNumberOrDuration()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return lexQuotedString(closingWith: byte)
        case UInt8(ascii: "`"): return lexRawString()
        case UInt8(ascii: ":") where bracketOpen:
            if gotColon { return fail("unexpected colon ':'") }
            emit(.colon)
            gotColon = true
        case _ where Lexer.isAlpha(byte) || byte == UInt8(ascii: ":"):
            if bracketOpen { return fail("unexpected character: \(quotedCharacter(at: tokenStart)), expected ':'") }
            position -= 1
            lexKeywordOrIdentifier()
        case UInt8(ascii: "("):
            emit(.leftParen)
            parenDepth += 1
        case UInt8(ascii: ")"):
            emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return fail("unexpected right parenthesis ')'") }
        case UInt8(ascii: "{"):
            emit(.leftBrace)
            braceOpen = true
        case UInt8(ascii: "["):
            if bracketOpen { return fail("unexpected left bracket '['") }
            gotColon = false
            emit(.leftBracket)
            bracketOpen = true
        case UInt8(ascii: "]"):
            if !bracketOpen { return fail("unexpected right bracket ']'") }
            emit(.rightBracket)
            bracketOpen = false
        case UInt8(ascii: "@"): emit(.at)
        default: return fail("unexpected character: " + quotedCharacter(at: tokenStart))
        }
        return true
    }

    private mutating func lexInsideBraces() -> Bool {
        guard let byte = peek() else { return fail("unexpected end of input inside braces") }
        position += 1
        switch byte {
        case _ where Lexer.isSpace(byte): skipSpaces()
        case _ where Lexer.isAlpha(byte):
            while let next = peek(), Lexer.isAlphaNumeric(next) { position += 1 }
            emit(.identifier)
        case UInt8(ascii: ","): emit(.comma)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return lexQuotedString(closingWith: byte)
        case UInt8(ascii: "`"): return lexRawString()
        case UInt8(ascii: "="): emit(accept("~") ? .regexMatch : .equals)
        case UInt8(ascii: "!"):
            if accept("~") {
                emit(.regexNoMatch)
            } else if accept("=") {
                emit(.binary(.notEqual))
            } else {
                return fail("unexpected character after '!' inside braces: " + quotedNextCharacter())
            }
        case UInt8(ascii: "{"): return fail("unexpected left brace '{'")
        case UInt8(ascii: "}"):
            emit(.rightBrace)
            braceOpen = false
        default: return fail("unexpected character inside braces: " + quotedCharacter(at: tokenStart))
        }
        return true
    }

    private mutating func lexKeywordOrIdentifier() {
        while let byte = peek(), Lexer.isAlphaNumeric(byte) || byte == UInt8(ascii: ":") { position += 1 }
        let word = String(decoding: bytes[tokenStart..<position], as: UTF8.self)
        if let keyword = Lexer.keywords[word.lowercased()] {
            emit(keyword)
        } else {
            emit(word.contains(":") ? .metricIdentifier : .identifier)
        }
    }

    /// Case-insensitive words with a meaning of their own; `inf` and `nan` are numbers.
    private static let keywords: [String: TokenKind] = {
        var table: [String: TokenKind] = ["inf": .number, "nan": .number]
        for op in [BinaryOperator.and, .or, .unless, .atan2] { table[op.rawValue] = .binary(op) }
        let aggregations: [AggregationOperator] = [
            .sum, .avg, .count, .min, .max, .group, .stddev, .stdvar, .topk, .bottomk, .quantile,
            .countValues, .limitk, .limitRatio,
        ]
        for op in aggregations { table[op.rawValue] = .aggregation(op) }
        let words: [Keyword] = [.offset, .by, .without, .on, .ignoring, .bool, .start, .end, .groupLeft, .groupRight]
        for word in words { table[word.rawValue] = .keyword(word) }
        return table
    }()

    // MARK: - Reading bytes

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Consumes the next byte if it is one of `set`.
    mutating func accept(_ set: String) -> Bool {
        guard let byte = peek(), set.utf8.contains(byte) else { return false }
        position += 1
        return true
    }

    mutating func acceptRun(_ set: String) {
        while accept(set) {}
    }

    private mutating func skipSpaces() {
        while let byte = peek(), Lexer.isSpace(byte) { position += 1 }
        tokenStart = position
    }

    mutating func emit(_ kind: TokenKind, stringValue: String = "") {
        let text = String(decoding: bytes[tokenStart..<position], as: UTF8.self)
        tokens.append(Token(kind: kind, text: text, offset: tokenStart, stringValue: stringValue))
        tokenStart = position
    }

    /// Ends lexing with an error token at the start of the current token; always false.
    mutating func fail(_ message: String) -> Bool {
        tokens.append(Token(kind: .error, text: message, offset: tokenStart))
        return false
    }

    /// The character at a byte offset, quoted as Go quotes a rune.
    func quotedCharacter(at offset: Int) -> String {
        GoQuote.rune(character(at: offset) ?? "\u{FFFD}")
    }

    private func quotedNextCharacter() -> String { quotedCharacter(at: position) }

    /// The Unicode scalar starting at a byte offset, if any.
    func character(at offset: Int) -> Unicode.Scalar? {
        guard offset < bytes.count else { return nil }
        let length = bytes[offset] < 0x80 ? 1 : bytes[offset] < 0xE0 ? 2 : bytes[offset] < 0xF0 ? 3 : 4
        return String(decoding: bytes[offset..<min(offset + length, bytes.count)], as: UTF8.self)
            .unicodeScalars.first
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isAlpha(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    static func isAlphaNumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || isDigit(byte) }
}
