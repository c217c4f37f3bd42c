import Foundation

/// A `label_replace` replacement, expanded with Go's `Regexp.Expand` rules: `$1` and `${1}` are
/// groups, `$name` and `${name}` named groups, `$$` is a dollar; a name is as long as possible
/// (`$1x` is the group named `1x`), unknown groups are empty, a malformed `$` stays as written.
struct ReplacementTemplate {
    let text: String

    func expand(_ match: NSTextCheckingResult, in source: String, groupNames: Set<String>) -> String {
        let nsSource = source as NSString
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                out += "$"
                rest = rest.dropFirst()
                continue
            }
            guard let (name, remainder) = ReplacementTemplate.reference(in: rest) else {
                out += "$"
                continue
            }
            rest = remainder
            let range: NSRange
            if let number = ReplacementTemplate.groupNumber(name) {
                guard number < match.numberOfRanges else { continue }
                range = match.range(at: number)
            } else {
                guard groupNames.contains(name) else { continue }
                range = match.range(withName: name)
            }
            if range.location != NSNotFound { out += nsSource.substring(with: range) }
        }
        return out + rest
    }

    /// The name after a `$` (braced or not) and the text after it, or nil when malformed.
    private static func reference(in text: Substring) -> (String, Substring)? {
        let braced = text.first == "{"
        let body = braced ? text.dropFirst() : text
        let name = body.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard !name.isEmpty else { return nil }
        var rest = body[name.endIndex...]
        if braced {
            guard rest.first == "}" else { return nil }
            rest = rest.dropFirst()
        }
        return (String(name), rest)
    }

    /// A group number: digits only, no leading zero.
    private static func groupNumber(_ name: String) -> Int? {
        guard name.allSatisfy(\.isASCII), name.allSatisfy(\.isNumber), name == "0" || !name.hasPrefix("0") else {
            return nil
        }
        return Int(name)
    }
}
