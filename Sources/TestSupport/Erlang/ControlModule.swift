/// The Erlang side of `ErlangNode`'s control channel, compiled next to the exporter.
///
/// The node reads one Erlang expression per line from stdin, evaluates it (with bindings that
/// persist from line to line, and shell commands such as `l(Mod)` mapped to `c`), and prints
/// one result line that starts with `resultMarker`. End of stdin halts the node, so a test
/// process that dies, however it dies, takes its nodes with it.
///
/// It is also the nodes' `-epmd_module`: distributed test nodes run no epmd daemon (nothing
/// to clean up), listen on a port the system picks, and find a peer on this host through the
/// port the test gave them (`add_peer/2`).
enum ControlModule {
    static let name = "backlog_test_control"

    /// Starts every line the node prints for the channel; other output is only logged.
    static let resultMarker = "\u{1}backlog-result "
    /// Printed once when the node is ready to evaluate.
    static let readyMarker = "\u{1}backlog-ready "

    static let source = #"""
    %% Test control channel for Backlog's ErlangNode (Swift): see ControlModule.swift.
    -module(backlog_test_control).
    -export([main/0, spawn_idle/1, flood/2, flood_gen_server/2, bare_loop_us/0, proc_lib_sessions/2]).
    -export([scan_cost_us/2]).
    -export([dist_port/0, add_peer/2]).
    -export([spin/0, feed/2, sessions/2, mixed_sessions/2, session/0, sink/0, send_forever/2]).
    %% -epmd_module callbacks: erl_epmd's, except that peers are found through add_peer/2.
    -export([start_link/0, register_node/2, register_node/3, listen_port_please/2, names/1,
             port_please/2, port_please/3, address_please/3]).

    %% Reads expressions from stdin until it closes, then halts the node.
    main() ->
        io:setopts(standard_io, [binary, {encoding, unicode}]),
        io:put_chars(["\x{1}backlog-ready ", atom_to_list(node()), $\s,
                      erlang:system_info(otp_release), $\n]),
        loop(erl_eval:new_bindings()).

    loop(Bindings) ->
        case io:get_line(standard_io, "") of
            eof -> erlang:halt(0);
            {error, _} -> erlang:halt(0);
            Line ->
                {Reply, Next} = eval(unicode:characters_to_list(Line), Bindings),
                io:put_chars(["\x{1}backlog-result ", Reply, $\n]),
                loop(Next)
        end.

    eval(Text, Bindings) ->
        try
            {ok, Tokens, _} = erl_scan:string(Text),
            {ok, Exprs} = erl_parse:parse_exprs(Tokens),
            {value, Value, Next} = erl_eval:exprs(Exprs, Bindings, {value, fun shell_command/2}),
            {["ok ", io_lib:format("~0tp", [Value])], Next}
        catch
            Class:Reason ->
                {["error ", io_lib:format("~0tp", [{Class, Reason}])], Bindings}
        end.

    %% Local calls in an expression are shell commands: l(M), c(F), i(), ...
    shell_command(Name, Args) ->
        apply(c, Name, Args).

    %% N processes that wait forever in hibernation (a few hundred bytes each).
    spawn_idle(N) ->
        spawn_idle(N, 0).

    spawn_idle(0, Done) -> Done;
    spawn_idle(N, Done) ->
        spawn(erlang, hibernate, [timer, sleep, [infinity]]),
        spawn_idle(N - 1, Done + 1).

    %% A registered process that never reads its queue, sent Count messages.
    flood(Name, Count) ->
        Pid = spawn(timer, sleep, [infinity]),
        register(Name, Pid),
        send_many(Pid, Count),
        Pid.

    %% The same for a suspended gen_server (a pg scope): its initial call is proc_lib's.
    flood_gen_server(Name, Count) ->
        {ok, Pid} = pg:start(Name),
        ok = sys:suspend(Pid),
        send_many(Pid, Count),
        Pid.

    %% Microseconds for the least any queue scan must do: process_info of every process.
    bare_loop_us() ->
        {Micros, _} = timer:tc(fun() -> bare(erlang:processes(), 0) end),
        Micros.

    %% The exporter's steady-state scan timed with its defaults and with Off (options that turn
    %% something off), alternately, Rounds times: {median µs with the defaults, median µs with Off,
    %% median of the per-round ratios as the cost in % of what Off turns off}. Each scan runs in a
    %% fresh process and reads the state the previous scans left from a table, as the exporter's
    %% scan worker does, so copying that state is part of the cost.
    scan_cost_us(Off, Rounds) ->
        Cfg = #{top_k => 20, floor => 1000, max_series => 500},
        Table = ets:new(scan_cost, [public]),
        {Result, State} = warm(Cfg, backlog_exporter:scan(Cfg, #{}), 5),
        ets:insert(Table, {state, State}),
        Words = backlog_exporter:scan_heap_words(maps:get(non_empty, Result)),
        Pairs = [{timed_scan(Cfg, Table, Words), timed_scan(maps:merge(Cfg, Off), Table, Words)}
                 || _ <- lists:seq(1, Rounds)],
        ets:delete(Table),
        {median([On || {On, _} <- Pairs]), median([Without || {_, Without} <- Pairs]),
         (median([On / Without || {On, Without} <- Pairs]) - 1) * 100}.

    warm(_Cfg, Scanned, 0) -> Scanned;
    warm(Cfg, {_, State}, N) -> warm(Cfg, backlog_exporter:scan(Cfg, State), N - 1).

    timed_scan(Cfg, Table, Words) ->
        {Pid, Ref} = spawn_opt(fun() ->
            Start = erlang:monotonic_time(),
            [{state, State}] = ets:lookup(Table, state),
            {_, Next} = backlog_exporter:scan(Cfg, State),
            ets:insert(Table, {scratch, Next}),
            exit({scanned, erlang:convert_time_unit(erlang:monotonic_time() - Start, native, microsecond)})
        end, [monitor, {min_heap_size, Words}]),
        receive {'DOWN', Ref, process, Pid, {scanned, Micros}} -> Micros / 1 end.

    median(Values) -> lists:nth(length(Values) div 2 + 1, lists:sort(Values)).

    bare([P | Ps], Sum) ->
        case erlang:process_info(P, message_queue_len) of
            {message_queue_len, N} -> bare(Ps, Sum + N);
            undefined -> bare(Ps, Sum)
        end;
    bare([], Sum) -> Sum.

    %% Busy forever, never reading its queue.
    spin() -> spin(0).
    spin(N) -> spin(N + 1).

    %% Sends Pid a message every Ms milliseconds, forever.
    feed(Pid, Ms) ->
        Pid ! tick,
        receive after Ms -> ok end,
        feed(Pid, Ms).

    %% Count processes (initial call backlog_test_control:session/0) that never read their
    %% queues, each sent Messages messages.
    sessions(Count, Messages) ->
        [send_many(spawn(?MODULE, session, []), Messages) || _ <- lists:seq(1, Count)],
        Count.

    session() ->
        receive never -> ok end.

    %% Sessions and sleepers (timer:sleep/1) spawned in turn, each sent Messages: neighbours in
    %% the process list are never of one type.
    mixed_sessions(Count, Messages) ->
        [begin send_many(spawn(?MODULE, session, []), Messages), send_many(spawn(timer, sleep, [infinity]), Messages) end
         || _ <- lists:seq(1, Count)],
        Count.

    %% The same as proc_lib processes (gen_server and friends start so): their initial call is
    %% proc_lib:init_p/5 and the real one is in their dictionary.
    proc_lib_sessions(Count, Messages) ->
        [send_many(proc_lib:spawn(?MODULE, session, []), Messages) || _ <- lists:seq(1, Count)],
        Count.

    %% Receives and drops everything.
    sink() ->
        receive _ -> sink() end.

    %% Sends Dest binaries of Bytes bytes, forever.
    send_forever(Dest, Bytes) when is_integer(Bytes) ->
        send_forever(Dest, binary:copy(<<1>>, Bytes));
    send_forever(Dest, Binary) ->
        Dest ! Binary,
        send_forever(Dest, Binary).

    %% The port this node's distribution listens on.
    dist_port() ->
        persistent_term:get(backlog_test_dist_port).

    %% Tells this node on which port the node named Name (the part before @) listens.
    add_peer(Name, Port) ->
        persistent_term:put({backlog_test_peer, atom_to_list(Name)}, Port).

    start_link() -> erl_epmd:start_link().
    names(Host) -> erl_epmd:names(Host).
    listen_port_please(Name, Host) -> erl_epmd:listen_port_please(Name, Host).
    register_node(Name, Port) -> register_node(Name, Port, inet).
    register_node(Name, Port, Family) ->
        persistent_term:put(backlog_test_dist_port, Port),
        erl_epmd:register_node(Name, Port, Family).
    port_please(Name, Host) -> port_please(Name, Host, infinity).
    port_please(Name, _Host, _Timeout) ->
        case persistent_term:get({backlog_test_peer, Name}, undefined) of
            undefined -> noport;
            Port -> {port, Port, 6}
        end.
    address_please(Name, Host, Family) ->
        case {inet:getaddr(Host, Family), port_please(Name, Host)} of
            {{ok, Ip}, {port, Port, Version}} -> {ok, Ip, Port, Version};
            {{ok, _}, noport} -> {error, nxdomain};
            {Error, _} -> Error
        end.

    send_many(_Pid, 0) -> ok;
    send_many(Pid, N) -> Pid ! {backlog_test, N}, send_many(Pid, N - 1).
    """#
}
