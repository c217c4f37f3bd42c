/// One step of Prometheus's relabelling (`relabel_configs`, `write_relabel_configs`,
/// `alert_relabel_configs`), with Prometheus's defaults and checks.
public struct RelabelConfig: Sendable {
    /// What a step does; the raw values are the YAML spellings.
    public enum Action: String, Sendable, CaseIterable {
        case replace, keep, drop, hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase
        case keepequal, dropequal
    }

    public var sourceLabels: [String]
    public var separator: String
    /// The pattern as written; matching anchors it at both ends.
    public var regex: String
    public var targetLabel: String
    public var replacement: String
    public var modulus: UInt64
    public var action: Action
    let compiled: CompiledRegex

    /// A checked step; the error says which setting is wrong, as Prometheus's config check does.
    public init(
        sourceLabels: [String] = [], separator: String = ";", regex: String = "(.*)", targetLabel: String = "",
        replacement: String = "$1", modulus: UInt64 = 0, action: Action = .replace
    ) throws(RelabelConfigError) {
        guard let compiled = CompiledRegex(regex) else {
            throw RelabelConfigError(setting: "regex", message: "\"\(regex)\" is not a valid regular expression")
        }
        self.sourceLabels = sourceLabels
        self.separator = separator
        self.regex = regex
        self.targetLabel = targetLabel
        self.replacement = replacement
        self.modulus = modulus
        self.action = action
        self.compiled = compiled
        try check()
    }

    private func check() throws(RelabelConfigError) {
        switch action {
        case .replace, .hashmod, .lowercase, .uppercase, .keepequal, .dropequal:
            if targetLabel.isEmpty {
                throw RelabelConfigError(setting: "target_label", message: "the \(action.rawValue) action needs a target_label")
            }
        default: break
        }
        if action == .replace, !targetLabel.contains("$"), !Self.isLabelName(targetLabel) {
            throw RelabelConfigError(setting: "target_label", message: "\"\(targetLabel)\" is not a valid label name")
        }
        if action == .hashmod, modulus == 0 {
            throw RelabelConfigError(setting: "modulus", message: "the hashmod action needs a modulus above 0")
        }
        if action == .labeldrop || action == .labelkeep {
            if !sourceLabels.isEmpty || !targetLabel.isEmpty || separator != ";" || replacement != "$1" || modulus != 0 {
                throw RelabelConfigError(
                    setting: "action",
                    message: "\(action.rawValue) takes only regex: source_labels, separator, target_label, replacement and modulus are not used")
            }
        }
        if action == .keepequal || action == .dropequal, sourceLabels.isEmpty {
            throw RelabelConfigError(setting: "source_labels", message: "the \(action.rawValue) action needs source_labels")
        }
    }

    /// Prometheus's (pre-UTF-8) label name rule: `[a-zA-Z_][a-zA-Z0-9_]*`.
    public static func isLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || Self.isLetter(first) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}

/// Why a relabel step was refused: which setting, and what is wrong with it.
public struct RelabelConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The YAML key at fault (`regex`, `target_label`, …).
    public var setting: String
    public var message: String

    public init(setting: String, message: String) {
        self.setting = setting
        self.message = message
    }

    public var description: String { message }
}
