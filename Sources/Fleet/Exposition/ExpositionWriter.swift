/// Appends exposition text to a byte array without building a `String` per line.
///
/// A load-scenario poll renders hundreds of bodies a second; integers are written digit by digit
/// and fixed text is copied straight from static strings.
struct ExpositionWriter {
    private(set) var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ text: [UInt8]) {
        bytes.append(contentsOf: text)
    }

    mutating func write(_ value: Int) {
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var position = start + digits - 1
        repeat {
            bytes[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            position -= 1
        } while magnitude > 0
    }

    /// Writes `scaled / 10^fractionDigits` with exactly that many decimals: `write(fixed: 42, fractionDigits: 4)`
    /// writes `0.0042`. Whole-number arithmetic keeps the text identical on every run.
    mutating func write(fixed scaled: Int, fractionDigits: Int) {
        var divisor = 1
        for _ in 0..<fractionDigits { divisor *= 10 }
        if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = Int(scaled.magnitude)
        write(magnitude / divisor)
        guard fractionDigits > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        let fraction = magnitude % divisor
        var leadingZeros = fractionDigits - 1
        var rest = fraction
        while rest >= 10 {
            rest /= 10
            leadingZeros -= 1
        }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: leadingZeros))
        write(fraction)
    }
}
