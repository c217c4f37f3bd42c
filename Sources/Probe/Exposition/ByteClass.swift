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
