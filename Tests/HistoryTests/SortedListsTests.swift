import TimeSeries
import TestSupport
import Testing

/// Intersections of sorted postings, whether the lists are alike in length or one is far shorter.
@Suite struct SortedListsTests {
    static func list(_ count: Int, below limit: Int, _ random: inout SplitMix64) -> [Int] {
        Array(Set((0..<count).map { _ in Int(random.next() % UInt64(limit)) })).sorted()
    }

    @Test(arguments: [(0, 50), (3, 5_000), (40, 2_000), (200, 300), (1, 1), (10, 10_000)])
    func intersectionIsTheCommonValues(few: Int, many: Int) {
        var random = SplitMix64(seed: UInt64(few * 31 + many))
        let lhs = Self.list(few, below: many * 2, &random)
        let rhs = Self.list(many, below: many * 2, &random)
        let expected = lhs.filter(Set(rhs).contains)
        #expect(SortedLists.intersect(lhs, rhs) == expected)
        #expect(SortedLists.intersect(rhs, lhs) == expected)
        // Values past the long list's end, and the long list's first and last.
        let edges = [rhs.first ?? 0, rhs.last ?? 0, many * 3].sorted()
        #expect(SortedLists.intersect(Array(Set(edges)).sorted(), rhs) == Array(Set(edges)).sorted().filter(Set(rhs).contains))
    }
}
