import Foundation
import TestSupport
import Testing

/// `backlog demo` (the agent and `watch`'s dashboard over a simulated fleet) in a real terminal (tmux): it finds the growing process, answers keys, and
/// gives the terminal back as it found it.
///
/// `scripts/test` runs this suite in a process of its own: the tmux server it starts would
/// otherwise inherit pipes of tests running beside it and keep them from ever reaching EOF.
@Suite(.serialized) struct WatchTerminalTests {
    @Test(.enabled(if: TmuxPane.isAvailable, "tmux is not installed"), .timeLimit(.minutes(3)))
    func demoFindsTheNextBottleneckAnswersKeysAndRestoresTheTerminal() throws {
        let pane = try TmuxPane()
        try pane.waitFor("the shell prompt") { $0.contains("$") }
        try pane.type("stty -a | grep -o -- '-\\?icanon' ; echo ready-before", enter: true)
        try pane.waitFor("stty before") { $0.contains("ready-before") }
        let root = BuiltProduct.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        try pane.type("\(BuiltProduct.url("backlog").path) demo --rules \(root)/rules", enter: true)
        try pane.waitFor("the dashboard") { $0.contains("Next bottleneck") && $0.contains("10/10 nodes up") }
        // The default scenario's chat_router on chat3 starts growing 5 s in and soon leads the ranking:
        // first as the largest mailbox, and from 1,000 messages (a tenth of the threshold) on as
        // approaching it, with its time to get there.
        let leading = try pane.waitFor("chat_router as the next bottleneck", timeout: .seconds(60)) { screen in
            let line = screen.split(separator: "\n").dropFirst(2).first
            return line?.contains("chat_router on chat3@127.0.0.1") == true && line?.contains("reaches 10,000 in ~") == true
        }
        let reason = leading.split(separator: "\n")[2]
        #expect(reason.contains("queued, +") && reason.contains("reaches 10,000 in ~"), "\(reason)")

        // Enter on the leading process opens it: its queue, and why it falls behind, from its node.
        try pane.press("Enter")
        let process = try pane.waitFor("the process with its evidence", timeout: .seconds(30)) { screen in
            screen.contains("Process chat_router on chat3@127.0.0.1") && screen.contains("Stack") && screen.contains("gen:do_call/4")
        }
        #expect(process.contains("STUCK") || process.contains("UNKNOWN"), "\(process)")
        try pane.press("n")
        try pane.waitFor("its node, with its process types") { $0.contains("Processes on chat3@127.0.0.1") && $0.contains("Process types") }
        try pane.press("Escape")
        try pane.waitFor("the fleet again") { $0.contains("Next bottleneck") }
        try pane.press("Tab")
        try pane.press("Enter")
        try pane.waitFor("a node's detail") { $0.contains("Processes on chat") && $0.contains("run queue") }
        try pane.press("Escape")
        try pane.type("/router")
        try pane.press("Enter")
        try pane.waitFor("the filter") { $0.contains("matching \"router\"") }
        try pane.type("q")
        try pane.waitFor("the shell back") { $0.contains("ready-before") && !$0.contains("Next bottleneck") }
        // Quoted apart, so the typed command itself never reads as its own output.
        try pane.type("stty -a | grep -o -- '-\\?icanon' ; echo ready-'after'", enter: true)
        let restored = try pane.waitFor("stty after") { $0.split(separator: "\n").contains { $0 == "ready-after" } }
        let mode = restored.split(separator: "\n").map(String.init).last { $0 == "icanon" || $0 == "-icanon" }
        #expect(mode == "icanon", "canonical mode is back on after quitting")
    }
}
