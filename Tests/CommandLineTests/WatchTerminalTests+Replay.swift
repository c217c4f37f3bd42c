import Dashboard
import Foundation
import TestSupport
import Testing

/// The renderer's frames in a real terminal: what the test terminal (`VirtualTerminal`) checks
/// on every diff, checked once more against tmux's own emulation, for the sequences where
/// terminals could differ from it (DCH shifts, scrolled regions, the right edge, wide characters).
extension WatchTerminalTests {
    static let replayWidth = 60
    static let replayHeight = 8

    /// Rows like the process table's: a name (some wide), a figure, a sparkline that moves on
    /// by 0, 1 or 2 samples a frame depending on the row, an alert after it in some rows, and
    /// on the last row a sparkline that reaches the right edge.
    static func replayFrame(_ tick: Int) -> Buffer {
        let glyphs = Array("▁▂▃▄▅▆▇█")
        func wave(_ phase: Int, _ count: Int) -> String {
            String((0..<count).map { glyphs[abs(((phase + $0) % 14) - 7)] })
        }
        var buffer = Buffer(width: replayWidth, height: replayHeight)
        for y in 0..<(replayHeight - 1) {
            buffer.write(y % 3 == 0 ? "処理_\(y)" : "proc_\(y)", at: Position(x: 0, y: y))
            buffer.write(String(1000 + tick * (y + 1)), at: Position(x: 12, y: y), style: Style(foreground: .yellow))
            buffer.write(wave(y * 5 + tick * (y % 3), 30), at: Position(x: 18, y: y), style: Style(foreground: .cyan))
            if y % 2 == 1 || y == 4 { buffer.write(y == 4 ? "警告" : "FIRING", at: Position(x: 49, y: y), style: Style(foreground: .red, attributes: .bold)) }
        }
        buffer.write(wave(tick, 40), at: Position(x: replayWidth - 40, y: replayHeight - 1), style: Style(foreground: .cyan))
        return buffer
    }

    @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"), .timeLimit(.minutes(1)))
    func renderedFramesReplayedIntoTmuxShowTheLastFrame() throws {
        var renderer = FrameRenderer(colorMode: .color)
        var bytes: [UInt8] = []
        for tick in 0..<12 { bytes += renderer.render(Self.replayFrame(tick)) }
        #expect(String(decoding: bytes, as: UTF8.self).contains("\u{1B}[P"), "the frames shift rows")
        try Self.replay(bytes, expecting: Self.replayFrame(11))
    }

    /// Writes `bytes` to a tmux pane the size of `expected` as `watch` would (raw output, LF
    /// moving straight down) and waits for the pane to show `expected`'s text.
    static func replay(_ bytes: [UInt8], expecting expected: Buffer) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("backlog-replay-\(UUID().uuidString).bin")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let pane = try TmuxPane(columns: expected.width, rows: expected.height)
        try pane.waitFor("the shell prompt") { $0.contains("$") }
        // Raw output as `watch` has it (LF moves straight down); the sleep keeps the prompt away.
        try pane.type("stty -opost -echo; cat \(file.path); sleep 30", enter: true)
        let lines = expected.lines.map(Self.trimmed)
        var shown: [String] = []
        do {
            try pane.waitFor("the last frame") { screen in
                shown = screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(expected.height).map { Self.trimmed(String($0)) }
                return shown == lines
            }
        } catch {
            Issue.record("tmux shows:\n\(shown.joined(separator: "\n"))\n--- expected:\n\(lines.joined(separator: "\n"))")
        }
    }

    static func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
