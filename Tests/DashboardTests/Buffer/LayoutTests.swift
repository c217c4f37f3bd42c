import Testing
import Dashboard

@Suite struct LayoutTests {
    let area = Rect(x: 2, y: 1, width: 40, height: 20)

    @Test func splitsByFixedPercentageAndMinimum() {
        let parts = area.split(.vertical, [.fixed(3), .percentage(25), .min(2), .min(1)])
        #expect(parts.map(\.height) == [3, 5, 7, 5])
        #expect(parts.map(\.y) == [1, 4, 9, 16])
        #expect(parts.allSatisfy { $0.x == 2 && $0.width == 40 })
    }

    @Test func askingTooMuchShrinksTheLastPartsFirst() {
        let parts = area.split(.horizontal, [.fixed(30), .fixed(8), .min(5)])
        #expect(parts.map(\.width) == [30, 8, 2])
        let squeezed = Rect(x: 0, y: 0, width: 5, height: 1).split(.horizontal, [.fixed(4), .fixed(4), .fixed(4)])
        #expect(squeezed.map(\.width) == [4, 1, 0])
    }

    @Test func withoutMinimumPartsTheRestIsLeftOver() {
        let parts = area.split(.horizontal, [.fixed(10), .percentage(50)])
        #expect(parts.map(\.width) == [10, 20])
    }

    @Test func rectangleHelpers() {
        #expect(area.inset(by: 1) == Rect(x: 3, y: 2, width: 38, height: 18))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 3).isEmpty)
        #expect(area.intersection(Rect(x: 30, y: 15, width: 50, height: 50)) == Rect(x: 30, y: 15, width: 12, height: 6))
        #expect(area.intersection(Rect(x: 100, y: 0, width: 5, height: 5)).isEmpty)
        #expect(area.centered(width: 10, height: 4) == Rect(x: 17, y: 9, width: 10, height: 4))
        #expect(area.row(19) == Rect(x: 2, y: 20, width: 40, height: 1))
        #expect(area.row(20).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -5, height: 2).width == 0)
    }
}
