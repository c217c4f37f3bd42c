/// The byte classes of the exposition grammar, as arithmetic tests so hot loops touch no tables.
enum ByteClass {
    /// `[a-zA-Z_]`.
    @inline(__always)
    static func isLetterOrUnderscore(_ byte: UInt8) -> Bool {
        // Setting bit 5 folds upper case onto lower case; the wrapping subtraction makes one compare a range test.
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte == UInt8(ascii: "_")
    }

    /// `[0-9]`.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// `[a-zA-Z_:]`, the first byte of a metric name.
    @inline(__always)
    static func isMetricNameStart(_ byte: UInt8) -> Bool {
        isLetterOrUnderscore(byte) || byte == UInt8(ascii: ":")
    }

    /// `[a-zA-Z0-9_:]`, any later byte of a metric name.
    @inline(__always)
    static func isMetricName(_ byte: UInt8) -> Bool {
        isMetricNameStart(byte) || isDigit(byte)
    }

    /// `[a-zA-Z_]`, the first byte of a label name.
    @inline(__always)
    static func isLabelNameStart(_ byte: UInt8) -> Bool {
        isLetterOrUnderscore(byte)
    }

    /// `[a-zA-Z0-9_]`, any later byte of a label name.
    @inline(__always)
    static func isLabelName(_ byte: UInt8) -> Bool {
        isLetterOrUnderscore(byte) || isDigit(byte)
    }

    /// A space or a tab, the blanks Prometheus text allows between tokens.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}

/// Word-at-a-time byte work for the short runs the parser compares and scans, where a libc call
/// costs more than the bytes.
enum ByteComparison {
    /// True when the `count` bytes at `left` and `right` are equal.
    @inline(__always)
    static func equal(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, count: Int) -> Bool {
        let left = UnsafeRawPointer(left)
        let right = UnsafeRawPointer(right)
        guard count >= 8 else {
            for index in 0..<count where left.load(fromByteOffset: index, as: UInt8.self) != right.load(fromByteOffset: index, as: UInt8.self) {
                return false
            }
            return true
        }
        var index = 0
        while index + 8 <= count {
            if word(left, index) != word(right, index) { return false }
            index += 8
        }
        // The last word may overlap the previous one; comparing bytes twice is harmless.
        return word(left, count - 8) == word(right, count - 8)
    }

    /// The index of the first byte from `start` (before `end`) that is `"`, `\` or not ASCII,
    /// or the first index where fewer than 8 bytes remain; the caller scans on from there byte by byte.
    @inline(__always)
    static func skipPlainQuotedText(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= end {
            let bytes = word(raw, index)
            let flagged = (hasZeroByte(bytes ^ 0x2222_2222_2222_2222) | hasZeroByte(bytes ^ 0x5C5C_5C5C_5C5C_5C5C) | bytes)
                & 0x8080_8080_8080_8080
            if flagged != 0 {
                // The lowest flagged byte is exact; borrows only spill into higher ones.
                return index + flagged.trailingZeroBitCount / 8
            }
            index += 8
        }
        return index
    }

    @inline(__always)
    private static func word(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// High bit set in each byte that is zero (and possibly in bytes above one).
    @inline(__always)
    private static func hasZeroByte(_ value: UInt64) -> UInt64 {
        (value &- 0x0101_0101_0101_0101) & ~value
    }
}
