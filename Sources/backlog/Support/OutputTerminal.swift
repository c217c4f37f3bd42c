import Foundation

/// What the command's standard output is: its width, and whether color is wanted.
enum OutputTerminal {
    /// Columns of the terminal on stdout, else `COLUMNS`, else 100.
    static var width: Int {
        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0 { return Int(window.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 100
    }

    /// Color only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
    static var wantsColor: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
