%%% @doc Backlog's node-side exporter: message queue lengths over HTTP.
%%%
%%% One self-contained module (OTP only, no application, no dependencies) that
%%% can be compiled with `erlc' and loaded into any running Erlang or Elixir
%%% node. `start/0,1' spawns a small, unlinked process tree:
%%%
%%% <pre>
%%%   backlog_exporter (registered; owns the cache table and the listen socket;
%%%    |                restarts its children; traps exits)
%%%    +-- scanner   (every scan_interval_ms spawns a low-priority scan worker
%%%    |              that renders the exposition into the cache)
%%%    +-- acceptor  (accepts connections, spawns one handler per connection)
%%%    +.. handlers  (monitored, not linked: a crashing client costs one handler)
%%% </pre>
%%%
%%% A scrape only reads the cached exposition (a binary in an ETS table), so
%%% any number of pollers cost the node one scan per interval, and a scrape is
%%% answered in well under a millisecond whatever the process count.
%%%
%%% The scan reads `message_queue_len' of every process -- never message
%%% contents -- in one tight tail-recursive pass that updates sum, max,
%%% histogram bins and two bounded top sets inline, in a short-lived worker
%%% whose heap is sized so that it never garbage-collects. Descriptive items
%%% (registered name, initial call, current function) are read only for the
%%% processes it keeps. Only processes with a non-empty queue are candidates
%%% for per-process series.
%%%
%%% Hot code loading: every long-lived wait is an `erlang:hibernate/3' into a
%%% fully qualified function, which drops the stack, so an idle process holds
%%% no reference to an old module version and survives `l(backlog_exporter)'
%%% any number of times. The acceptor blocks inside `gen_tcp:accept/2' and may
%%% be killed by a purge; the supervisor then restarts it while the listen
%%% socket (which it owns) stays open, so no connection is refused.
%%% No state holds funs.
-module(backlog_exporter).

-export([start/0, start/1, stop/0, port/0, options/0, metrics/0]).

%% Entry points for spawn/hibernate: they must be exported so that every
%% resumption is a fully qualified call into the current module version.
-export([sup_init/3, sup_wake/1, scanner_init/2, scanner_wake/1, scan_worker/2,
         acceptor_init/3, handler_init/2, handler_wake/1]).

%% Exported for tests and diagnostics.
-export([scan/1]).

-define(TABLE, backlog_exporter).
-define(CONTENT_TYPE, <<"text/plain; version=0.0.4; charset=utf-8">>).
%% Longest request line or header line, and most header lines, we accept.
-define(MAX_LINE, 8192).
-define(MAX_HEADERS, 100).
%% A request head must arrive completely within this long once it started.
-define(HEAD_TIMEOUT_MS, 10000).
-define(SEND_TIMEOUT_MS, 5000).
%% Upper bounds of the queue-length histogram ("how many queues are =< le").
-define(BUCKETS, [0, 10, 100, 1000, 10000, 100000]).
%% Heap a scan needs per process: a list cell (2 words) and the tuple
%% process_info returns (3 words), plus slack.
-define(SCAN_WORDS_PER_PROCESS, 6).
%% The scan yields after this many processes, so a normal-priority process
%% (a scrape) on the same scheduler waits at most ~100 us, not a whole slice.
-define(YIELD_EVERY, 256).

-type option() :: {port, inet:port_number()}
                | {bind, inet:ip_address() | string()}
                | {top_k, non_neg_integer()}
                | {floor, pos_integer()}
                | {max_series, non_neg_integer()}
                | {scan_interval_ms, pos_integer()}
                | {idle_timeout_ms, pos_integer()}
                | {max_connections, pos_integer()}.
-type options() :: #{atom() => term()} | [option()].
-export_type([options/0]).

-define(DEFAULTS, #{port => 9199,
                    bind => {127, 0, 0, 1},
                    top_k => 20,
                    floor => 1000,
                    max_series => 500,
                    scan_interval_ms => 1000,
                    idle_timeout_ms => 60000,
                    max_connections => 64}).

%% Accumulator for processes with a non-empty queue. Queues of length 0 are
%% only counted (the hot path), so this record is rebuilt only for the others.
-record(acc, {sum = 0, max = 0,
              %% histogram bins (non-cumulative): 1..10, ..100, ..1k, ..10k, ..100k, more
              b10 = 0, b100 = 0, b1k = 0, b10k = 0, b100k = 0, binf = 0,
              floor, k, max_series,
              %% processes at or above the floor, the largest max_series of them
              hi = gb_sets:empty(), hi_n = 0, hi_thr = 0,
              %% the largest k processes below the floor
              lo = gb_sets:empty(), lo_n = 0, lo_thr = 0}).

%%====================================================================
%% API
%%====================================================================

%% @doc Starts the exporter with default options (127.0.0.1:9199).
-spec start() -> {ok, pid()} | {error, term()}.
start() ->
    start(#{}).

%% @doc Starts the exporter. Options (map or proplist): `port' (9199; 0 picks
%% a free one, see `port/0'), `bind' ({127,0,0,1}), `top_k' (20), `floor'
%% (1000), `max_series' (500), `scan_interval_ms' (1000), `idle_timeout_ms'
%% (60000), `max_connections' (64). Errors: `{error, {port_in_use, Port}}',
%% `{error, {already_started, Pid}}', `{error, {bad_option, Option}}',
%% `{error, {listen_failed, Reason}}'.
-spec start(options()) -> {ok, pid()} | {error, term()}.
start(Options) ->
    case config(Options) of
        {ok, Cfg} ->
            case whereis(?MODULE) of
                undefined -> spawn_sup(Cfg);
                Pid -> {error, {already_started, Pid}}
            end;
        {error, _} = Error ->
            Error
    end.

%% @doc Stops the exporter: closes the port and every connection, drops the cache.
-spec stop() -> ok | {error, not_running}.
stop() ->
    case whereis(?MODULE) of
        undefined ->
            {error, not_running};
        Pid ->
            Ref = erlang:monitor(process, Pid),
            Pid ! {stop, self(), Ref},
            receive
                {Ref, ok} -> erlang:demonitor(Ref, [flush]), ok;
                {'DOWN', Ref, process, Pid, _} -> ok
            end
    end.

%% @doc The TCP port the exporter listens on (useful after starting with port 0).
-spec port() -> {ok, inet:port_number()} | {error, not_running}.
port() ->
    lookup(port).

%% @doc The options the running exporter was started with, defaults filled in.
-spec options() -> {ok, map()} | {error, not_running}.
options() ->
    case lookup(options) of
        {error, missing} -> {error, not_running};
        Result -> Result
    end.

%% @doc The exposition the last scan rendered, exactly as a scrape serves it.
-spec metrics() -> {ok, binary()} | {error, not_running | no_scan_yet}.
metrics() ->
    case lookup(metrics) of
        {error, not_running} -> {error, not_running};
        {error, _} -> {error, no_scan_yet};
        Ok -> Ok
    end.

lookup(Key) ->
    try ets:lookup(?TABLE, Key) of
        [{Key, Value}] -> {ok, Value};
        [] -> {error, missing}
    catch
        error:badarg -> {error, not_running}
    end.

%%====================================================================
%% Options
%%====================================================================

config(Options) when is_list(Options) ->
    try maps:from_list(proplists:unfold(Options)) of
        Map -> config(Map)
    catch
        error:_ -> {error, {bad_option, Options}}
    end;
config(Options) when is_map(Options) ->
    Unknown = maps:keys(maps:without(maps:keys(?DEFAULTS), Options)),
    case Unknown of
        [Key | _] -> {error, {bad_option, {Key, maps:get(Key, Options)}}};
        [] -> validate(maps:to_list(maps:merge(?DEFAULTS, Options)), #{})
    end;
config(Options) ->
    {error, {bad_option, Options}}.

validate([], Cfg) ->
    %% Top K beyond the series budget could never be shown.
    #{top_k := K, max_series := M} = Cfg,
    {ok, Cfg#{top_k := min(K, M)}};
validate([{Key, Value} | Rest], Cfg) ->
    case check(Key, Value) of
        {ok, Checked} -> validate(Rest, Cfg#{Key => Checked});
        error -> {error, {bad_option, {Key, Value}}}
    end.

check(port, P) when is_integer(P), P >= 0, P =< 65535 -> {ok, P};
check(bind, Addr) when is_tuple(Addr) ->
    case inet:ntoa(Addr) of
        {error, _} -> error;
        _ -> {ok, Addr}
    end;
check(bind, Addr) when is_list(Addr) ->
    case inet:parse_address(Addr) of
        {ok, Ip} -> {ok, Ip};
        {error, _} -> error
    end;
check(top_k, K) when is_integer(K), K >= 0 -> {ok, K};
check(floor, F) when is_integer(F), F >= 1 -> {ok, F};
check(max_series, M) when is_integer(M), M >= 0 -> {ok, M};
check(scan_interval_ms, I) when is_integer(I), I >= 1 -> {ok, I};
check(idle_timeout_ms, I) when is_integer(I), I >= 1 -> {ok, I};
check(max_connections, C) when is_integer(C), C >= 1 -> {ok, C};
check(_, _) -> error.

%%====================================================================
%% Supervisor: owns the table and the listen socket, restarts children
%%====================================================================

spawn_sup(Cfg) ->
    Ref = make_ref(),
    %% Not linked to the caller: a remote shell that exits must not take the
    %% exporter down with it.
    {Pid, MRef} = spawn_monitor(?MODULE, sup_init, [self(), Ref, Cfg]),
    receive
        {Ref, Reply} ->
            erlang:demonitor(MRef, [flush]),
            Reply;
        {'DOWN', MRef, process, Pid, Reason} ->
            {error, Reason}
    end.

%% @private
-spec sup_init(pid(), reference(), map()) -> no_return().
sup_init(Parent, Ref, Cfg = #{port := Port, bind := Bind}) ->
    try register(?MODULE, self()) of
        true -> ok
    catch
        error:badarg -> exit_reply(Parent, Ref, {already_started, whereis(?MODULE)})
    end,
    process_flag(trap_exit, true),
    ?TABLE = ets:new(?TABLE, [named_table, public, set, {read_concurrency, true}]),
    ListenOpts = [binary, {ip, Bind}, {packet, http_bin}, {packet_size, ?MAX_LINE},
                  {active, false}, {reuseaddr, true}, {backlog, 128},
                  {nodelay, true}, {send_timeout, ?SEND_TIMEOUT_MS},
                  {send_timeout_close, true}],
    case gen_tcp:listen(Port, ListenOpts) of
        {ok, LSock} ->
            {ok, Actual} = inet:port(LSock),
            ets:insert(?TABLE, [{port, Actual}, {options, Cfg}]),
            Conns = counters:new(1, [atomics]),
            S0 = #{cfg => Cfg, lsock => LSock, conns => Conns, handlers => #{},
                   scanner => undefined, acceptor => undefined, restarts => []},
            S1 = start_child(acceptor, start_child(scanner, S0)),
            Parent ! {Ref, {ok, self()}},
            sup_wait(S1);
        {error, eaddrinuse} ->
            exit_reply(Parent, Ref, {port_in_use, Port});
        {error, Reason} ->
            exit_reply(Parent, Ref, {listen_failed, Reason})
    end.

exit_reply(Parent, Ref, Reason) ->
    Parent ! {Ref, {error, Reason}},
    exit(normal).

sup_wait(S) ->
    erlang:hibernate(?MODULE, sup_wake, [S]).

%% @private
-spec sup_wake(map()) -> no_return().
sup_wake(S) ->
    receive
        Msg -> sup_handle(Msg, S)
    end.

sup_handle({conn, Pid}, S = #{handlers := Hs, conns := C}) ->
    %% Counted here, not by the handler, so a handler killed in any way
    %% still gives its slot back (through 'DOWN').
    counters:add(C, 1, 1),
    sup_wait(S#{handlers := Hs#{erlang:monitor(process, Pid) => Pid}});
sup_handle({'DOWN', MRef, process, _, _}, S = #{handlers := Hs, conns := C}) ->
    case maps:take(MRef, Hs) of
        {_, Rest} -> counters:sub(C, 1, 1), sup_wait(S#{handlers := Rest});
        error -> sup_wait(S)
    end;
sup_handle({'EXIT', Pid, _Reason}, S) ->
    sup_wait(restart_exited(Pid, S));
sup_handle({restart, Which}, S) ->
    sup_wait(start_child(Which, S));
sup_handle({stop, From, Ref}, #{lsock := LSock, handlers := Hs} = S) ->
    [exit(Pid, kill) || Pid <- maps:values(Hs)],
    [exit(Pid, kill) || Pid <- [maps:get(scanner, S), maps:get(acceptor, S)], is_pid(Pid)],
    gen_tcp:close(LSock),
    ets:delete(?TABLE),
    From ! {Ref, ok},
    exit(normal);
sup_handle(_Other, S) ->
    sup_wait(S).

restart_exited(Pid, S = #{scanner := Pid}) -> schedule_restart(scanner, S#{scanner := undefined});
restart_exited(Pid, S = #{acceptor := Pid}) -> schedule_restart(acceptor, S#{acceptor := undefined});
restart_exited(_Pid, S) -> S.

%% Restarts at once, unless children died more than 10 times in the last
%% second: then waits a second, so a persistent fault costs little CPU.
schedule_restart(Which, S = #{restarts := Restarts}) ->
    Now = erlang:monotonic_time(millisecond),
    Recent = [T || T <- Restarts, Now - T < 1000],
    case length(Recent) >= 10 of
        true ->
            erlang:send_after(1000, self(), {restart, Which}),
            S#{restarts := Recent};
        false ->
            start_child(Which, S#{restarts := [Now | Recent]})
    end.

start_child(scanner, S = #{cfg := Cfg}) ->
    S#{scanner := spawn_link(?MODULE, scanner_init, [self(), Cfg])};
start_child(acceptor, S = #{cfg := Cfg, lsock := LSock, conns := C}) ->
    S#{acceptor := spawn_link(?MODULE, acceptor_init, [LSock, C, Cfg])}.

%%====================================================================
%% Scanner: scans on its own timer into the cache
%%====================================================================

%% @private
-spec scanner_init(pid(), map()) -> no_return().
scanner_init(Sup, Cfg) ->
    %% Trapping exits so that a crashed worker only costs one scan, while the
    %% link still takes a running worker down with the scanner (on stop).
    process_flag(trap_exit, true),
    %% Enabled per process: it stays on while this process lives.
    erlang:system_flag(scheduler_wall_time, true),
    scanner_tick(#{sup => Sup, cfg => Cfg, wall => erlang:statistics(scheduler_wall_time),
                   worker => undefined}).

%% Each scan runs in a fresh worker at low priority whose heap is sized up
%% front for the process list and the garbage process_info leaves: the scan
%% then never garbage-collects (a GC of a 1M-element list takes milliseconds
%% and cannot be preempted), and its memory is returned at once when it exits.
scanner_tick(State = #{cfg := Cfg, wall := Wall0}) ->
    Wall = erlang:statistics(scheduler_wall_time),
    Util = utilization(Wall0, Wall),
    Words = erlang:system_info(process_count) * ?SCAN_WORDS_PER_PROCESS + 65536,
    {_, MRef} = spawn_opt(?MODULE, scan_worker, [Cfg, Util],
                          [link, monitor, {priority, low}, {min_heap_size, Words}]),
    Started = erlang:monotonic_time(millisecond),
    erlang:hibernate(?MODULE, scanner_wake, [State#{wall := Wall, worker := {MRef, Started}}]).

%% @private
-spec scanner_wake(map()) -> no_return().
scanner_wake(State = #{sup := Sup, cfg := #{scan_interval_ms := Interval}, worker := Worker}) ->
    receive
        {'EXIT', Sup, Reason} ->
            exit(Reason);
        {'DOWN', MRef, process, _, _} when element(1, Worker) =:= MRef ->
            %% Fixed rate while scans are short; if a scan outlasts the
            %% interval, wait as long as it took, so scanning never takes
            %% more than half a scheduler.
            ScanMs = erlang:monotonic_time(millisecond) - element(2, Worker),
            erlang:send_after(max(Interval - ScanMs, min(Interval, ScanMs)), self(), scan),
            erlang:hibernate(?MODULE, scanner_wake, [State#{worker := undefined}]);
        scan when Worker =:= undefined ->
            scanner_tick(State);
        _ ->
            erlang:hibernate(?MODULE, scanner_wake, [State])
    end.

%% @private
-spec scan_worker(map(), float() | undefined) -> true.
scan_worker(Cfg, Util) ->
    Start = erlang:monotonic_time(),
    Result = scan(Cfg),
    Micros = erlang:convert_time_unit(erlang:monotonic_time() - Start, native, microsecond),
    ets:insert(?TABLE, {metrics, iolist_to_binary(render(Result, Util, Micros / 1.0e6))}).

%% Busy fraction of the normal schedulers between two samples.
utilization(Before, After) when is_list(Before), is_list(After) ->
    {Active, Total} = lists:foldl(
        fun({Id, A1, T1}, {A, T}) ->
            case lists:keyfind(Id, 1, Before) of
                {Id, A0, T0} -> {A + (A1 - A0), T + (T1 - T0)};
                false -> {A, T}
            end
        end, {0, 0}, After),
    case Total > 0 of
        true -> min(1.0, max(0.0, Active / Total));
        false -> 0.0
    end;
utilization(_, _) ->
    %% Someone turned the measurement off; it is on again for next time.
    erlang:system_flag(scheduler_wall_time, true),
    undefined.

%% @doc One scan: every process's queue length, folded into the aggregates
%% and the kept processes (largest first, with their descriptive labels).
-spec scan(map()) -> map().
scan(#{top_k := K, floor := Floor, max_series := MaxSeries}) ->
    Acc0 = #acc{floor = Floor, k = K, max_series = MaxSeries},
    {Zeros, Acc} = fold(erlang:processes(), 0, Acc0, ?YIELD_EVERY),
    #{zeros => Zeros, acc => Acc, kept => describe_all(kept(Acc))}.

%% The hot loop: one process_info per process and, for the usual empty
%% queue, one increment. Anything else is handled out of line in nonzero/3.
fold([P | Ps], Zeros, Acc, Countdown) when Countdown > 0 ->
    case erlang:process_info(P, message_queue_len) of
        {message_queue_len, 0} -> fold(Ps, Zeros + 1, Acc, Countdown - 1);
        {message_queue_len, N} -> fold(Ps, Zeros, nonzero(P, N, Acc), Countdown - 1);
        undefined -> fold(Ps, Zeros, Acc, Countdown - 1)
    end;
fold([_ | _] = Ps, Zeros, Acc, _) ->
    erlang:yield(),
    fold(Ps, Zeros, Acc, ?YIELD_EVERY);
fold([], Zeros, Acc, _) ->
    {Zeros, Acc}.

nonzero(P, N, A = #acc{sum = S, max = M}) when N =< 10 ->
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b10 = A#acc.b10 + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) when N =< 100 ->
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b100 = A#acc.b100 + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) when N =< 1000 ->
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b1k = A#acc.b1k + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) when N =< 10000 ->
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b10k = A#acc.b10k + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) when N =< 100000 ->
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b100k = A#acc.b100k + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) ->
    keep(P, N, A#acc{sum = S + N, max = max(M, N), binf = A#acc.binf + 1}).

%% Two bounded sets, each with a threshold so most processes are rejected
%% by one comparison: `hi' keeps the largest max_series at or above the
%% floor, `lo' the largest k below it (needed only when fewer than k are
%% above the floor).
keep(P, N, A = #acc{floor = F, hi_thr = T}) when N >= F, N > T ->
    {Set, Size, Thr} = bounded_add({N, P}, A#acc.hi, A#acc.hi_n, A#acc.max_series),
    A#acc{hi = Set, hi_n = Size, hi_thr = Thr};
keep(P, N, A = #acc{floor = F, lo_thr = T}) when N < F, N > T ->
    {Set, Size, Thr} = bounded_add({N, P}, A#acc.lo, A#acc.lo_n, A#acc.k),
    A#acc{lo = Set, lo_n = Size, lo_thr = Thr};
keep(_P, _N, A) ->
    A.

%% Adds to a set capped at Cap, evicting the smallest; the threshold is the
%% smallest kept length once full (0 while there is room).
bounded_add(_Item, Set, Size, Cap) when Cap =< 0 ->
    {Set, Size, infinity_threshold()};
bounded_add(Item, Set, Size, Cap) when Size < Cap ->
    Set1 = gb_sets:add(Item, Set),
    {Set1, Size + 1, threshold(Set1, Size + 1, Cap)};
bounded_add(Item, Set, Size, Cap) ->
    {_, Set1} = gb_sets:take_smallest(gb_sets:add(Item, Set)),
    {Set1, Size, threshold(Set1, Size, Cap)}.

threshold(Set, Cap, Cap) -> element(1, gb_sets:smallest(Set));
threshold(_Set, _Size, _Cap) -> 0.

%% Larger than any queue length: nothing gets in.
infinity_threshold() -> 1 bsl 62.

%% The series to show, largest first: everything at or above the floor (up
%% to max_series), topped up to k with the largest below it.
kept(#acc{hi = Hi, hi_n = HiN, lo = Lo, k = K}) ->
    High = lists:reverse(gb_sets:to_list(Hi)),
    case HiN >= K of
        true -> High;
        false -> High ++ lists:sublist(lists:reverse(gb_sets:to_list(Lo)), K - HiN)
    end.

%% Dead processes (gone since the fold) are dropped.
describe_all(Kept) ->
    [{N, P, Info} || {N, P} <- Kept, (Info = describe(P)) =/= undefined].

describe(P) ->
    case erlang:process_info(P, [registered_name, initial_call, current_function]) of
        [{registered_name, Name}, {initial_call, Ic}, {current_function, Cf}] ->
            {name(Name), mfa(initial_call(P, Ic)), mfa(Cf)};
        undefined ->
            undefined
    end.

name([]) -> <<>>;
name(Name) when is_atom(Name) -> atom_to_binary(Name, utf8).

%% What proc_lib:translate_initial_call/1 gives, without copying the whole
%% process dictionary where the VM allows reading one key (OTP 26+).
initial_call(P, {proc_lib, init_p, 5} = Ic) ->
    case dictionary_initial_call(P) of
        {M, F, A} when is_atom(M), is_atom(F), is_integer(A) -> {M, F, A};
        _ -> Ic
    end;
initial_call(_P, Ic) ->
    Ic.

dictionary_initial_call(P) ->
    try erlang:process_info(P, {dictionary, '$initial_call'}) of
        {{dictionary, '$initial_call'}, Value} -> Value;
        _ -> undefined
    catch
        error:badarg ->
            case erlang:process_info(P, dictionary) of
                {dictionary, Dict} -> proplists:get_value('$initial_call', Dict);
                undefined -> undefined
            end
    end.

mfa({M, F, A}) when is_atom(M), is_atom(F), is_integer(A) ->
    <<(atom_to_binary(M, utf8))/binary, ":", (atom_to_binary(F, utf8))/binary,
      "/", (integer_to_binary(A))/binary>>;
mfa(_) ->
    <<>>.

%%====================================================================
%% Rendering: Prometheus text format 0.0.4
%%====================================================================

render(#{zeros := Zeros, acc := A, kept := Kept}, Util, DurationS) ->
    [family(<<"erlang_process_message_queue_len">>,
            <<"Message queue length of the processes with the longest queues "
              "(top K, plus all at or above the floor, bounded).">>,
            [sample(<<"erlang_process_message_queue_len">>,
                    [{<<"pid">>, list_to_binary(pid_to_list(P))}, {<<"name">>, Name},
                     {<<"initial_call">>, Ic}, {<<"current_function">>, Cf}], N)
             || {N, P, {Name, Ic, Cf}} <- Kept]),
     gauge(<<"erlang_vm_message_queue_len_sum">>,
           <<"Sum of the message queue lengths of all processes.">>, A#acc.sum),
     gauge(<<"erlang_vm_message_queue_len_max">>,
           <<"Longest message queue of any process.">>, A#acc.max),
     family(<<"erlang_vm_message_queue_len_bucket">>,
            <<"Number of processes whose message queue length is at most le.">>,
            buckets(Zeros, A)),
     vm_gauges(),
     family(<<"erlang_vm_scheduler_utilization">>,
            <<"Busy fraction (0..1) of the normal schedulers over the last scan interval.">>,
            [sample(<<"erlang_vm_scheduler_utilization">>, [], Util) || Util =/= undefined]),
     family(<<"erlang_node_info">>, <<"Node name and OTP release; always 1.">>,
            [sample(<<"erlang_node_info">>,
                    [{<<"node">>, atom_to_binary(node(), utf8)},
                     {<<"otp_release">>, list_to_binary(erlang:system_info(otp_release))}],
                    1)]),
     gauge(<<"backlog_exporter_scan_duration_seconds">>,
           <<"Wall time the last scan took.">>, DurationS),
     gauge(<<"backlog_exporter_scan_timestamp_seconds">>,
           <<"Unix time when the last scan finished.">>,
           erlang:system_time(millisecond) / 1000)].

buckets(Zeros, #acc{b10 = B10, b100 = B100, b1k = B1k, b10k = B10k, b100k = B100k, binf = BInf}) ->
    Bins = [Zeros, B10, B100, B1k, B10k, B100k],
    {Cumulative, _} = lists:mapfoldl(fun(C, Sum) -> {Sum + C, Sum + C} end, 0, Bins),
    Name = <<"erlang_vm_message_queue_len_bucket">>,
    [sample(Name, [{<<"le">>, integer_to_binary(Le)}], Count)
     || {Le, Count} <- lists:zip(?BUCKETS, Cumulative)]
    ++ [sample(Name, [{<<"le">>, <<"+Inf">>}], lists:last(Cumulative) + BInf)].

vm_gauges() ->
    Info = [{<<"erlang_vm_process_count">>, <<"Number of processes.">>, process_count},
            {<<"erlang_vm_process_limit">>, <<"Maximum number of processes.">>, process_limit},
            {<<"erlang_vm_port_count">>, <<"Number of ports.">>, port_count},
            {<<"erlang_vm_port_limit">>, <<"Maximum number of ports.">>, port_limit},
            {<<"erlang_vm_atom_count">>, <<"Number of atoms.">>, atom_count},
            {<<"erlang_vm_atom_limit">>, <<"Maximum number of atoms.">>, atom_limit}],
    [[gauge(Name, Help, erlang:system_info(Item)) || {Name, Help, Item} <- Info],
     gauge(<<"erlang_vm_statistics_run_queues_length">>,
           <<"Processes and ports ready to run, over all normal and dirty CPU run queues.">>,
           erlang:statistics(total_run_queue_lengths)),
     family(<<"erlang_vm_memory_bytes_total">>,
            <<"Memory allocated by the VM, by kind.">>,
            [sample(<<"erlang_vm_memory_bytes_total">>, [{<<"kind">>, atom_to_binary(Kind, utf8)}], Bytes)
             || {Kind, Bytes} <- memory()])].

memory() ->
    try
        erlang:memory([processes, system, binary, ets, atom, code])
    catch
        %% notsup when an allocator is disabled: the family is left empty.
        error:notsup -> []
    end.

gauge(Name, Help, Value) ->
    family(Name, Help, [sample(Name, [], Value)]).

family(Name, Help, Samples) ->
    [<<"# HELP ">>, Name, $\s, Help, $\n, <<"# TYPE ">>, Name, <<" gauge\n">>, Samples].

sample(Name, [], Value) ->
    [Name, $\s, number(Value), $\n];
sample(Name, Labels, Value) ->
    [Name, ${, labels(Labels), <<"} ">>, number(Value), $\n].

labels([{K, V}]) -> [K, <<"=\"">>, escape(V), $"];
labels([{K, V} | Rest]) -> [K, <<"=\"">>, escape(V), <<"\",">> | labels(Rest)].

number(I) when is_integer(I) -> integer_to_binary(I);
number(F) when is_float(F) -> float_to_binary(F, [short]).

%% Label value escaping of the text format: backslash, double quote, newline.
escape(V) ->
    case binary:match(V, [<<"\\">>, <<"\"">>, <<"\n">>]) of
        nomatch -> V;
        _ -> << <<(escape_char(C))/binary>> || <<C>> <= V >>
    end.

escape_char($\\) -> <<"\\\\">>;
escape_char($") -> <<"\\\"">>;
escape_char($\n) -> <<"\\n">>;
escape_char(C) -> <<C>>.

%%====================================================================
%% Acceptor
%%====================================================================

%% @private
-spec acceptor_init(gen_tcp:socket(), counters:counters_ref(), map()) -> no_return().
acceptor_init(LSock, Conns, Cfg) ->
    accept_loop(LSock, Conns, Cfg, whereis(?MODULE)).

accept_loop(LSock, Conns, Cfg = #{max_connections := Max}, Sup) ->
    case gen_tcp:accept(LSock) of
        {ok, Sock} ->
            case counters:get(Conns, 1) >= Max of
                true -> refuse(Sock);
                false -> hand_off(Sock, Cfg, Sup)
            end,
            %% Fully qualified: after a code load the loop continues in the new version.
            ?MODULE:acceptor_init(LSock, Conns, Cfg);
        {error, closed} ->
            exit(normal);
        {error, _} ->
            %% emfile and friends: back off briefly instead of spinning.
            timer:sleep(100),
            ?MODULE:acceptor_init(LSock, Conns, Cfg)
    end.

hand_off(Sock, Cfg, Sup) ->
    Pid = spawn(?MODULE, handler_init, [Sup, Cfg]),
    case gen_tcp:controlling_process(Sock, Pid) of
        ok ->
            Sup ! {conn, Pid},
            Pid ! {go, Sock};
        {error, _} ->
            exit(Pid, kill),
            gen_tcp:close(Sock)
    end.

refuse(Sock) ->
    _ = gen_tcp:send(Sock, response(503, <<"too many connections\n">>, close, true)),
    gen_tcp:close(Sock).

%%====================================================================
%% Connection handler: HTTP/1.1 with keep-alive, one request at a time
%%====================================================================

%% @private
-spec handler_init(pid(), map()) -> no_return().
handler_init(Sup, Cfg) ->
    receive
        {go, Sock} ->
            erlang:monitor(process, Sup),
            St = #{sock => Sock, cfg => Cfg, sup => Sup, timer => undefined},
            handler_wait(idle(St))
    after 5000 ->
        exit(normal)
    end.

%% Between two requests: the idle timeout applies.
idle(St = #{cfg := #{idle_timeout_ms := T}}) ->
    rearm(T, St#{req => undefined}).

rearm(Ms, St = #{timer := Old}) ->
    cancel(Old),
    St#{timer := erlang:start_timer(Ms, self(), conn_timeout)}.

cancel(undefined) -> ok;
cancel(Ref) -> erlang:cancel_timer(Ref, [{async, true}, {info, false}]).

handler_wait(St = #{sock := Sock}) ->
    case inet:setopts(Sock, [{active, once}]) of
        ok -> erlang:hibernate(?MODULE, handler_wake, [St]);
        {error, _} -> close(St)
    end.

%% @private
-spec handler_wake(map()) -> no_return().
handler_wake(St = #{sock := Sock, timer := TRef}) ->
    receive
        {http, Sock, Packet} ->
            try on_packet(Packet, St) of
                {continue, St1} -> handler_wait(St1);
                stop -> close(St)
            catch
                _:_ -> close(St)
            end;
        {tcp_error, Sock, emsgsize} ->
            %% A line longer than ?MAX_LINE; the driver drops the socket.
            stop = reply_error(431, <<"request header too large\n">>, St),
            close(St);
        {tcp_closed, Sock} -> close(St);
        {tcp_error, Sock, _} -> close(St);
        {timeout, TRef, conn_timeout} -> close(St);
        {'DOWN', _, process, _, _} -> close(St);
        _Other -> erlang:hibernate(?MODULE, handler_wake, [St])
    end.

on_packet({http_request, Method, Uri, Version}, St = #{req := undefined}) ->
    Req = #{method => Method, path => path(Uri), version => Version,
            headers => 0, connection => undefined, body => false},
    {continue, rearm(?HEAD_TIMEOUT_MS, St#{req := Req})};
on_packet({http_header, _, Field, _, Value}, St = #{req := Req = #{headers := H}})
  when is_map(Req), H < ?MAX_HEADERS ->
    {continue, St#{req := header(Field, Value, Req#{headers := H + 1})}};
on_packet({http_header, _, _, _, _}, St = #{req := Req}) when is_map(Req) ->
    reply_error(431, <<"too many header fields\n">>, St);
on_packet(http_eoh, St = #{req := Req}) when is_map(Req) ->
    respond(Req, St);
on_packet(_, St) ->
    %% http_error, or a header before any request line.
    reply_error(400, <<"bad request\n">>, St).

header('Connection', Value, Req) ->
    %% A list of tokens, e.g. "keep-alive, Upgrade".
    Tokens = [string:trim(T) || T <- binary:split(string:lowercase(Value), <<",">>, [global])],
    Req#{connection := case lists:member(<<"close">>, Tokens) of
                           true -> <<"close">>;
                           false -> case lists:member(<<"keep-alive">>, Tokens) of
                                        true -> <<"keep-alive">>;
                                        false -> undefined
                                    end
                       end};
header('Content-Length', Value, Req) ->
    Req#{body := Value =/= <<"0">>};
header('Transfer-Encoding', _, Req) ->
    Req#{body := true};
header(_, _, Req) ->
    Req.

path({abs_path, Path}) ->
    hd(binary:split(Path, <<"?">>));
path({absoluteURI, _Scheme, _Host, _Port, Path}) ->
    path({abs_path, Path});
path(_) ->
    undefined.

respond(#{method := Method, path := Path} = Req, St) ->
    KeepAlive = keep_alive(Req),
    Head = Method =:= 'HEAD',
    {Status, Body, Type} =
        case {Method, Path} of
            {M, <<"/metrics">>} when M =:= 'GET'; M =:= 'HEAD' -> cached_metrics();
            {M, _} when M =:= 'GET'; M =:= 'HEAD' -> {404, <<"not found; try /metrics\n">>, text};
            _ -> {405, <<"method not allowed\n">>, text}
        end,
    Conn = case KeepAlive andalso Status =/= 405 of true -> keep_alive; false -> close end,
    case gen_tcp:send(maps:get(sock, St), response(Status, Body, Conn, not Head, Type)) of
        ok when Conn =:= keep_alive -> {continue, idle(St)};
        _ -> stop
    end.

cached_metrics() ->
    case metrics() of
        {ok, Body} -> {200, Body, exposition};
        {error, _} -> {503, <<"no scan yet\n">>, text}
    end.

%% HTTP/1.1 keeps the connection unless told otherwise, HTTP/1.0 only when
%% asked; a request body we do not read would corrupt the next request.
keep_alive(#{body := true}) -> false;
keep_alive(#{version := {1, 1}, connection := C}) -> C =/= <<"close">>;
keep_alive(#{version := {1, 0}, connection := C}) -> C =:= <<"keep-alive">>;
keep_alive(_) -> false.

reply_error(Status, Body, #{sock := Sock}) ->
    _ = gen_tcp:send(Sock, response(Status, Body, close, true)),
    stop.

close(#{sock := Sock, timer := TRef}) ->
    cancel(TRef),
    gen_tcp:close(Sock),
    exit(normal).

response(Status, Body, Conn, WithBody) ->
    response(Status, Body, Conn, WithBody, text).

response(Status, Body, Conn, WithBody, Type) ->
    ContentType = case Type of
                      exposition -> ?CONTENT_TYPE;
                      text -> <<"text/plain; charset=utf-8">>
                  end,
    [<<"HTTP/1.1 ">>, integer_to_binary(Status), $\s, reason(Status),
     <<"\r\nContent-Type: ">>, ContentType,
     <<"\r\nContent-Length: ">>, integer_to_binary(byte_size(Body)),
     <<"\r\nConnection: ">>, connection(Conn), <<"\r\n\r\n">>,
     case WithBody of true -> Body; false -> <<>> end].

connection(keep_alive) -> <<"keep-alive">>;
connection(close) -> <<"close">>.

reason(200) -> <<"OK">>;
reason(400) -> <<"Bad Request">>;
reason(404) -> <<"Not Found">>;
reason(405) -> <<"Method Not Allowed">>;
reason(431) -> <<"Request Header Fields Too Large">>;
reason(503) -> <<"Service Unavailable">>.
