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
