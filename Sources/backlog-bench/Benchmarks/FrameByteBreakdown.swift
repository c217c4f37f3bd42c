/// What a frame's bytes were spent on: cursor moves, style changes (SGR), erases, row shifts
/// (DCH), row moves (DECSTBM with SU or SD), the synchronized-update wrapper, and the characters drawn. Tells which part of the diff writer
/// or which view a saving would have to come from.
struct FrameByteBreakdown {
    var moves = 0
    var styles = 0
    var erases = 0
    var shifts = 0
    var scrolls = 0
    var wrapper = 0
    var text = 0

    var total: Int { moves + styles + erases + shifts + scrolls + wrapper + text }

    /// Sorts one frame's bytes into the categories by each control sequence's final byte.
    mutating func add(_ frame: [UInt8]) {
        var index = 0
        while index < frame.count {
            guard frame[index] == 0x1B, index + 1 < frame.count, frame[index + 1] == UInt8(ascii: "[") else {
                // CR, LF and BS are moves; the writer never sends a control character as text.
                if frame[index] < 0x20 { moves += 1 } else { text += 1 }
                index += 1
                continue
            }
            var end = index + 2
            // Parameters and intermediates, then the final byte (0x40–0x7E).
            while end < frame.count, !(0x40...0x7E).contains(frame[end]) { end += 1 }
            let length = min(end, frame.count - 1) - index + 1
            switch frame[min(end, frame.count - 1)] {
            case UInt8(ascii: "m"): styles += length
            case UInt8(ascii: "K"), UInt8(ascii: "X"), UInt8(ascii: "J"): erases += length
            case UInt8(ascii: "P"): shifts += length
            case UInt8(ascii: "r"), UInt8(ascii: "S"), UInt8(ascii: "T"): scrolls += length
            case UInt8(ascii: "h"), UInt8(ascii: "l"): wrapper += length
            default: moves += length
            }
            index += length
        }
    }
}
