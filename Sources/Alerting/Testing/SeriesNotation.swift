import Query

/// promtool's expanding notation for test input values: `0+10x100`, `1-1x5`, `5x3`, `_`,
/// `_x3`, `stale`, and plain numbers, separated by spaces. Each value is one `interval` after
/// the one before; nil is a missing sample.
enum SeriesNotation {
    /// The values in order; the error says which term is wrong.
    static func expand(_ text: String) throws(SeriesNotationError) -> [Double?] {
        var values: [Double?] = []
        for term in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            values += try expandTerm(String(term))
        }
        return values
    }

    private static func expandTerm(_ term: String) throws(SeriesNotationError) -> [Double?] {
        if term == "_" { return [nil] }
        if term == "stale" { return [StoredSeries.staleMarker] }
        guard let times = term.lastIndex(of: "x") else {
            guard let value = number(term) else { throw SeriesNotationError(term: term, reason: "not a number") }
            return [value]
        }
        guard let count = Int(term[term.index(after: times)...]), count >= 0 else {
            throw SeriesNotationError(term: term, reason: "the count after x must be a whole number")
        }
        let head = String(term[..<times])
        if head == "_" { return Array(repeating: nil, count: count) }
        if head == "stale" { throw SeriesNotationError(term: term, reason: "stale cannot repeat") }
        let (start, step) = try startAndStep(head, term: term)
        return (0...count).map { start + Double($0) * step }
    }

    /// `a+b`, `a-b`, or `a` alone (a step of 0).
    private static func startAndStep(_ head: String, term: String) throws(SeriesNotationError) -> (Double, Double) {
        let characters = Array(head)
        var split: Int?
        for index in characters.indices.dropFirst() where characters[index] == "+" || characters[index] == "-" {
            let previous = characters[index - 1]
            if previous != "e" && previous != "E" { split = index }
        }
        guard let split else {
            guard let start = number(head) else { throw SeriesNotationError(term: term, reason: "not a number") }
            return (start, 0)
        }
        guard let start = number(String(characters[..<split])), let magnitude = number(String(characters[(split + 1)...])) else {
            throw SeriesNotationError(term: term, reason: "write it as start+stepxcount, such as 0+10x100")
        }
        return (start, characters[split] == "-" ? -magnitude : magnitude)
    }

    /// A Go float: decimal, exponent, `Inf`, `NaN`.
    static func number(_ text: String) -> Double? {
        switch text.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: return text.lowercased().contains("n") ? nil : Double(text)
        }
    }
}

/// A term of the expanding notation that does not read.
struct SeriesNotationError: Error {
    var term: String
    var reason: String
    var message: String { "values: \"\(term)\": \(reason)" }
}
