internal import Foundation

/// Prometheus's relabelling engine: runs steps in order over a label set; a `keep`/`drop` step
/// (or removing every label) drops the series.
public enum Relabeler {
    /// The relabelled labels, or nil when the series is dropped.
    public static func apply(_ configs: [RelabelConfig], to labels: Labels) -> Labels? {
        var current = labels
        for config in configs {
            guard let next = apply(config, to: current) else { return nil }
            current = next
        }
        return current.isEmpty ? nil : current
    }

    /// One step; nil when it drops the series.
    public static func apply(_ config: RelabelConfig, to labels: Labels) -> Labels? {
        let value = config.sourceLabels.map { labels[$0] ?? "" }.joined(separator: config.separator)
        var result = labels
        switch config.action {
        case .drop:
            if config.compiled.matches(value) { return nil }
        case .keep:
            if !config.compiled.matches(value) { return nil }
        case .dropequal:
            if (labels[config.targetLabel] ?? "") == value { return nil }
        case .keepequal:
            if (labels[config.targetLabel] ?? "") != value { return nil }
        case .replace:
            guard let match = config.compiled.match(value) else { break }
            let target = expand(config.targetLabel, match: match, in: value, regex: config.compiled)
            guard RelabelConfig.isLabelName(target) else { break }
            set(&result, target, expand(config.replacement, match: match, in: value, regex: config.compiled))
        case .lowercase:
            set(&result, config.targetLabel, value.lowercased())
        case .uppercase:
            set(&result, config.targetLabel, value.uppercased())
        case .hashmod:
            set(&result, config.targetLabel, String(hashmod(value, modulus: config.modulus)))
        case .labelmap:
            for label in labels {
                guard let match = config.compiled.match(label.name) else { continue }
                set(&result, expand(config.replacement, match: match, in: label.name, regex: config.compiled), label.value)
            }
        case .labeldrop:
            result = Labels(presorted: labels.filter { !config.compiled.matches($0.name) })
        case .labelkeep:
            result = Labels(presorted: labels.filter { config.compiled.matches($0.name) })
        }
        return result
    }

    /// Prometheus's `hashmod` of `value`: the MD5 digest's last 8 bytes read as a big-endian
    /// integer, modulo `modulus` (above 0). Shards and relabelling both use it, so a value lands
    /// in the same bucket here as in Prometheus.
    public static func hashmod(_ value: String, modulus: UInt64) -> UInt64 {
        let digest = MD5.digest(Array(value.utf8))
        // The last 8 bytes, as Prometheus's relabel.go reads them (`binary.BigEndian.Uint64(hash[8:])`).
        let tail = digest[8..<16].reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return tail % modulus
    }

    /// Sets a label; an empty value removes it, as in Prometheus's label builder.
    private static func set(_ labels: inout Labels, _ name: String, _ value: String) { labels.set(name, value) }

    /// Go's `Regexp.Expand`: `$1`, `${1}`, `$name`, `${name}` become the group's text (empty when
    /// there is no such group), `$$` a dollar sign; a `$` starting nothing valid stays as written.
    static func expand(_ template: String, match: NSTextCheckingResult, in text: String, regex: CompiledRegex) -> String {
        guard template.contains("$") else { return template }
        var out = ""
        var rest = Substring(template)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                out += "$"
                rest = rest.dropFirst()
                continue
            }
            let name: Substring
            if rest.first == "{" {
                guard let close = rest.firstIndex(of: "}") else {
                    out += "$"
                    continue
                }
                name = rest[rest.index(after: rest.startIndex)..<close]
                guard !name.isEmpty, name.allSatisfy(isNameCharacter) else {
                    out += "$"
                    continue
                }
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex { !isNameCharacter($0) } ?? rest.endIndex
                name = rest[..<end]
                guard !name.isEmpty else {
                    out += "$"
                    continue
                }
                rest = rest[end...]
            }
            out += group(String(name), match: match, in: text, regex: regex)
        }
        return out + rest
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character == "_" || (character.isASCII && (character.isLetter || character.isNumber))
    }

    private static func group(_ name: String, match: NSTextCheckingResult, in text: String, regex: CompiledRegex) -> String {
        let range: NSRange
        if let number = Int(name) {
            guard number < match.numberOfRanges else { return "" }
            range = match.range(at: number)
        } else {
            guard regex.groupNames.contains(name) else { return "" }
            range = match.range(withName: name)
        }
        guard range.location != NSNotFound, let bounds = Range(range, in: text) else { return "" }
        return String(text[bounds])
    }
}
