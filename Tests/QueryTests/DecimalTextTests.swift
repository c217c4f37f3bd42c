@testable import Query
import TestSupport
import Testing

/// The fast path for plain decimals gives exactly what the general parser gives, and leaves every
/// other form to it.
@Suite struct DecimalTextTests {
    @Test func plainDecimalsReadAsTheGeneralParserReadsThem() {
        var random = SplitMix64(seed: 7)
        var texts = ["0", "-0", "7", "007", "1764000000", "1764000000.123", "1763999655.5", "0.1", "-0.001", "123456789012345",
                     "99999.9999999999"]
        for _ in 0..<20_000 {
            let digits = Int(random.next() % 15) + 1
            var text = String(random.next() % 1_000_000_000_000_000).prefix(digits)
            if random.next() % 2 == 0, text.count > 1 {
                let point = Int(random.next() % UInt64(text.count - 1)) + 1
                text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            }
            texts.append((random.next() % 3 == 0 ? "-" : "") + text)
        }
        for text in texts {
            let fast = DecimalText.value(Array(text.utf8))
            #expect(fast?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func otherFormsAreLeftToTheGeneralParser() {
        for text in ["", "-", ".5", "5.", "1e3", "+1", "Inf", "NaN", "1.2.3", "--1", "1-2", "1234567890123456", " 1"] {
            #expect(DecimalText.value(Array(text.utf8)) == nil, "\(text)")
        }
        #expect(GoFloatParse.value("+Inf") == .infinity)
        #expect(GoFloatParse.value("1e3") == 1000)
        #expect(GoFloatParse.value("-12.5") == -12.5)
    }
}
