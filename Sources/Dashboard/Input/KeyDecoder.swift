/// A key press, decoded from the bytes a terminal sends.
public enum Key: Hashable, Sendable {
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    /// A printable character, `/` and `?` included.
    case character(Character)
    /// Ctrl plus a letter (lowercase), for those without a case of their own: `.control("c")` is Ctrl-C.
    case control(Character)

    /// Ctrl-C, which quits from anywhere (raw mode turns it into a key instead of SIGINT).
    public static let interrupt = Key.control("c")
}

/// Turns terminal input bytes into keys, holding back an escape sequence or UTF-8 character that
/// has not fully arrived, since a read can end anywhere inside one.
///
/// A lone ESC is ambiguous (the Escape key, or the start of a sequence whose rest is in flight),
/// so it stays pending until more bytes come or the caller, after a short quiet period, calls `flush()`.
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []
    /// A CSI longer than this is garbage, not a key; dropping it keeps the decoder from waiting forever.
    private static let longestSequence = 32

    public init() {}

    /// True when bytes are held back waiting for the rest of a sequence.
    public var hasPending: Bool { !pending.isEmpty }

    /// Decodes `bytes` after whatever the previous call held back.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [Key] {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var index = 0
        while index < pending.count {
            guard let (key, length) = decodeOne(at: index) else { break }
            if let key { keys.append(key) }
            index += length
        }
        pending.removeFirst(index)
        return keys
    }

    /// Resolves whatever is held back as if no more input is coming: a lone ESC is the Escape key,
    /// the bytes after it are read as ordinary keys, and a cut-off UTF-8 character is dropped.
    public mutating func flush() -> [Key] {
        var keys: [Key] = []
        while let first = pending.first {
            guard first == 0x1B else {
                pending.removeAll()
                break
            }
            keys.append(.escape)
            pending.removeFirst()
            keys += decode([])
        }
        return keys
    }

    /// The key at `index` and the bytes it used (key nil for bytes that mean nothing), or nil when
    /// the sequence there is incomplete.
    private func decodeOne(at index: Int) -> (Key?, Int)? {
        let byte = pending[index]
        switch byte {
        case 0x1B: return decodeEscape(at: index)
        case 0x0D:
            // A pasted CRLF is one Enter.
            return (.enter, index + 1 < pending.count && pending[index + 1] == 0x0A ? 2 : 1)
        case 0x0A: return (.enter, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x09: return (.tab, 1)
        case 0x01...0x1A: return (.control(Character(Unicode.Scalar(byte + 0x60))), 1)
        case 0x20...0x7E: return (.character(Character(Unicode.Scalar(byte))), 1)
        case 0x80...: return decodeUTF8(at: index)
        default: return (nil, 1)
        }
    }

    private func decodeEscape(at index: Int) -> (Key?, Int)? {
        guard index + 1 < pending.count else { return nil }
        switch pending[index + 1] {
        case 0x5B: return decodeCSI(at: index)
        case 0x4F:
            guard index + 2 < pending.count else { return nil }
            return (Self.finalKey(pending[index + 2]), 3)
        default:
            // ESC then something else: Escape pressed, and the next byte read on its own.
            return (.escape, 1)
        }
    }

    /// `ESC [ params final`: arrows and Home/End by final letter, the rest as `ESC [ n ~`.
    private func decodeCSI(at index: Int) -> (Key?, Int)? {
        var cursor = index + 2
        var firstParameter = 0
        var sawSeparator = false
        while cursor < pending.count {
            let byte = pending[cursor]
            if byte >= 0x40, byte <= 0x7E {
                let length = cursor - index + 1
                if byte == 0x7E { return (Self.tildeKey(firstParameter), length) }
                return (Self.finalKey(byte), length)
            }
            if byte == 0x3B { sawSeparator = true }
            if byte >= 0x30, byte <= 0x39, !sawSeparator { firstParameter = firstParameter * 10 + Int(byte - 0x30) }
            if byte < 0x20 || cursor - index >= Self.longestSequence { return (nil, cursor - index) }
            cursor += 1
        }
        return nil
    }

    private static func finalKey(_ byte: UInt8) -> Key? {
        switch byte {
        case 0x41: .up
        case 0x42: .down
        case 0x43: .right
        case 0x44: .left
        case 0x48: .home
        case 0x46: .end
        case 0x5A: .backTab
        default: nil
        }
    }

    private static func tildeKey(_ parameter: Int) -> Key? {
        switch parameter {
        case 1, 7: .home
        case 4, 8: .end
        case 3: .delete
        case 5: .pageUp
        case 6: .pageDown
        default: nil
        }
    }

    private func decodeUTF8(at index: Int) -> (Key?, Int)? {
        let lead = pending[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, lead < 0xF8 else { return (nil, 1) }
        let available = pending[(index + 1)..<min(index + length, pending.count)]
        guard available.allSatisfy({ $0 & 0xC0 == 0x80 }) else { return (nil, 1) }
        guard index + length <= pending.count else { return nil }
        let bytes = pending[index..<(index + length)]
        guard let scalar = String(validating: bytes, as: UTF8.self)?.unicodeScalars.first
        else { return (nil, 1) }
        return (.character(Character(scalar)), length)
    }
}
