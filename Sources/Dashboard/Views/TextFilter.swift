/// The `/` filter: does a name contain the typed text, ignoring ASCII case.
///
/// Runs over every process in the model (tens of thousands) each frame, so it compares UTF-8
/// bytes directly instead of lowercasing strings.
struct TextFilter: Sendable {
    private let needle: [UInt8]

    init(_ text: String) {
        needle = text.utf8.map(Self.lowercase)
    }

    var isEmpty: Bool { needle.isEmpty }

    func matches(_ haystack: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = haystack
        return haystack.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) {
                var offset = 0
                while offset < needle.count, Self.lowercase(bytes[start + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            return false
        }
    }

    /// True when any of a process's names (registered name, pid, node) contains the text.
    func matches(_ process: ProcessIdentity) -> Bool {
        needle.isEmpty || matches(process.name) || matches(process.pid) || matches(process.node)
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
