@testable import Query
import Testing
import TimeSeries

/// Match and aggregation groups numbered by hash give the groups projecting the labels would.
@Suite struct GroupNumberingTests {
    @Test(arguments: [(["job", "instance"], true), (["pid", "__name__"], false), ([], false), (["missing"], true)])
    func numbersAgreeWithProjectedLabels(_ names: [String], _ keeping: Bool) {
        // Enough groups to make the table grow several times; labels sometimes missing, and
        // values that share prefixes, so hashes of different groups differ in few bytes.
        let labelSets = (0..<3000).map { index in
            var pairs = [
                Label("__name__", index % 2 == 0 ? "a" : "b"), Label("job", "j\(index % 13)"), Label("instance", "i\(index % 97)"),
            ]
            if index % 5 != 0 { pairs.append(Label("pid", "<0.\(index % 11).0>")) }
            return Labels(pairs)
        }
        let projection = LabelProjection(names, keeping: keeping)
        var numbering = GroupNumbering(projection)
        var expected: [Labels: Int] = [:]
        for labels in labelSets {
            let projected = projection.apply(labels)
            let number = numbering.number(labels)
            if let known = expected[projected] {
                #expect(number == known)
            } else {
                #expect(number == expected.count, "numbered in order of first appearance")
                expected[projected] = number
            }
            #expect(projection.hash(labels) == projection.hash(projected))
            #expect(projection.sameProjection(labels, projected))
        }
        #expect(numbering.count == expected.count)
        for (number, representative) in numbering.representatives.enumerated() {
            #expect(expected[projection.apply(representative)] == number)
        }
    }
}

/// The word-at-a-time hash of label strings.
@Suite struct WordHashTests {
    private func hash(_ strings: [String]) -> UInt64 {
        var hash = WordHash()
        for string in strings { hash.add(string) }
        return hash.value
    }

    @Test func equalStringsHashEquallyWhateverTheirStorage() {
        // A long string built at run time (heap storage) and the same text as a literal.
        let built = String(repeating: "erlang_", count: 3) + "queue"
        #expect(hash([built, "x"]) == hash(["erlang_erlang_erlang_queue", "x"]))
        #expect(hash(["abcdefgh"]) == hash([String("abcdefgh".reversed().reversed())]))
    }

    @Test func boundariesBetweenStringsCount() {
        #expect(hash(["ab", "c"]) != hash(["a", "bc"]))
        #expect(hash(["abcdefgh", ""]) != hash(["abcdefg", "h"]))
        #expect(hash(["", ""]) != hash([""]))
        // Lengths around a whole word each hash differently.
        let texts = (5...18).map { String(repeating: "q", count: $0) }
        #expect(Set(texts.map { hash([$0]) }).count == texts.count)
    }
}
