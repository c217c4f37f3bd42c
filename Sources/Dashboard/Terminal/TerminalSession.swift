#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The dashboard's hold on a real terminal: raw mode, the alternate screen, a hidden cursor,
/// keys and resizes as events, and a guaranteed way back.
///
/// The terminal is restored by `restore()`, when the session is released, and also on SIGINT,
/// SIGTERM, SIGHUP, SIGQUIT and crashes (SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP),
/// through handlers that then let the signal take its course. Raw mode turns Ctrl-C into a key
/// (`Key.interrupt`) so the dashboard can quit cleanly; a SIGINT sent with `kill` still restores.
/// Only one session can be active, since there is only one screen to put back.
///
/// A signal the process ignores when the session starts (SIG_IGN, as the `DispatchSource`
/// signal pattern requires for a graceful SIGTERM) is left alone: the program then restores the
/// terminal itself on its way out, through `restore()`.
public final class TerminalSession {
    public let inputDescriptor: Int32
    public let outputDescriptor: Int32
    private var decoder = KeyDecoder()
    private let resizeRead: Int32
    private let resizeWrite: Int32
    private var isActive = true
    /// How long a lone ESC waits for the rest of a sequence before it counts as the Escape key.
    private static let escapeDelayMilliseconds: Int32 = 30

    /// True when `descriptor` is a terminal; when standard output is not, print plain text instead.
    public static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// Takes over the terminal on `input` and `output` (standard input and output by default).
    public init(input: Int32 = 0, output: Int32 = 1) throws(TerminalError) {
        guard isatty(input) == 1 else { throw .notATerminal(fileDescriptor: input) }
        guard isatty(output) == 1 else { throw .notATerminal(fileDescriptor: output) }
        guard !TerminalRestorer.active else { throw .sessionAlreadyActive }
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { throw .systemCall(name: "tcgetattr", errno: errno) }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw .systemCall(name: "pipe", errno: errno) }
        for end in pipeEnds {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        inputDescriptor = input
        outputDescriptor = output
        resizeRead = pipeEnds[0]
        resizeWrite = pipeEnds[1]
        TerminalRestorer.install(input: input, output: output, saved: saved, resizeDescriptor: resizeWrite)
        var raw = saved
        cfmakeraw(&raw)
        guard tcsetattr(input, TCSANOW, &raw) == 0 else {
            let code = errno
            restore()
            throw .systemCall(name: "tcsetattr", errno: code)
        }
        do {
            try write(ControlSequence.enterAlternateScreen + ControlSequence.hideCursor + ControlSequence.resetStyle
                + ControlSequence.clearScreen)
        } catch {
            restore()
            throw error
        }
    }

    deinit { restore() }

    /// The terminal's size now (TIOCGWINSZ).
    public func size() throws(TerminalError) -> TerminalSize {
        var window = winsize()
        guard ioctl(outputDescriptor, UInt(TIOCGWINSZ), &window) == 0 else {
            throw .systemCall(name: "ioctl(TIOCGWINSZ)", errno: errno)
        }
        return TerminalSize(columns: Int(window.ws_col), rows: Int(window.ws_row))
    }

    /// Writes all of `bytes` (one frame from `FrameRenderer`), retrying short writes.
    public func write(_ bytes: [UInt8]) throws(TerminalError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                systemWrite(outputDescriptor, raw.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .systemCall(name: "write", errno: errno)
            }
            written += result
        }
    }

    /// Waits up to `timeoutMilliseconds` for input or a resize and returns what happened (empty on
    /// timeout). A lone ESC is held briefly in case it starts a sequence, then reported as Escape.
    public func readEvents(timeoutMilliseconds: Int32) throws(TerminalError) -> [TerminalEvent] {
        var descriptors = [
            pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: resizeRead, events: Int16(POLLIN), revents: 0),
        ]
        let timeout = decoder.hasPending ? min(timeoutMilliseconds, Self.escapeDelayMilliseconds) : timeoutMilliseconds
        let ready = poll(&descriptors, 2, timeout)
        if ready < 0, errno != EINTR { throw .systemCall(name: "poll", errno: errno) }
        var events: [TerminalEvent] = []
        if drainResizePipe() { events.append(.resize(try size())) }
        if ready > 0, descriptors[0].revents != 0 {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(inputDescriptor, $0.baseAddress!, $0.count) }
            if count > 0 {
                events += decoder.decode(chunk.prefix(count)).map(TerminalEvent.key)
            } else if count == 0 {
                events.append(.inputClosed)
            } else if errno != EINTR, errno != EAGAIN {
                throw .systemCall(name: "read", errno: errno)
            }
        } else if ready == 0, decoder.hasPending {
            events += decoder.flush().map(TerminalEvent.key)
        }
        return events
    }

    /// Leaves raw mode and the alternate screen and shows the cursor. Safe to call more than once.
    public func restore() {
        guard isActive else { return }
        isActive = false
        TerminalRestorer.uninstall()
        close(resizeRead)
        close(resizeWrite)
    }

    /// True when at least one resize was signalled since the last check.
    private func drainResizePipe() -> Bool {
        var sink = [UInt8](repeating: 0, count: 64)
        var resized = false
        while sink.withUnsafeMutableBytes({ read(resizeRead, $0.baseAddress!, $0.count) }) > 0 { resized = true }
        return resized
    }
}

/// `write(2)`, under a name the session's own `write` method does not shadow.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// A terminal's size in character cells.
public struct TerminalSize: Hashable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// Something that happened at the terminal while the dashboard waited.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    /// The window changed size (SIGWINCH); the next frame must be a full redraw at this size.
    case resize(TerminalSize)
    /// The input reached end of file (the terminal hung up): time to quit.
    case inputClosed
}

/// Why the terminal could not be set up, read or written.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The descriptor is not a terminal (output piped or redirected): print plain text instead.
    case notATerminal(fileDescriptor: Int32)
    /// Another session already owns the terminal; there is one screen to restore.
    case sessionAlreadyActive
    /// A system call failed with `errno`.
    case systemCall(name: String, errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal(let descriptor): "file descriptor \(descriptor) is not a terminal"
        case .sessionAlreadyActive: "a terminal session is already active"
        case .systemCall(let name, let code): "\(name) failed (errno \(code))"
        }
    }
}
