#if canImport(Glibc)
import Glibc
#endif
import Testing
import Dashboard

/// One session at a time owns the process's signal handlers, so these run one after another.
@Suite(.serialized) struct TerminalSessionTests {
    @Test func takesOverTheTerminalAndGivesItBack() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.isCooked)
        let session = try TerminalSession(input: terminal.subordinate, output: terminal.subordinate)
        #expect(!terminal.isCooked)
        let setup = terminal.output()
        #expect(setup.contains("\u{1B}[?1049h"))
        #expect(setup.contains("\u{1B}[?25l"))
        session.restore()
        #expect(terminal.isCooked)
        let teardown = terminal.output()
        #expect(teardown.contains("\u{1B}[?1049l"))
        #expect(teardown.contains("\u{1B}[?25h"))
        session.restore()
        #expect(terminal.output(waitingUpTo: 50).isEmpty)
    }

    @Test func onlyOneSessionAtATime() throws {
        let terminal = try PseudoTerminal()
        let session = try TerminalSession(input: terminal.subordinate, output: terminal.subordinate)
        #expect(throws: TerminalError.sessionAlreadyActive) {
            _ = try TerminalSession(input: terminal.subordinate, output: terminal.subordinate)
        }
        session.restore()
        let again = try TerminalSession(input: terminal.subordinate, output: terminal.subordinate)
        again.restore()
    }

    @Test func refusesWhatIsNotATerminal() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        #expect(!TerminalSession.isTerminal(ends[1]))
        #expect(throws: TerminalError.notATerminal(fileDescriptor: ends[0])) {
            _ = try TerminalSession(input: ends[0], output: ends[1])
        }
    }

    @Test func readsSizeKeysAndResizes() throws {
        let terminal = try PseudoTerminal()
        terminal.setSize(columns: 91, rows: 27)
        let session = try TerminalSession(input: terminal.subordinate, output: terminal.subordinate)
        defer { session.restore() }
        #expect(try session.size() == TerminalSize(columns: 91, rows: 27))
        terminal.type("\u{1B}[Aq")
        #expect(try session.readEvents(timeoutMilliseconds: 1000) == [.key(.up), .key(.character("q"))])
        terminal.type("\u{1B}")
        #expect(try session.readEvents(timeoutMilliseconds: 1000).isEmpty)
        #expect(try session.readEvents(timeoutMilliseconds: 1000) == [.key(.escape)])
        terminal.setSize(columns: 40, rows: 10)
        // To the process, as the kernel sends it: test threads (libdispatch's) block SIGWINCH.
        kill(getpid(), SIGWINCH)
        #expect(try session.readEvents(timeoutMilliseconds: 1000) == [.resize(TerminalSize(columns: 40, rows: 10))])
        #expect(try session.readEvents(timeoutMilliseconds: 10).isEmpty)
    }

    @Test func writesWholeFrames() throws {
        let terminal = try PseudoTerminal()
        let session = try TerminalSession(input: terminal.subordinate, output: terminal.subordinate)
        defer { session.restore() }
        _ = terminal.output()
        var buffer = Buffer(width: 20, height: 2)
        buffer.write("next bottleneck", at: Position(x: 0, y: 1))
        var renderer = FrameRenderer(colorMode: .color)
        try session.write(renderer.render(buffer))
        #expect(terminal.output().contains("next bottleneck"))
    }
}
