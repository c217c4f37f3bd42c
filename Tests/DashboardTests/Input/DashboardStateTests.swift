import Testing
import Dashboard

@Suite struct DashboardStateTests {
    let context = SelectionContext(processCount: 50, nodeCount: 5, alertCount: 2, detailProcessCount: 7, pageSize: 10,
                                   selectedNodeName: "chat3@host", selectedProcess: router,
                                   selectedDetailProcess: ProcessIdentity(node: "chat3@host", pid: "<0.176.0>", initialCall: "chat_session:init/1"))
    static let router = ProcessIdentity(node: "chat7@host", pid: "<0.212.0>", name: "chat_router")
    var router: ProcessIdentity { Self.router }

    func reduce(_ state: DashboardState, _ keys: Key...) -> (state: DashboardState, effects: [DashboardEffect]) {
        var current = (state: state, effects: [DashboardEffect]())
        for key in keys {
            let next = DashboardState.reduce(current.state, key, context: context)
            current = (next.state, current.effects + next.effects)
        }
        return current
    }

    @Test func quitKeys() {
        #expect(reduce(DashboardState(), .character("q")).effects == [.quit])
        #expect(reduce(DashboardState(), .interrupt).effects == [.quit])
        #expect(reduce(DashboardState(isEditingFilter: true), .interrupt).effects == [.quit])
        #expect(reduce(DashboardState(showsHelp: true), .interrupt).effects == [.quit])
    }

    @Test func arrowsPagesHomeAndEndMoveAndClamp() {
        let start = DashboardState()
        #expect(reduce(start, .down, .down).state.processSelection == 2)
        #expect(reduce(start, .up).state.processSelection == 0)
        #expect(reduce(start, .pageDown, .pageDown).state.processSelection == 20)
        #expect(reduce(start, .pageDown, .pageUp, .down).state.processSelection == 1)
        #expect(reduce(start, .end).state.processSelection == 49)
        #expect(reduce(start, .end, .down, .home).state.processSelection == 0)
    }

    @Test func tabAndSideArrowsMoveTheFocus() {
        let start = DashboardState()
        #expect(reduce(start, .tab).state.focus == .nodes)
        #expect(reduce(start, .tab, .tab).state.focus == .alerts)
        #expect(reduce(start, .tab, .tab, .tab).state.focus == .processes)
        #expect(reduce(start, .backTab).state.focus == .alerts)
        #expect(reduce(start, .right, .left).state.focus == .processes)
        let moved = reduce(start, .tab, .down, .down)
        #expect(moved.state.nodeSelection == 2 && moved.state.processSelection == 0)
        #expect(reduce(start, .tab, .tab, .end).state.alertSelection == 1)
        var noAlerts = context
        noAlerts.alertCount = 0
        #expect(DashboardState.reduce(DashboardState(focus: .nodes), .tab, context: noAlerts).state.focus == .processes)
    }

    @Test func enterOpensTheSelectedNodeAndEscapeComesBack() {
        let onNode = reduce(DashboardState(), .tab, .enter).state
        #expect(onNode.mode == .node("chat3@host"))
        #expect(reduce(DashboardState(focus: .alerts), .enter).state.mode == .fleet)
        #expect(reduce(onNode, .escape).state.mode == .fleet)
        #expect(reduce(onNode, .left).state.mode == .fleet)
        #expect(reduce(onNode, .backspace).state.mode == .fleet)
        let detail = reduce(onNode, .down, .down, .end).state
        #expect(detail.detailSelection == 6 && detail.processSelection == 0)
    }

    @Test func enterOpensTheSelectedProcessAndEscapeGoesBackWhereItCameFrom() {
        let fromFleet = reduce(DashboardState(), .enter).state
        #expect(fromFleet.mode == .process(router, fromNode: nil))
        #expect(reduce(fromFleet, .escape).state.mode == .fleet)
        #expect(reduce(fromFleet, .backspace).state.mode == .fleet)
        // Arrows have nothing to move through on one process, and leave the fleet's selection alone.
        #expect(reduce(fromFleet, .down, .end).state == fromFleet)
        let itsNode = reduce(fromFleet, .character("n")).state
        #expect(itsNode.mode == .node("chat7@host") && itsNode.detailSelection == 0)

        let fromNode = reduce(DashboardState(), .tab, .enter, .down, .enter).state
        let session = ProcessIdentity(node: "chat3@host", pid: "<0.176.0>", initialCall: "chat_session:init/1")
        #expect(fromNode.mode == .process(session, fromNode: "chat3@host"))
        #expect(reduce(fromNode, .escape).state.mode == .node("chat3@host"))
        #expect(reduce(fromNode, .left).state.mode == .node("chat3@host"))
        #expect(reduce(fromNode, .escape, .escape).state.mode == .fleet)
        #expect(reduce(fromNode, .enter).state == fromNode)

        var nothingSelected = context
        nothingSelected.selectedProcess = nil
        #expect(DashboardState.reduce(DashboardState(), .enter, context: nothingSelected).state.mode == .fleet)
    }

    @Test func anAnonymousProcessIsNamedByItsTypeAndPid() {
        #expect(router.displayName == "chat_router")
        #expect(ProcessIdentity(node: "n", pid: "<0.176.0>", initialCall: "chat_session:init/1").displayName == "chat_session:init/1 <0.176.0>")
        #expect(ProcessIdentity(node: "n", pid: "<0.176.0>").displayName == "<0.176.0>")
    }

    @Test func slashOpensTheFilterPromptAndTypingEditsIt() {
        let typed = reduce(DashboardState(processSelection: 5), .character("/"), .character("c"), .character("h"), .character("q"))
        #expect(typed.state.isEditingFilter)
        #expect(typed.state.filter == "chq")
        #expect(typed.state.processSelection == 0)
        #expect(typed.effects.isEmpty)
        let corrected = reduce(typed.state, .backspace, .character("s"), .character("p"))
        #expect(corrected.state.filter == "chsp")
        #expect(!corrected.state.paused)
        let kept = reduce(corrected.state, .enter)
        #expect(!kept.state.isEditingFilter && kept.state.filter == "chsp")
        #expect(reduce(kept.state, .escape).state.filter.isEmpty)
        let cancelled = reduce(corrected.state, .escape)
        #expect(!cancelled.state.isEditingFilter && cancelled.state.filter.isEmpty)
        #expect(reduce(corrected.state, .control("u")).state.filter.isEmpty)
        #expect(reduce(corrected.state, .down).state.processSelection == 1)
    }

    @Test func sCyclesTheSortModes() {
        let modes = (1...4).map { count in
            reduce(DashboardState(processSelection: 3), Array(repeating: Key.character("s"), count: count)).state
        }
        #expect(modes.map(\.sort) == [.queue, .growth, .node, .rank])
        #expect(modes[0].processSelection == 0)
    }

    @Test func pTogglesPauseAndQuestionMarkShowsHelp() {
        #expect(reduce(DashboardState(), .character("p")).state.paused)
        #expect(!reduce(DashboardState(), .character("p"), .character(" ")).state.paused)
        let help = reduce(DashboardState(), .character("?")).state
        #expect(help.showsHelp)
        let closed = reduce(help, .character("q"))
        #expect(!closed.state.showsHelp && closed.effects.isEmpty)
    }

    @Test func redrawKeys() {
        #expect(reduce(DashboardState(), .character("r")).effects == [.redraw])
        #expect(reduce(DashboardState(), .control("l")).effects == [.redraw])
    }

    @Test func otherKeysChangeNothing() {
        let start = DashboardState(processSelection: 3)
        for key: Key in [.character("z"), .delete, .control("x"), .escape] {
            #expect(reduce(start, key) == (start, []) as (DashboardState, [DashboardEffect]))
        }
    }

    @Test func emptyListsKeepTheSelectionAtZero() {
        let empty = SelectionContext()
        #expect(DashboardState.reduce(DashboardState(), .down, context: empty).state.processSelection == 0)
        #expect(DashboardState.reduce(DashboardState(), .end, context: empty).state.processSelection == 0)
        #expect(DashboardState.reduce(DashboardState(), .enter, context: empty).state.mode == .fleet)
    }
}

extension DashboardStateTests {
    func reduce(_ state: DashboardState, _ keys: [Key]) -> (state: DashboardState, effects: [DashboardEffect]) {
        var current = (state: state, effects: [DashboardEffect]())
        for key in keys {
            let next = DashboardState.reduce(current.state, key, context: context)
            current = (next.state, current.effects + next.effects)
        }
        return current
    }
}
