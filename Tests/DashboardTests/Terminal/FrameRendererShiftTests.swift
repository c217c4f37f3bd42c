import TestSupport
import Testing
@testable import Dashboard

/// Rows whose cells moved left (a sparkline moving on by a sample) are sent as DCH plus repairs:
/// each case is applied to the test terminal on top of the previous frame, so what is checked is
/// what a terminal shows, including whatever the shift moved that was not meant to move.
@Suite struct FrameRendererShiftTests {
    static let glyphs = Array("▁▂▃▄▅▆▇█")
    let spark = Style(foreground: .cyan)
    let deleteOne = "\u{1B}[P"

    /// Glyphs of a wave, `count` long, starting `phase` samples in.
    static func wave(_ phase: Int, count: Int) -> String {
        String((0..<count).map { glyphs[abs(((phase + $0) % 14) - 7)] })
    }

    /// A table-like row: a name, a figure, a sparkline of `count` samples at `phase`, then `tail`.
    func row(phase: Int, width: Int = 40, count: Int = 20, tail: String = "", tailStyle: Style = .plain) -> Buffer {
        var buffer = Buffer(width: width, height: 1)
        buffer.write("proc 42", at: Position(x: 0, y: 0))
        buffer.write(Self.wave(phase, count: count), at: Position(x: 10, y: 0), style: spark)
        buffer.write(tail, at: Position(x: 11 + count, y: 0), style: tailStyle)
        return buffer
    }

    /// The frame from `before` to `after`, checked on the test terminal.
    func diff(_ before: Buffer, _ after: Buffer, mode: ColorMode = .color, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        var terminal = VirtualTerminal(width: before.width, height: before.height, garbage: true)
        var renderer = FrameRenderer(colorMode: mode)
        terminal.apply(renderer.render(before))
        let bytes = renderer.render(after)
        terminal.apply(bytes)
        #expect(FrameRendererPropertyTests.screenMatches(terminal, after, mode: mode), "screen after the diff", sourceLocation: sourceLocation)
        #expect(terminal.style == .plain, sourceLocation: sourceLocation)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [ColorMode.color, .noColor])
    func aSparklineThatMovedOnIsShiftedAndOnlyTheNewSampleDrawn(mode: ColorMode) {
        let text = diff(row(phase: 0), row(phase: 1), mode: mode)
        #expect(text.contains(deleteOne))
        let drawn = text.filter { Self.glyphs.contains($0) }
        #expect(drawn == String(Self.wave(1, count: 20).last!), "only the newest glyph is written: \(drawn)")
        #expect(text.utf8.count < 50, "redrawing the 20 glyphs alone would take 60 bytes: \(text.utf8.count)")
    }

    @Test func aSparklineBehindChangedFiguresStillShifts() {
        // As in the process table: the queue and growth before the sparkline change every second too.
        func frame(_ phase: Int, figures: String) -> Buffer {
            var buffer = row(phase: phase, width: 60, count: 24, tail: "FIRING")
            buffer.write(figures, at: Position(x: 0, y: 0))
            return buffer
        }
        let text = diff(frame(0, figures: "48,210 +1k"), frame(1, figures: "49,398 +2k"))
        #expect(text.contains(deleteOne))
    }

    @Test func aSparklineLateByThreeSamplesShiftsByThree() {
        let text = diff(row(phase: 0), row(phase: 3))
        #expect(text.contains("\u{1B}[3P"))
    }

    @Test func whatFollowsTheSparklineIsRedrawnWhereTheShiftMovedIt() {
        let red = Style(foreground: .red, attributes: .bold)
        let text = diff(row(phase: 0, tail: "FIRING", tailStyle: red), row(phase: 1, tail: "FIRING", tailStyle: red))
        #expect(text.contains(deleteOne))
        #expect(text.contains("FIRING"))
    }

    @Test func aSparklineAtTheRightEdgeShifts() {
        let text = diff(row(phase: 0, width: 30, count: 20), row(phase: 1, width: 30, count: 20))
        #expect(text.contains(deleteOne))
    }

    @Test func blanksBroughtInAreDefaultSoAColoredEndIsRedrawn() {
        var before = row(phase: 0)
        var after = row(phase: 1)
        let band = Cell(" ", style: Style(background: .indexed(236)))
        before.fill(Rect(x: 34, y: 0, width: 6, height: 1), with: band)
        after.fill(Rect(x: 34, y: 0, width: 6, height: 1), with: band)
        _ = diff(before, after)
        _ = diff(before, after, mode: .noColor)
    }

    @Test func aShiftNeverSplitsAWideCharacter() {
        // Wide characters ending right before the sparkline and right after it.
        func frame(_ phase: Int) -> Buffer {
            var buffer = Buffer(width: 40, height: 1)
            buffer.write("名前界", at: Position(x: 4, y: 0))
            buffer.write(Self.wave(phase, count: 20), at: Position(x: 10, y: 0), style: spark)
            buffer.write("界界 ok", at: Position(x: 30, y: 0))
            return buffer
        }
        #expect(diff(frame(0), frame(1)).contains(deleteOne))
    }

    @Test func rowsWithoutAShiftAreLeftAlone() {
        var before = Buffer(width: 30, height: 2)
        before.write("queue 48,210  +1.2k/s", at: Position(x: 0, y: 0))
        var after = Buffer(width: 30, height: 2)
        after.write("queue 48,990  +1.3k/s", at: Position(x: 0, y: 0))
        #expect(!diff(before, after).contains("P"))
    }

    /// Random rows in which a random segment moved left by 1–4 columns with new cells at its end,
    /// among random other changes, wide characters and styles: the terminal always ends up showing
    /// the new frame, and shifts are actually used.
    @Test(arguments: [ColorMode.color, .noColor])
    func randomShiftedSegmentsReproduceTheFrame(mode: ColorMode) {
        var generator = SplitMix64(seed: mode == .color ? 11 : 12)
        var framesWithShifts = 0
        let trials = 300
        for _ in 0..<trials {
            let width = Int.random(in: 2...40, using: &generator)
            let height = Int.random(in: 1...6, using: &generator)
            let first = FrameRendererPropertyTests.randomBuffer(width: width, height: height, using: &generator)
            var second = first
            for y in 0..<height where Bool.random(using: &generator) {
                Self.shiftSegment(&second, y: y, using: &generator)
            }
            for _ in 0..<Int.random(in: 0...3, using: &generator) { FrameRendererPropertyTests.mutate(&second, using: &generator) }
            var terminal = VirtualTerminal(width: width, height: height, garbage: true)
            var renderer = FrameRenderer(colorMode: mode)
            terminal.apply(renderer.render(first))
            let bytes = renderer.render(second)
            terminal.apply(bytes)
            #expect(FrameRendererPropertyTests.screenMatches(terminal, second, mode: mode), "diff frame \(width)×\(height)")
            #expect(terminal.style == .plain)
            if String(decoding: bytes, as: UTF8.self).contains(where: { $0 == "P" }) { framesWithShifts += 1 }
        }
        #expect(framesWithShifts > trials / 10, "shifts used in \(framesWithShifts) of \(trials) frames")
    }

    /// Moves the cells of a random segment of row `y` left by 1–4 and draws new ones at its end,
    /// the way a sparkline moves on (wide characters included, so boundaries can fall on them).
    static func shiftSegment(_ buffer: inout Buffer, y: Int, using generator: inout SplitMix64) {
        let width = buffer.width
        guard width >= 3 else { return }
        let start = Int.random(in: 0..<(width - 2), using: &generator)
        let end = Int.random(in: (start + 2)...width, using: &generator)
        let count = Int.random(in: 1...min(4, end - start - 1), using: &generator)
        let row = (0..<width).map { buffer[x: $0, y: y] }
        for x in start..<(end - count) where !row[x + count].isWideContinuation {
            buffer.set(row[x + count], x: x, y: y)
        }
        let style = FrameRendererPropertyTests.styles.randomElement(using: &generator)!
        for x in (end - count)..<end {
            buffer.set(glyphs.randomElement(using: &generator)!, x: x, y: y, style: style)
        }
    }

    /// Sparkline-like rows over many frames, some rows moving on by a sample, some late by more,
    /// some rescaled, with alerts after them coming and going.
    @Test(arguments: [ColorMode.color, .noColor])
    func sparklineSequencesReproduceEveryFrame(mode: ColorMode) {
        var generator = SplitMix64(seed: mode == .color ? 21 : 22)
        for _ in 0..<20 {
            let width = Int.random(in: 24...60, using: &generator)
            let height = Int.random(in: 2...10, using: &generator)
            var terminal = VirtualTerminal(width: width, height: height, garbage: true)
            var renderer = FrameRenderer(colorMode: mode)
            var phases = (0..<height).map { $0 * 3 }
            for tick in 0..<15 {
                var buffer = Buffer(width: width, height: height)
                for y in 0..<height {
                    phases[y] += Int.random(in: 0...2, using: &generator)
                    buffer.write(y % 3 == 0 ? "処理\(y)" : "proc_\(y)", at: Position(x: 0, y: y))
                    let count = min(width - 18, 16)
                    buffer.write(Self.wave(phases[y], count: count), at: Position(x: 9, y: y), style: Style(foreground: .cyan))
                    if Int.random(in: 0..<4, using: &generator) == 0 {
                        buffer.write("FIRING", at: Position(x: 10 + count, y: y), style: Style(foreground: .red, attributes: .bold))
                    }
                }
                terminal.apply(renderer.render(buffer))
                #expect(FrameRendererPropertyTests.screenMatches(terminal, buffer, mode: mode), "frame \(tick) at \(width)×\(height)")
                #expect(terminal.style == .plain)
            }
        }
    }
}
