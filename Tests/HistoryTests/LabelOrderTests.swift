@testable import History
import TestSupport
import Testing
import TimeSeries

/// The index's label order, kept up to date by inserts and removals, matches a full sort.
@Suite struct LabelOrderTests {
    func expectSorted(_ index: SeriesIndex, sourceLocation: SourceLocation = #_sourceLocation) {
        let live = index.slots.indices.filter { index.slots[$0].inUse }
        let byRank = live.sorted { index.order.rank[$0] < index.order.rank[$1] }
        let byLabels = live.sorted { index.slots[$0].labels.storage.lexicographicallyPrecedes(index.slots[$1].labels.storage) }
        #expect(byRank == byLabels, sourceLocation: sourceLocation)
    }

    @Test func fewAndManyInsertsRemovalsAndReusedPositions() {
        var random = SplitMix64(seed: 7)
        var index = SeriesIndex()
        var nextID: Int64 = 1
        func add(_ count: Int) {
            for _ in 0..<count {
                let labels = Fixture.labels("m\(Int.random(in: 0..<3, using: &random))", ["pid": "\(Int.random(in: 0..<100_000, using: &random))"])
                guard index.slot(for: labels) == nil else { continue }
                index.insert(SeriesSlot(id: nextID, labels: labels))
                nextID += 1
            }
        }
        add(300)  // many at once: merged
        index.refreshOrder()
        expectSorted(index)
        for round in 0..<20 {
            let live = index.slots.indices.filter { index.slots[$0].inUse }
            for position in live.shuffled(using: &random).prefix(round % 2 == 0 ? 10 : 90) { index.remove(slot: position) }
            // Reused positions, a few (binary insertion) or many (merge) at a time.
            add(round % 3 == 0 ? 150 : 5)
            if round % 4 == 0, let position = index.slots.indices.first(where: { index.slots[$0].inUse }) {
                index.remove(slot: position)
                add(1)
            }
            index.refreshOrder()
            expectSorted(index)
        }
    }
}
