#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back (normal screen, visible cursor, saved termios) from anywhere, including
/// a signal handler: on Ctrl-C sent as a signal, SIGTERM, or a crash.
///
/// Signal handlers may not allocate or take locks, so everything the handler touches is set up
/// in `install` beforehand: the restore bytes in a preallocated buffer, the saved termios behind
/// a pointer, the descriptors in plain integers. The handler then calls only `write(2)`,
/// `tcsetattr` and `sigaction`, which are async-signal-safe.
enum TerminalRestorer {
    /// Signals that end the process: each one restores the terminal before the process dies.
    /// SIGTRAP is here because Swift runtime traps raise it on arm64 (SIGILL on x86-64).
    static let fatalSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP]

    // Unsafe on purpose: a signal handler may take no lock, so these are plain statics, written by
    // `install`/`uninstall` on the thread that owns the terminal before and after the handlers can
    // run, and only read (the pointers' targets filled beforehand) by the handlers.
    nonisolated(unsafe) private static var isInstalled = false
    nonisolated(unsafe) private static var inputDescriptor: Int32 = -1
    nonisolated(unsafe) private static var outputDescriptor: Int32 = -1
    nonisolated(unsafe) private static var resizeDescriptor: Int32 = -1
    nonisolated(unsafe) private static let savedTermios = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) private static let restoreBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    nonisolated(unsafe) private static var restoreByteCount = 0
    nonisolated(unsafe) private static let resizeByte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    nonisolated(unsafe) private static let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 16)
    nonisolated(unsafe) private static let previousResizeAction = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
    nonisolated(unsafe) private static let alternateStack = UnsafeMutableRawPointer.allocate(byteCount: 65_536, alignment: 16)

    /// End any half-sent frame, reset the style, show the cursor, leave the alternate screen.
    static let restoreSequence = ControlSequence.endSynchronizedUpdate + ControlSequence.resetStyle
        + ControlSequence.showCursor + ControlSequence.leaveAlternateScreen

    static var active: Bool { isInstalled }

    /// Records what to restore and installs the handlers; `resizeDescriptor` gets a byte on SIGWINCH.
    static func install(input: Int32, output: Int32, saved: termios, resizeDescriptor resize: Int32) {
        inputDescriptor = input
        outputDescriptor = output
        resizeDescriptor = resize
        savedTermios.pointee = saved
        restoreByteCount = min(restoreSequence.count, 64)
        for (offset, byte) in restoreSequence.prefix(64).enumerated() { restoreBytes[offset] = byte }
        resizeByte.pointee = 1
        installAlternateStack()
        isInstalled = true
        for (slot, signal) in fatalSignals.enumerated() {
            var action = handlerAction(fatalHandler)
            sigaction(signal, &action, previousActions + slot)
            // A signal the process was told to ignore (nohup, a shell's background job) stays ignored.
            if isIgnore(previousActions[slot].__sigaction_handler.sa_handler) {
                sigaction(signal, previousActions + slot, nil)
            }
        }
        var resizeAction = handlerAction(resizeHandler)
        resizeAction.sa_flags |= Int32(SA_RESTART)
        sigaction(SIGWINCH, &resizeAction, previousResizeAction)
    }

    /// Restores the terminal and puts back the signal handlers that were there before.
    static func uninstall() {
        guard isInstalled else { return }
        restoreTerminal()
        isInstalled = false
        for (slot, signal) in fatalSignals.enumerated() { sigaction(signal, previousActions + slot, nil) }
        sigaction(SIGWINCH, previousResizeAction, nil)
    }

    /// Writes the restore bytes and the saved termios. Async-signal-safe.
    static func restoreTerminal() {
        guard isInstalled else { return }
        var written = 0
        while written < restoreByteCount {
            let result = write(outputDescriptor, restoreBytes + written, restoreByteCount - written)
            if result <= 0 { break }
            written += result
        }
        tcsetattr(inputDescriptor, TCSANOW, savedTermios)
    }

    private static func handlerAction(_ handler: @convention(c) (Int32) -> Void) -> sigaction {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        // The alternate stack lets the handler run even when the crash is a stack overflow.
        action.sa_flags = Int32(SA_ONSTACK)
        return action
    }

    /// SIG_IGN is the handler value 1; C function pointers are not Equatable in Swift.
    private static func isIgnore(_ handler: (@convention(c) (Int32) -> Void)?) -> Bool {
        guard let handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == 1
    }

    /// Gives this thread an alternate signal stack unless it has one (the Swift runtime's crash
    /// reporter may have set one up; replacing it could starve that reporter of stack).
    private static func installAlternateStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        var stack = stack_t(ss_sp: alternateStack, ss_flags: 0, ss_size: 65_536)
        sigaltstack(&stack, nil)
    }

    /// Restores the terminal, then lets the signal do what it would have done without us: the
    /// previous action (the default, or the Swift runtime's crash reporter, which can now print
    /// to a sane screen) runs when the handler returns and the signal is delivered again.
    private static let fatalHandler: @convention(c) (Int32) -> Void = { signal in
        TerminalRestorer.restoreTerminal()
        TerminalRestorer.isInstalled = false
        var slot = 0
        while slot < TerminalRestorer.fatalSignals.count {
            if TerminalRestorer.fatalSignals[slot] == signal {
                sigaction(signal, TerminalRestorer.previousActions + slot, nil)
            }
            slot += 1
        }
        raise(signal)
    }

    /// Wakes the event loop through the pipe; the loop then reads the new size.
    private static let resizeHandler: @convention(c) (Int32) -> Void = { _ in
        let savedErrno = errno
        _ = write(TerminalRestorer.resizeDescriptor, TerminalRestorer.resizeByte, 1)
        errno = savedErrno
    }
}
