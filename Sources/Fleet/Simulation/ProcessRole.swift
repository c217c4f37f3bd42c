/// What a simulated process is: its registered name, how it was started and where it usually waits.
///
/// The label values are kept as bytes too, because they are written into every exposition body.
final class ProcessRole: Sendable {
    /// The registered name, or "" for the unregistered majority.
    let name: String
    /// `initial_call` as `proc_lib:translate_initial_call/1` reports it, e.g. `chat_router:init/1`.
    let initialCall: String
    /// `current_function` while the process keeps up.
    let currentFunction: String
    /// `current_function` while its mailbox grows because it is blocked elsewhere.
    let stalledFunction: String
    /// `current_function` while it works through a backlog: its module's `handle_info/2`.
    let handlerFunction: String

    let nameBytes: [UInt8]
    let initialCallBytes: [UInt8]
    let currentFunctionBytes: [UInt8]
    let stalledFunctionBytes: [UInt8]
    let handlerFunctionBytes: [UInt8]

    init(name: String = "", initialCall: String, currentFunction: String = "gen_server:loop/7", stalledFunction: String? = nil) {
        self.name = name
        self.initialCall = initialCall
        self.currentFunction = currentFunction
        self.stalledFunction = stalledFunction ?? currentFunction
        handlerFunction = "\(initialCall.prefix { $0 != ":" }):handle_info/2"
        nameBytes = Array(name.utf8)
        initialCallBytes = Array(initialCall.utf8)
        currentFunctionBytes = Array(currentFunction.utf8)
        stalledFunctionBytes = Array(self.stalledFunction.utf8)
        handlerFunctionBytes = Array(handlerFunction.utf8)
    }
}
