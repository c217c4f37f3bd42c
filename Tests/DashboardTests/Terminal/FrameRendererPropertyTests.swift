import TestSupport
import Testing
@testable import Dashboard

/// Random pairs of buffers: whatever the renderer sends, a terminal that applies it must end up
/// showing exactly the new buffer.
@Suite struct FrameRendererPropertyTests {
    static let characters: [Character] = ["a", "b", " ", "7", "─", "█", "界", "😀", "e\u{301}", "…"]
    static let styles: [Style] = [
        .plain, Style(attributes: .bold), Style(foreground: .red), Style(foreground: .cyan, attributes: .reverse),
        Style(background: .indexed(236)), Style(foreground: .rgb(200, 10, 10), attributes: [.dim, .underline]),
    ]

    static func randomBuffer(width: Int, height: Int, using generator: inout SplitMix64) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        for _ in 0..<(width * height) { mutate(&buffer, using: &generator) }
        return buffer
    }

    static func mutate(_ buffer: inout Buffer, using generator: inout SplitMix64) {
        let x = Int.random(in: 0..<buffer.width, using: &generator)
        let y = Int.random(in: 0..<buffer.height, using: &generator)
        buffer.set(characters.randomElement(using: &generator)!, x: x, y: y, style: styles.randomElement(using: &generator)!)
    }

    static func screenMatches(_ terminal: VirtualTerminal, _ buffer: Buffer, mode: ColorMode) -> Bool {
        for (drawn, wanted) in zip(terminal.screen.cells, buffer.cells) {
            guard drawn.isWideContinuation == wanted.isWideContinuation else { return false }
            if wanted.isWideContinuation { continue }
            guard drawn.character == wanted.character, drawn.style == mode.effective(wanted.style) else { return false }
        }
        return true
    }

    @Test(arguments: [ColorMode.color, .noColor])
    func appliedFramesReproduceTheBuffer(mode: ColorMode) {
        var generator = SplitMix64(seed: mode == .color ? 1 : 2)
        for _ in 0..<300 {
            let width = Int.random(in: 1...24, using: &generator)
            let height = Int.random(in: 1...8, using: &generator)
            let first = Self.randomBuffer(width: width, height: height, using: &generator)
            var second = first
            for _ in 0..<Int.random(in: 0...(width * height), using: &generator) { Self.mutate(&second, using: &generator) }
            var terminal = VirtualTerminal(width: width, height: height, garbage: true)
            var renderer = FrameRenderer(colorMode: mode)
            terminal.apply(renderer.render(first))
            #expect(Self.screenMatches(terminal, first, mode: mode), "full frame \(width)×\(height)")
            terminal.apply(renderer.render(second))
            #expect(Self.screenMatches(terminal, second, mode: mode), "diff frame \(width)×\(height)")
            #expect(terminal.style == .plain, "every frame ends in the default style")
            #expect(terminal.scrollRegion == nil, "every frame ends with the scroll region reset")
        }
    }

    /// Random frames in which blocks of rows moved up or down by 1–4 rows (the rows they left
    /// blanked or kept), among random other changes: the terminal always ends up showing the new
    /// frame, and moves are actually used.
    @Test(arguments: [ColorMode.color, .noColor])
    func framesWithMovedBlocksReproduceTheBuffer(mode: ColorMode) {
        var generator = SplitMix64(seed: mode == .color ? 31 : 32)
        var framesWithMoves = 0
        let trials = 300
        for _ in 0..<trials {
            let width = Int.random(in: 1...30, using: &generator)
            let height = Int.random(in: 2...12, using: &generator)
            let first = Self.randomBuffer(width: width, height: height, using: &generator)
            var second = first
            for _ in 0..<Int.random(in: 1...2, using: &generator) { Self.moveBlock(&second, using: &generator) }
            for _ in 0..<Int.random(in: 0...width, using: &generator) { Self.mutate(&second, using: &generator) }
            var terminal = VirtualTerminal(width: width, height: height, garbage: true)
            var renderer = FrameRenderer(colorMode: mode)
            terminal.apply(renderer.render(first))
            let bytes = renderer.render(second)
            terminal.apply(bytes)
            #expect(Self.screenMatches(terminal, second, mode: mode), "diff frame \(width)×\(height)")
            #expect(terminal.style == .plain)
            #expect(terminal.scrollRegion == nil)
            if FrameRendererMoveTests.scrolls(String(decoding: bytes, as: UTF8.self)) { framesWithMoves += 1 }
        }
        #expect(framesWithMoves > trials / 4, "moves used in \(framesWithMoves) of \(trials) frames")
    }

    /// Moves a random block of rows up or down by 1–4 rows; the rows it leaves are blanked or
    /// keep what they showed.
    static func moveBlock(_ buffer: inout Buffer, using generator: inout SplitMix64) {
        let height = buffer.height
        guard height > 1 else { return }
        let offset = Int.random(in: 1...min(4, height - 1), using: &generator) * (Bool.random(using: &generator) ? 1 : -1)
        // Row y comes to show row y + offset.
        let first = Int.random(in: max(0, -offset)...(height - 1 - max(0, offset)), using: &generator)
        let last = Int.random(in: first...(height - 1 - max(0, offset)), using: &generator)
        let old = buffer
        for y in first...last {
            buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1))
            for x in 0..<buffer.width where !old[x: x, y: y + offset].isWideContinuation { buffer.set(old[x: x, y: y + offset], x: x, y: y) }
        }
        let left = offset > 0 ? (last + 1)...min(height - 1, last + offset) : max(0, first + offset)...(first - 1)
        if Bool.random(using: &generator), !left.isEmpty {
            buffer.fill(Rect(x: 0, y: left.lowerBound, width: buffer.width, height: left.count))
        }
    }

    /// A table-like frame: per row a name, figures in a few styles, a sparkline and an alert
    /// column, some rows cut short (so erases come into play) and some with wide characters.
    static func dashboardLikeBuffer(width: Int, height: Int, tick: Int, using generator: inout SplitMix64) -> Buffer {
        let glyphs = Array("▁▂▃▄▅▆▇█")
        let figureStyles = [Style.plain, Style(foreground: .yellow), Style(attributes: .bold), Style(foreground: .red, attributes: .reverse)]
        var buffer = Buffer(width: width, height: height)
        for y in 0..<height {
            var x = 0
            let name = Bool.random(using: &generator) ? "proc_\(y)" : "処理\(y)"
            x += buffer.write(name, at: Position(x: x, y: y), maxWidth: 10) + 2
            if Int.random(in: 0..<6, using: &generator) == 0 { continue }
            let figure = String(Int.random(in: 0...99_999, using: &generator))
            buffer.write(String(repeating: " ", count: 6 - figure.count) + figure, at: Position(x: x, y: y),
                         style: figureStyles.randomElement(using: &generator)!)
            x += 8
            // The sparkline shifts by one each tick, and its scale sometimes changes.
            let scale = Int.random(in: 0..<4, using: &generator) == 0 ? 1 : 0
            let spark = String((0..<12).map { glyphs[min(7, ($0 + tick + y) % 8 / 2 + scale + 4)] })
            x += buffer.write(spark, at: Position(x: x, y: y), style: Style(foreground: .cyan), maxWidth: max(0, width - x)) + 1
            if Bool.random(using: &generator) {
                buffer.write(Bool.random(using: &generator) ? "FIRING" : "pending", at: Position(x: x, y: y),
                             style: Style(foreground: .red, attributes: .bold))
            }
        }
        return buffer
    }

    @Test(arguments: [ColorMode.color, .noColor])
    func dashboardLikeFrameSequencesReproduceEveryFrame(mode: ColorMode) {
        var generator = SplitMix64(seed: mode == .color ? 4 : 5)
        for _ in 0..<40 {
            let width = Int.random(in: 20...60, using: &generator)
            let height = Int.random(in: 2...12, using: &generator)
            var terminal = VirtualTerminal(width: width, height: height, garbage: true)
            var renderer = FrameRenderer(colorMode: mode)
            for tick in 0..<15 {
                let buffer = Self.dashboardLikeBuffer(width: width, height: height, tick: tick, using: &generator)
                terminal.apply(renderer.render(buffer))
                #expect(Self.screenMatches(terminal, buffer, mode: mode), "frame \(tick) at \(width)×\(height)")
                #expect(terminal.style == .plain)
                #expect(terminal.scrollRegion == nil)
            }
        }
    }

    @Test func diffsAreSmallerThanFullRedrawsWhenLittleChanges() {
        var generator = SplitMix64(seed: 3)
        let first = Self.randomBuffer(width: 80, height: 24, using: &generator)
        var second = first
        for _ in 0..<10 { Self.mutate(&second, using: &generator) }
        let renderer = FrameRenderer(colorMode: .color)
        #expect(renderer.frame(from: first, to: second).count * 10 < renderer.frame(from: nil, to: second).count)
    }
}
