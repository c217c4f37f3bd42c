extension FleetScenario {
    /// The processes every node of the scenario runs.
    func roster(processCount: Int, newSeriesPerSecond: Int) -> ProcessRoster {
        switch self {
        case .default:
            ProcessRoster(
                processCount: processCount,
                groups: [
                    ProcessGroup(Self.systemRoles, behavior: .quiet(ceiling: 2)),
                    ProcessGroup(Self.steadyServiceRoles, behavior: .quiet(ceiling: 50)),
                    ProcessGroup(Self.burstyServiceRoles, behavior: .bursty(baseline: 40)),
                    ProcessGroup(Self.sessionRole, count: 40, behavior: .bursty(baseline: 30)),
                    ProcessGroup(Self.acceptorRole, count: 10, behavior: .quiet(ceiling: 1)),
                ],
                poolRoles: Self.poolRoles
            )
        case .load:
            ProcessRoster(
                processCount: processCount,
                groups: [ProcessGroup(Self.sessionRole, count: Self.loadProcessSeries, behavior: .churning(range: 100...999))],
                poolRoles: Self.poolRoles
            )
        case .churn:
            // The roster is the churning processes alone: every one of them is exported.
            ProcessRoster(
                processCount: newSeriesPerSecond,
                groups: [ProcessGroup(Self.sessionRole, count: newSeriesPerSecond, behavior: .respawning(range: 1...20))],
                poolRoles: Self.poolRoles
            )
        }
    }

    /// OTP's own registered processes: always there, nearly always empty.
    private static let systemRoles: [ProcessRole] = [
        ProcessRole(name: "init", initialCall: "otp_ring0:start/2", currentFunction: "init:loop/1"),
        ProcessRole(name: "erts_code_purger", initialCall: "erts_code_purger:start/0", currentFunction: "erts_code_purger:wait_for_request/0"),
        ProcessRole(name: "application_controller", initialCall: "erlang:apply/2"),
        ProcessRole(name: "code_server", initialCall: "erlang:apply/2", currentFunction: "code_server:loop/1"),
        ProcessRole(name: "kernel_sup", initialCall: "supervisor:kernel/1"),
        ProcessRole(name: "rex", initialCall: "rpc:init/1"),
        ProcessRole(name: "global_name_server", initialCall: "global:init/1"),
        ProcessRole(name: "inet_db", initialCall: "inet_db:init/1"),
        ProcessRole(name: "file_server_2", initialCall: "file_server:init/1"),
        ProcessRole(name: "user", initialCall: "group:server/3", currentFunction: "group:server_loop/3"),
        ProcessRole(name: "logger_std_h_default", initialCall: "logger_olp:init/1"),
        ProcessRole(name: "timer_server", initialCall: "timer:init/1"),
    ]

    /// The application's singletons; `chat_router` is the one the default scenario stalls.
    private static let steadyServiceRoles: [ProcessRole] = [
        ProcessRole(name: "chat_router", initialCall: "chat_router:init/1", stalledFunction: "gen:do_call/4"),
        ProcessRole(name: "session_registry", initialCall: "session_registry:init/1"),
        ProcessRole(name: "offline_store", initialCall: "offline_store:init/1", stalledFunction: "mnesia:transaction/2"),
        ProcessRole(name: "metrics_reporter", initialCall: "metrics_reporter:init/1"),
    ]

    private static let burstyServiceRoles: [ProcessRole] = [
        ProcessRole(name: "presence_server", initialCall: "presence_server:init/1"),
        ProcessRole(name: "push_gateway", initialCall: "push_gateway:init/1", currentFunction: "prim_inet:recv0/3"),
    ]

    private static let sessionRole = ProcessRole(initialCall: "chat_session:init/1")

    private static let acceptorRole = ProcessRole(initialCall: "ranch_acceptor:loop/3", currentFunction: "prim_inet:accept0/3")

    /// Idle connections: hibernating sessions and HTTP connection processes waiting on their sockets.
    private static let poolRoles: [ProcessRole] = [
        ProcessRole(initialCall: "chat_session:init/1", currentFunction: "erlang:hibernate/3"),
        ProcessRole(initialCall: "chat_session:init/1", currentFunction: "erlang:hibernate/3"),
        ProcessRole(initialCall: "cowboy_clear:connection_process/4", currentFunction: "cowboy_http:loop/1"),
    ]
}
