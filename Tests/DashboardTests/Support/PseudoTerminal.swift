#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair for tests: the session under test gets the subordinate side, the
/// test reads what it wrote and types keys on the controlling side.
final class PseudoTerminal {
    let controller: Int32
    let subordinate: Int32
    let subordinatePath: String

    /// `TIOCSPTLCK` and `TIOCGPTN` (Linux): Swift does not import these function-like macros.
    private static let unlockRequest: UInt = 0x4004_5431
    private static let numberRequest: UInt = 0x8004_5430

    init() throws {
        controller = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard controller >= 0 else { throw PseudoTerminalError(step: "open /dev/ptmx", code: errno) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(controller, Self.unlockRequest, &unlock) == 0, ioctl(controller, Self.numberRequest, &number) == 0 else {
            throw PseudoTerminalError(step: "unlock", code: errno)
        }
        subordinatePath = "/dev/pts/\(number)"
        subordinate = open(subordinatePath, O_RDWR | O_NOCTTY)
        guard subordinate >= 0 else { throw PseudoTerminalError(step: "open \(subordinatePath)", code: errno) }
    }

    deinit {
        close(subordinate)
        close(controller)
    }

    func setSize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(controller, UInt(TIOCSWINSZ), &size)
    }

    /// Types `text` as if on the keyboard.
    func type(_ text: String) {
        _ = Array(text.utf8).withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
    }

    /// Everything written to the terminal so far (waits up to `milliseconds` for the first bytes).
    func output(waitingUpTo milliseconds: Int32 = 500) -> String {
        var bytes: [UInt8] = []
        var descriptor = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
        var timeout = milliseconds
        while poll(&descriptor, 1, timeout) > 0 {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk.prefix(count)
            timeout = 50
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The terminal's line discipline settings now.
    var modes: termios {
        var settings = termios()
        tcgetattr(subordinate, &settings)
        return settings
    }

    /// True when the terminal is in the usual cooked mode: line editing and echo on.
    var isCooked: Bool {
        let flags = modes.c_lflag
        return flags & tcflag_t(ICANON) != 0 && flags & tcflag_t(ECHO) != 0
    }
}

struct PseudoTerminalError: Error {
    var step: String
    var code: Int32
}
