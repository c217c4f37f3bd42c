/// Decodes the backslash escapes of label values and HELP text.
enum EscapeDecoder {
    /// Which escapes a piece of text recognises besides `\\` and `\n`.
    struct Rules {
        /// `\"` stands for `"` (label values; HELP in OpenMetrics only).
        var decodesQuote: Bool
        /// Any other escape is an error; otherwise it is kept as written, as Prometheus keeps it.
        var rejectsUnknown: Bool
    }

    /// Appends the decoded form of `raw` to `output`; returns the index in `raw` of an escape the rules reject.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, rules: Rules, into output: inout [UInt8]) -> Int? {
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let next: UInt8? = index + 1 < raw.count ? raw[index + 1] : nil
            switch next {
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "n"): output.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "\"") where rules.decodesQuote: output.append(UInt8(ascii: "\""))
            default:
                if rules.rejectsUnknown { return index }
                output.append(UInt8(ascii: "\\"))
                index += 1
                continue
            }
            index += 2
        }
        return nil
    }
}
