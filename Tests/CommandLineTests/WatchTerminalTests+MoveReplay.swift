import Dashboard
import Foundation
import TestSupport
import Testing

/// Rows that move up or down between frames, replayed into tmux: the scroll regions (DECSTBM),
/// SU and SD the renderer sends for them are where terminals could differ from the test terminal.
extension WatchTerminalTests {
    static let moveReplayWidth = 60
    static let moveReplayHeight = 14

    /// The processes listed at each tick: some leave (the rows below move up), some enter (the
    /// rows below move down), one or two at a time, at the top, middle and bottom of the table.
    static let moveReplayProcesses: [[Int]] = [
        Array(1...11),
        [1, 2, 4, 5, 6, 7, 8, 9, 10, 11],
        [1, 2, 4, 5, 6, 7, 8, 9, 10, 11],
        [1, 2, 30, 4, 5, 6, 7, 8, 9, 10, 11],
        [2, 30, 4, 5, 6, 7, 8, 9, 10, 11],
        [2, 30, 4, 5, 31, 32, 6, 7, 8, 9, 10, 11],
        [2, 30, 4, 5, 31, 32, 6, 7, 10, 11],
        [33, 2, 30, 4, 5, 31, 32, 6, 7, 10, 11],
        [33, 2, 30, 5, 31, 32, 6, 7, 10, 11, 12],
        [33, 2, 30, 5, 31, 32, 6, 7, 10, 11, 12],
    ]

    /// A process table: a header, a row per process (a name, some wide, a figure, a sparkline
    /// that moves on by a sample a frame, an alert on some) and a footer.
    static func moveReplayFrame(_ tick: Int) -> Buffer {
        let glyphs = Array("▁▂▃▄▅▆▇█")
        var buffer = Buffer(width: moveReplayWidth, height: moveReplayHeight)
        buffer.write("PROCESS         QUEUE  HISTORY", at: Position(x: 0, y: 0), style: Style(attributes: .bold))
        for (index, process) in moveReplayProcesses[tick].enumerated() {
            let y = index + 1
            buffer.write(process % 4 == 0 ? "処理_\(process)" : "proc_\(process)", at: Position(x: 0, y: y))
            buffer.write(String(1000 + process * 37 + tick), at: Position(x: 16, y: y), style: Style(foreground: .yellow))
            let spark = String((0..<28).map { glyphs[abs((process * 4 + tick + $0) % 14 - 7)] })
            buffer.write(spark, at: Position(x: 23, y: y), style: Style(foreground: .cyan))
            if process % 3 == 0 { buffer.write("FIRING", at: Position(x: 52, y: y), style: Style(foreground: .red, attributes: .bold)) }
        }
        buffer.write("\(moveReplayProcesses[tick].count) processes", at: Position(x: 0, y: moveReplayHeight - 1), style: Style(attributes: .dim))
        return buffer
    }

    @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"), .timeLimit(.minutes(1)))
    func framesWithMovedRowsReplayedIntoTmuxShowTheLastFrame() throws {
        var renderer = FrameRenderer(colorMode: .color)
        var bytes: [UInt8] = []
        for tick in Self.moveReplayProcesses.indices { bytes += renderer.render(Self.moveReplayFrame(tick)) }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(/\x1B\[\d+;\d+r\x1B\[\d*S/), "rows move up")
        #expect(text.contains(/\x1B\[\d+;\d+r\x1B\[\d*T/), "rows move down")
        try Self.replay(bytes, expecting: Self.moveReplayFrame(Self.moveReplayProcesses.count - 1))
    }
}
