import Query
import TimeSeries

/// The part of Go's `fmt` that templates reach: `printf`, `print`, and how `{{ … }}` prints a
/// value. Wrong verbs and missing arguments print as Go prints them (`%!d(float64=1.5)`,
/// `%!s(MISSING)`), so a rendered annotation reads the same as it would from Prometheus.
enum GoPrintf {
    /// `fmt.Sprintf`.
    static func format(_ format: String, _ arguments: [TemplateValue]) -> String {
        var out = ""
        var next = 0
        let scalars = Array(format.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard scalar == "%" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            var spec = Spec()
            while index < scalars.count, let flag = Flag(rawValue: Character(scalars[index])) {
                spec.flags.insert(flag)
                index += 1
            }
            spec.width = number(scalars, &index)
            if index < scalars.count, scalars[index] == "." {
                index += 1
                spec.precision = number(scalars, &index) ?? 0
            }
            guard index < scalars.count else {
                out += "%!(NOVERB)"
                break
            }
            let verb = Character(scalars[index])
            index += 1
            if verb == "%" {
                out += "%"
                continue
            }
            guard next < arguments.count else {
                out += "%!\(verb)(MISSING)"
                continue
            }
            out += spec.apply(verb, to: arguments[next])
            next += 1
        }
        if next < arguments.count {
            let extra = arguments[next...].map { "\($0.goTypeName)=\(text($0))" }.joined(separator: ", ")
            out += "%!(EXTRA \(extra))"
        }
        return out
    }

    /// `fmt.Sprint`: operands side by side, with a space between two that are not strings.
    static func sprint(_ arguments: [TemplateValue]) -> String {
        var out = ""
        for (index, argument) in arguments.enumerated() {
            if index > 0, !isString(argument), !isString(arguments[index - 1]) { out += " " }
            out += text(argument)
        }
        return out
    }

    /// `%v`.
    static func text(_ value: TemplateValue) -> String {
        switch value {
        case .string(let text): text
        case .float(let number): GoFloatText.shortest(number)
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .labels(let labels): "map[" + labels.map { "\($0.name):\($0.value)" }.joined(separator: " ") + "]"
        case .data: "{…}"
        case .nothing: "<nil>"
        }
    }

    private static func isString(_ value: TemplateValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    private static func number(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Int? {
        var value: Int?
        while index < scalars.count, let digit = Int(String(scalars[index])), scalars[index].isASCII {
            value = min((value ?? 0) * 10 + digit, 1_000_000)
            index += 1
        }
        return value
    }

    enum Flag: Character {
        case minus = "-"
        case plus = "+"
        case sharp = "#"
        case space = " "
        case zero = "0"
    }

    /// One `%…` directive: flags, width and precision.
    struct Spec {
        var flags: Set<Flag> = []
        var width: Int?
        var precision: Int?

        func apply(_ verb: Character, to value: TemplateValue) -> String {
            switch (verb, value) {
            case ("v", .string(let text)), ("s", .string(let text)):
                return pad(precision.map { String(text.prefix($0)) } ?? text, numeric: false)
            case ("q", .string(let text)):
                return pad(GoPrintf.quote(text), numeric: false)
            case ("x", .string(let text)), ("X", .string(let text)):
                let hex = text.utf8.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: verb == "X") }
                return pad(hex.joined(), numeric: false)
            case ("v", .int(let number)), ("d", .int(let number)):
                return signed(String(number.magnitude), negative: number < 0)
            case ("x", .int(let number)), ("X", .int(let number)), ("o", .int(let number)), ("b", .int(let number)):
                let radix = verb == "o" ? 8 : verb == "b" ? 2 : 16
                return signed(String(number.magnitude, radix: radix, uppercase: verb == "X"), negative: number < 0)
            case ("c", .int(let number)):
                return pad(Unicode.Scalar(UInt32(clamping: number)).map { String(Character($0)) } ?? "\u{FFFD}", numeric: false)
            case ("v", .float(let number)), ("g", .float(let number)), ("G", .float(let number)), ("e", .float(let number)),
                ("E", .float(let number)), ("f", .float(let number)), ("F", .float(let number)):
                let body = GoFloatText.format(abs(number), verb: verb == "v" ? "g" : verb, precision: precision)
                guard number.isFinite else {
                    let special = number.isNaN ? "NaN" : number < 0 ? "-Inf" : "+Inf"
                    return pad(special, numeric: false)
                }
                return signed(body, negative: number.sign == .minus)
            case ("v", .bool(let flag)), ("t", .bool(let flag)):
                return pad(flag ? "true" : "false", numeric: false)
            case ("v", .labels), ("s", .labels):
                return pad(GoPrintf.text(value), numeric: false)
            case ("v", .nothing), ("s", .nothing):
                return pad("%!\(verb)(<nil>)", numeric: false)
            default:
                if case .nothing = value { return "%!\(verb)(<nil>)" }
                return "%!\(verb)(\(value.goTypeName)=\(GoPrintf.text(value)))"
            }
        }

        /// A number's digits with its sign (`+` or ` ` when asked for) and zero padding.
        private func signed(_ digits: String, negative: Bool) -> String {
            var body = digits
            if let precision, !digits.contains("."), !digits.contains("e"), body.count < precision {
                body = String(repeating: "0", count: precision - body.count) + body
            }
            let sign = negative ? "-" : flags.contains(.plus) ? "+" : flags.contains(.space) ? " " : ""
            if flags.contains(.zero), !flags.contains(.minus), let width, sign.count + body.count < width {
                body = String(repeating: "0", count: width - sign.count - body.count) + body
            }
            return pad(sign + body, numeric: true)
        }

        private func pad(_ text: String, numeric: Bool) -> String {
            guard let width, text.count < width else { return text }
            let fill = String(repeating: flags.contains(.zero) && !numeric && !flags.contains(.minus) ? "0" : " ", count: width - text.count)
            return flags.contains(.minus) ? text + fill : fill + text
        }
    }

    /// Go's `strconv.Quote`, as PromQL's lexer quotes.
    static func quote(_ text: String) -> String { GoQuote.string(text) }
}
