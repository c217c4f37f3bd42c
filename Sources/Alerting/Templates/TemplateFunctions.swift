import TimeSeries

import Foundation

/// The functions templates may call: Go's builtins that make sense for alerts and Prometheus's
/// humanizing helpers. Anything else is refused when the rule file is checked.
enum TemplateFunctions {
    typealias Body = @Sendable ([TemplateValue]) throws(TemplateFailure) -> TemplateValue

    struct Function: Sendable {
        var minimumArguments: Int
        /// Nil for variadic functions.
        var maximumArguments: Int?
        var body: Body
    }

    /// Prometheus functions Backlog does not offer, named so the error says so instead of
    /// "not defined". Those that query need a live store, which templates do not get.
    static let unsupported: Set<String> = [
        "query", "first", "label", "value", "strvalue", "sortByLabel", "args", "tmpl", "safeHtml", "pathPrefix",
        "externalURL", "graphLink", "tableLink", "parseDuration", "toTime", "toDuration", "now", "html", "js", "urlquery",
        "call", "slice", "println",
    ]

    static func named(_ name: String) -> Function? { table[name] }

    static var supportedNames: String { table.keys.sorted().joined(separator: ", ") }

    private static let table: [String: Function] = [
        "humanize": unary { value throws(TemplateFailure) in .string(Humanize.metric(try number(value, "humanize"))) },
        "humanize1024": unary { value throws(TemplateFailure) in .string(Humanize.binary(try number(value, "humanize1024"))) },
        "humanizeDuration": unary { value throws(TemplateFailure) in
            .string(Humanize.duration(try number(value, "humanizeDuration")))
        },
        "humanizePercentage": unary { value throws(TemplateFailure) in
            .string(Humanize.percentage(try number(value, "humanizePercentage")))
        },
        "humanizeTimestamp": unary { value throws(TemplateFailure) in
            let seconds = try number(value, "humanizeTimestamp")
            guard let text = Humanize.timestamp(seconds) else {
                throw TemplateFailure("\(GoPrintf.text(value)) cannot be represented as a nanoseconds timestamp since it overflows int64")
            }
            return .string(text)
        },
        "printf": Function(minimumArguments: 1, maximumArguments: nil) { arguments throws(TemplateFailure) in
            guard case .string(let format) = arguments[0] else {
                throw TemplateFailure("printf: wrong type for value; expected string; got \(arguments[0].goTypeName)")
            }
            return .string(GoPrintf.format(format, Array(arguments.dropFirst())))
        },
        "print": Function(minimumArguments: 0, maximumArguments: nil) { arguments in .string(GoPrintf.sprint(arguments)) },
        "toUpper": unary { value throws(TemplateFailure) in .string(try string(value, "toUpper").uppercased()) },
        "toLower": unary { value throws(TemplateFailure) in .string(try string(value, "toLower").lowercased()) },
        "title": unary { value throws(TemplateFailure) in .string(title(try string(value, "title"))) },
        "stripPort": unary { value throws(TemplateFailure) in .string(stripPort(try string(value, "stripPort"))) },
        "stripDomain": unary { value throws(TemplateFailure) in .string(stripDomain(try string(value, "stripDomain"))) },
        "match": Function(minimumArguments: 2, maximumArguments: 2) { arguments throws(TemplateFailure) in
            let regex = try compile(try string(arguments[0], "match"))
            let text = try string(arguments[1], "match")
            return .bool(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        },
        "reReplaceAll": Function(minimumArguments: 3, maximumArguments: 3) { arguments throws(TemplateFailure) in
            let regex = try compile(try string(arguments[0], "reReplaceAll"))
            let replacement = try string(arguments[1], "reReplaceAll")
            let text = try string(arguments[2], "reReplaceAll")
            return .string(
                regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: replacement))
        },
        "eq": Function(minimumArguments: 2, maximumArguments: nil) { arguments throws(TemplateFailure) in
            // Go's eq is true when the first argument equals any of the others.
            for other in arguments.dropFirst() where try order(arguments[0], other, ordered: false) == .orderedSame {
                return .bool(true)
            }
            return .bool(false)
        },
        "ne": comparison(ordered: false) { $0 != .orderedSame },
        "lt": comparison(ordered: true) { $0 == .orderedAscending },
        "le": comparison(ordered: true) { $0 != .orderedDescending },
        "gt": comparison(ordered: true) { $0 == .orderedDescending },
        "ge": comparison(ordered: true) { $0 != .orderedAscending },
        "and": Function(minimumArguments: 1, maximumArguments: nil) { arguments in
            arguments.first { !$0.isTrue } ?? arguments[arguments.count - 1]
        },
        "or": Function(minimumArguments: 1, maximumArguments: nil) { arguments in
            arguments.first { $0.isTrue } ?? arguments[arguments.count - 1]
        },
        "not": unary { value in .bool(!value.isTrue) },
        "len": unary { value throws(TemplateFailure) in
            switch value {
            case .string(let text): return .int(text.utf8.count)
            case .labels(let map): return .int(map.count)
            default: throw TemplateFailure("len of type \(value.goTypeName)")
            }
        },
        "index": Function(minimumArguments: 2, maximumArguments: 2) { arguments throws(TemplateFailure) in
            guard case .labels(let map) = arguments[0] else {
                throw TemplateFailure("can't index item of type \(arguments[0].goTypeName)")
            }
            return .string(map[try string(arguments[1], "index")] ?? "")
        },
    ]

    private static func unary(_ body: @escaping @Sendable (TemplateValue) throws(TemplateFailure) -> TemplateValue) -> Function {
        Function(minimumArguments: 1, maximumArguments: 1) { arguments throws(TemplateFailure) in try body(arguments[0]) }
    }

    private static func comparison(ordered: Bool, _ accept: @escaping @Sendable (ComparisonResult) -> Bool) -> Function {
        Function(minimumArguments: 2, maximumArguments: 2) { arguments throws(TemplateFailure) in
            .bool(accept(try order(arguments[0], arguments[1], ordered: ordered)))
        }
    }

    /// Orders two numbers (ints and floats alike, a little kinder than Go, which refuses
    /// `gt $value 100` because 100 is an int), two strings, or (for equality) two booleans.
    private static func order(_ left: TemplateValue, _ right: TemplateValue, ordered: Bool) throws(TemplateFailure)
        -> ComparisonResult
    {
        switch (left, right) {
        case (.string(let left), .string(let right)):
            return left == right ? .orderedSame : left < right ? .orderedAscending : .orderedDescending
        case (.bool(let left), .bool(let right)) where !ordered:
            return left == right ? .orderedSame : .orderedAscending
        default:
            guard let left = numeric(left), let right = numeric(right) else {
                throw TemplateFailure("incompatible types for comparison: \(left.goTypeName) and \(right.goTypeName)")
            }
            return left == right ? .orderedSame : left < right ? .orderedAscending : .orderedDescending
        }
    }

    private static func numeric(_ value: TemplateValue) -> Double? {
        switch value {
        case .float(let number): number
        case .int(let number): Double(number)
        default: nil
        }
    }

    /// Prometheus's `convertToFloat`: numbers as they are, strings parsed as Go parses floats.
    static func number(_ value: TemplateValue, _ function: String) throws(TemplateFailure) -> Double {
        switch value {
        case .float(let number): return number
        case .int(let number): return Double(number)
        case .string(let text):
            let lowered = text.lowercased()
            switch lowered {
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            case "nan": return .nan
            default:
                guard let number = Double(text), !lowered.contains("n") else {
                    throw TemplateFailure("\(function): strconv.ParseFloat: parsing \(GoPrintf.quote(text)): invalid syntax")
                }
                return number
            }
        default: throw TemplateFailure("\(function): can't convert \(value.goTypeName) to float")
        }
    }

    private static func string(_ value: TemplateValue, _ function: String) throws(TemplateFailure) -> String {
        guard case .string(let text) = value else {
            throw TemplateFailure("\(function): wrong type for value; expected string; got \(value.goTypeName)")
        }
        return text
    }

    private static func compile(_ pattern: String) throws(TemplateFailure) -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern.replacingOccurrences(of: "(?P<", with: "(?<"))
        } catch {
            throw TemplateFailure("error parsing regexp: \(pattern)")
        }
    }

    /// Go's `strings.Title`: upper-cases the first letter of each word.
    private static func title(_ text: String) -> String {
        var out = ""
        var atWordStart = true
        for character in text {
            out += atWordStart ? character.uppercased() : String(character)
            atWordStart = !(character.isLetter || character.isNumber || character == "_" || character == "'")
        }
        return out
    }

    /// `host:port` → `host`; `[::1]:9090` → `::1`; anything else unchanged.
    private static func stripPort(_ address: String) -> String {
        if address.hasPrefix("["), let close = address.firstIndex(of: "]"),
            address[address.index(after: close)...].hasPrefix(":")
        {
            return String(address[address.index(after: address.startIndex)..<close])
        }
        let colons = address.filter { $0 == ":" }.count
        guard colons == 1, let colon = address.lastIndex(of: ":") else { return address }
        return String(address[..<colon])
    }

    /// `node1.example.com:9199` → `node1:9199`: drops the domain, keeps any port.
    private static func stripDomain(_ address: String) -> String {
        var host = address
        var port = ""
        if address.filter({ $0 == ":" }).count == 1, let colon = address.lastIndex(of: ":") {
            host = String(address[..<colon])
            port = String(address[colon...])
        }
        if host.contains(":") || Double(host.replacingOccurrences(of: ".", with: "")) != nil { return address }
        return (host.split(separator: ".").first.map(String.init) ?? host) + port
    }
}

/// A function failing while a template renders, such as `humanize "abc"`.
struct TemplateFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
