import Foundation

/// Progress for long work on stderr: one line redrawn in place on a terminal, a line per 10% otherwise.
final class ProgressLine {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastDecile = -1
    private var lastDraw: UInt64 = 0
    private var drewInPlace = false

    /// Shows `label` at `done` of `total`.
    func update(_ label: String, done: Int, total: Int) {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let percent = Int(fraction * 100)
        if isTerminal {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - lastDraw > 100_000_000 || done >= total else { return }
            lastDraw = now
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            write("\r\u{1B}[2K\(label) \(bar) \(percent)%")
            drewInPlace = true
        } else if percent / 10 != lastDecile {
            lastDecile = percent / 10
            write("\(label) \(percent)%\n")
        }
    }

    /// Ends the in-place line so what follows starts on its own line.
    func finish() {
        if drewInPlace { write("\n") }
        drewInPlace = false
        lastDecile = -1
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
