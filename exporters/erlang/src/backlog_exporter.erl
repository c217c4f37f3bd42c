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
%%% histogram bins, the per-type aggregates and two bounded top sets inline,
%%% in a short-lived worker whose heap is sized so that it never
%%% garbage-collects. Descriptive items (registered name, initial call,
%%% current function, status, reductions) are read only for the processes it
%%% keeps; the volatile ones (current function, status) go on their own
%%% `erlang_process_info' series, off the queue series.
%%% Only processes with a non-empty queue are candidates for per-process
%%% series.
%%%
%%% `GET /process?pid=...|name=...' answers JSON evidence for one process
%%% (stack, status, reductions rate, heap, ancestors), never message contents
%%% and never the rest of the process dictionary; stacks are sensitive, so it
%%% is served beyond loopback only with `process_endpoint => true'.
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
-export([scan/1, scan/2, scan_heap_words/1, evidence/2]).

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
%% And per non-empty queue (as the previous scan counted them): the
%% accumulator rebuilt, the process's type looked up and counted, plus slack.
-define(SCAN_WORDS_PER_QUEUE, 32).
%% The scan yields after this many processes, so a normal-priority process
%% (a scrape) on the same scheduler waits at most ~100 us, not a whole slice.
-define(YIELD_EVERY, 256).
%% A scan reads at most this many process dictionaries to find the real
%% initial call of proc_lib processes with a non-empty queue (on OTP 25 the
%% read copies the dictionary, ~1.5 us for a gen_server's); what it learns
%% is kept per pid for the next scans, at most ?TYPE_CACHE_MAX pids; the
%% pids of processes that exited are dropped every ?TYPE_CACHE_PRUNE_MS (long
%% before the VM could reuse one), or sooner when the cache is full.
-define(DICTIONARY_READS_PER_SCAN, 5000).
-define(TYPE_CACHE_MAX, 100000).
-define(TYPE_CACHE_PRUNE_MS, 10000).
-define(PROC_LIB_INIT, {proc_lib, init_p, 5}).
%% Frames of current_stacktrace /process shows at most (the VM keeps at most
%% its backtrace_depth, 8 unless changed).
-define(MAX_FRAMES, 16).
%% /process measures the reductions rate over this window when the last
%% scan did not see the process.
-define(RATE_SAMPLE_MS, 10).

-type option() :: {port, inet:port_number()}
                | {bind, inet:ip_address() | string()}
                | {top_k, non_neg_integer()}
                | {floor, pos_integer()}
                | {max_series, non_neg_integer()}
                | {scan_interval_ms, pos_integer()}
                | {idle_timeout_ms, pos_integer()}
                | {max_connections, pos_integer()}
                | {top_types, non_neg_integer()}
                | {process_endpoint, auto | boolean()}
                | {memory_max_queue, non_neg_integer()}.
-type options() :: #{atom() => term()} | [option()].
-export_type([options/0]).

-define(DEFAULTS, #{port => 9199,
                    bind => {127, 0, 0, 1},
                    top_k => 20,
                    floor => 1000,
                    max_series => 500,
                    scan_interval_ms => 1000,
                    idle_timeout_ms => 60000,
                    max_connections => 64,
                    top_types => 20,
                    process_endpoint => auto,
                    memory_max_queue => 10000}).

%% Accumulator for processes with a non-empty queue. Queues of length 0 are
%% only counted (the hot path), so this record is rebuilt only for the others.
-record(acc, {sum = 0, max = 0,
              %% histogram bins (non-cumulative): 1..10, ..100, ..1k, ..10k, ..100k, more
              b10 = 0, b100 = 0, b1k = 0, b10k = 0, b100k = 0, binf = 0,
              floor, k, max_series,
              %% processes at or above the floor, the largest max_series of them
              hi = gb_sets:empty(), hi_n = 0, hi_thr = 0,
              %% the largest k processes below the floor
              lo = gb_sets:empty(), lo_n = 0, lo_thr = 0,
              %% pid => real initial call of proc_lib processes, as the
              %% previous scans found it (read only)
              type_cache = #{},
              dictionary_key = false,
              %% false when top_types is 0: no type is exported, so none is counted
              types = true}).

%% The per-type aggregates, this scan's type cache and its dictionary-read
%% budget live in the scanning process's dictionary while it scans, under
%% these keys: updating them there leaves almost no garbage, so the scan
%% does not garbage-collect its million-element process list. A type's key
%% is its initial call itself, {M, F, A} with an integer arity, which no
%% other key has the shape of (the cache's has a pid in third place); the
%% run of one type being counted has a key of its own.
-define(CACHE_KEY(Pid), {?MODULE, cache, Pid}).
-define(READS_KEY, {?MODULE, dictionary_reads}).
-define(RUN_KEY, {?MODULE, type_run}).

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
%% (60000), `max_connections' (64), `top_types' (20; 0 turns process types
%% off, and with them their cost in the scan), `process_endpoint'
%% (auto: /process is served when bound to loopback; true; false),
%% `memory_max_queue' (10000: /process skips `memory' above this queue
%% length). Errors: `{error, {port_in_use, Port}}', `{error, {already_started,
%% Pid}}', `{error, {bad_option, Option}}', `{error, {listen_failed, Reason}}'.
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
check(top_types, T) when is_integer(T), T >= 0 -> {ok, T};
check(process_endpoint, E) when E =:= auto; is_boolean(E) -> {ok, E};
check(memory_max_queue, Q) when is_integer(Q), Q >= 0 -> {ok, Q};
check(_, _) -> error.

%% An option added after the first release: a configuration started by an
%% older version (and kept across a hot code load) does not have it.
option(Key, Cfg) ->
    maps:get(Key, Cfg, maps:get(Key, ?DEFAULTS)).

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
    NonEmpty = case lookup(non_empty) of
                   {ok, N} -> N;
                   {error, _} -> 0
               end,
    {_, MRef} = spawn_opt(?MODULE, scan_worker, [Cfg, Util],
                          [link, monitor, {priority, low}, {min_heap_size, scan_heap_words(NonEmpty)}]),
    Started = erlang:monotonic_time(millisecond),
    erlang:hibernate(?MODULE, scanner_wake, [State#{wall := Wall, worker := {MRef, Started}}]).

%% @doc The heap a scan worker starts with, in words, when the previous scan
%% found NonEmpty non-empty queues: what a scan timed as the exporter runs it
%% must be given too.
-spec scan_heap_words(non_neg_integer()) -> pos_integer().
scan_heap_words(NonEmpty) ->
    erlang:system_info(process_count) * ?SCAN_WORDS_PER_PROCESS + NonEmpty * ?SCAN_WORDS_PER_QUEUE + 65536.

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
    Previous = #{reductions => cached(reductions), type_cache => cached_type_cache()},
    {Result, Next} = scan(Cfg, Previous),
    Micros = erlang:convert_time_unit(erlang:monotonic_time() - Start, native, microsecond),
    %% What the next scan and /process compare against.
    ets:insert(?TABLE, [{reductions, maps:get(reductions, Next)},
                        {type_cache, maps:get(type_cache, Next)},
                        {non_empty, maps:get(non_empty, Result)}]),
    ets:insert(?TABLE, {metrics, iolist_to_binary(render(Result, Util, Micros / 1.0e6))}).

cached(Key) ->
    case lookup(Key) of
        {ok, Map} -> Map;
        {error, _} -> #{}
    end.

%% {When it was last pruned, pid => initial call}.
cached_type_cache() ->
    case lookup(type_cache) of
        {ok, {PrunedAt, Map}} -> {PrunedAt, Map};
        _ -> empty_type_cache()
    end.

empty_type_cache() ->
    {erlang:monotonic_time(millisecond), #{}}.

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
scan(Cfg) ->
    {Result, _Next} = scan(Cfg, #{}),
    Result.

%% @doc One scan after another: the state the previous scan left (`#{}' for
%% none) goes in, the result and the state for the next scan come out. The
%% state holds the reductions of the processes that scan kept (for rates) and
%% its pid => initial call cache; a scan in steady state is timed with it.
-spec scan(map(), map()) -> {map(), map()}.
scan(Cfg, Previous) when not is_map_key(reductions, Previous);
                         not is_map_key(type_cache, Previous) ->
    scan(Cfg, maps:merge(#{reductions => #{}, type_cache => empty_type_cache()}, Previous));
scan(Cfg = #{top_k := K, floor := Floor, max_series := MaxSeries},
     #{reductions := Reductions0, type_cache := {_, TypeCache} = TypeCache0}) ->
    TopTypes = option(top_types, Cfg),
    Acc0 = #acc{floor = Floor, k = K, max_series = MaxSeries, type_cache = TypeCache,
                dictionary_key = dictionary_key_supported(), types = TopTypes > 0},
    put(?READS_KEY, ?DICTIONARY_READS_PER_SCAN),
    {Zeros, Acc} = fold(erlang:processes(), 0, Acc0, ?YIELD_EVERY),
    {Types, Learned} = take_types(),
    Kept = describe_all(kept(Acc)),
    Reductions = maps:from_list([{P, {R, T}} || {_N, P, _Labels, R, T} <- Kept]),
    Result = #{zeros => Zeros, acc => Acc, kept => Kept, non_empty => non_empty(Acc),
               rates => rates(Kept, Reductions0),
               types => top_types(Types, TopTypes),
               dist => dist_links()},
    {Result, #{reductions => Reductions, type_cache => next_type_cache(TypeCache0, Learned)}}.

non_empty(#acc{b10 = A, b100 = B, b1k = C, b10k = D, b100k = E, binf = F}) ->
    A + B + C + D + E + F.

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
    typed(P, N, A),
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b10 = A#acc.b10 + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) when N =< 100 ->
    typed(P, N, A),
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b100 = A#acc.b100 + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) when N =< 1000 ->
    typed(P, N, A),
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b1k = A#acc.b1k + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) when N =< 10000 ->
    typed(P, N, A),
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b10k = A#acc.b10k + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) when N =< 100000 ->
    typed(P, N, A),
    keep(P, N, A#acc{sum = S + N, max = max(M, N), b100k = A#acc.b100k + 1});
nonzero(P, N, A = #acc{sum = S, max = M}) ->
    typed(P, N, A),
    keep(P, N, A#acc{sum = S + N, max = max(M, N), binf = A#acc.binf + 1}).

%% Process types: the non-empty queue counted under its process's initial
%% call. A proc_lib process an earlier scan resolved is found in the cache
%% without asking the VM again (most non-empty queues of a busy node are
%% gen_servers and friends, so this saves a process_info for most of them);
%% any other costs one more process_info, for non-empty queues only. The
%% real initial call of a proc_lib process not cached yet comes from a
%% bounded number of dictionary reads per scan (beyond that, this scan counts
%% it as proc_lib:init_p/5 and a later scan resolves it).
typed(_P, _N, #acc{types = false}) ->
    ok;
typed(P, N, #acc{type_cache = Cache} = A) ->
    case Cache of
        #{P := Ic} ->
            count_type(Ic, N);
        _ ->
            case erlang:process_info(P, initial_call) of
                {initial_call, ?PROC_LIB_INIT} -> count_type(proc_lib_type(P, A), N);
                {initial_call, Ic} -> count_type(Ic, N);
                undefined -> ok
            end
    end.

proc_lib_type(P, #acc{dictionary_key = Key}) ->
    case get(?READS_KEY) of
        Reads when Reads > 0 ->
            put(?READS_KEY, Reads - 1),
            remember_type(P, initial_call(P, ?PROC_LIB_INIT, Key));
        _ ->
            ?PROC_LIB_INIT
    end.

remember_type(P, Ic) ->
    put(?CACHE_KEY(P), Ic),
    Ic.

%% Processes of one kind are mostly spawned together, and the process list
%% is in spawn order, so neighbours share their type: a run of one type is
%% counted under one fixed key and added to the type's own (keyed by the
%% initial call itself) when the type changes, which saves hashing the
%% initial call twice per process.
count_type(Ic, N) ->
    case get(?RUN_KEY) of
        {Ic, S, M, C} -> put(?RUN_KEY, {Ic, S + N, max(M, N), C + 1});
        Run -> add_run(Run), put(?RUN_KEY, {Ic, N, N, 1})
    end,
    ok.

add_run(undefined) ->
    ok;
add_run({Ic, S, M, C}) ->
    case get(Ic) of
        undefined -> put(Ic, {S, M, C});
        {S0, M0, C0} -> put(Ic, {S0 + S, max(M0, M), C0 + C})
    end.

%% Takes the aggregates and the initial calls this scan read out of the
%% dictionary, leaving it as it was.
take_types() ->
    add_run(erase(?RUN_KEY)),
    lists:foldl(
        fun({?CACHE_KEY(P) = K, Ic}, {Ts, L}) when is_pid(P) -> erase(K), {Ts, [{P, Ic} | L]};
           ({{M, F, A} = Ic, V}, {Ts, L}) when is_atom(M), is_atom(F), is_integer(A) ->
               erase(Ic), {[{Ic, V} | Ts], L};
           ({?READS_KEY = K, _}, Acc) -> erase(K), Acc;
           (_, Acc) -> Acc
        end, {[], []}, get()).

%% What earlier scans learned plus what this one read; pids of exited
%% processes go when it is time to prune or the cache is full.
next_type_cache({PrunedAt, Cache}, Learned) ->
    Now = erlang:monotonic_time(millisecond),
    Merged = maps:merge(Cache, maps:from_list(Learned)),
    case Now - PrunedAt >= ?TYPE_CACHE_PRUNE_MS orelse map_size(Merged) > ?TYPE_CACHE_MAX of
        true ->
            Alive = maps:filter(fun(P, _) -> erlang:is_process_alive(P) end, Merged),
            {Now, case map_size(Alive) > ?TYPE_CACHE_MAX of
                      true -> maps:from_list(lists:sublist(maps:to_list(Alive), ?TYPE_CACHE_MAX));
                      false -> Alive
                  end};
        false ->
            {PrunedAt, Merged}
    end.

%% The T types with the largest summed queues, largest first.
top_types(Types, T) ->
    Sorted = lists:reverse(lists:keysort(2, [{Ic, S, M, C} || {Ic, {S, M, C}} <- Types])),
    [{mfa(Ic), S, M, C} || {Ic, S, M, C} <- lists:sublist(Sorted, T)].

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
    Key = dictionary_key_supported(),
    [{N, P, Labels, R, T} || {N, P} <- Kept, {Labels, R, T} <- describe(P, Key)].

describe(P, Key) ->
    case erlang:process_info(P, [registered_name, initial_call, current_function, status, reductions]) of
        [{registered_name, Name}, {initial_call, Ic}, {current_function, Cf}, {status, St}, {reductions, R}] ->
            [{{name(Name), mfa(initial_call(P, Ic, Key)), mfa(Cf), atom_to_binary(St, utf8)}, R,
              erlang:monotonic_time()}];
        undefined ->
            []
    end.

%% Reductions per second since the previous scan, for the kept processes
%% that scan kept too (a process's first scan in the top has no rate yet).
rates(Kept, Previous) ->
    [{P, Labels, (R - R0) / seconds(T - T0)}
     || {_N, P, Labels, R, T} <- Kept, {R0, T0} <- [maps:get(P, Previous, none)], T > T0].

seconds(Native) ->
    erlang:convert_time_unit(Native, native, microsecond) / 1.0e6.

name([]) -> <<>>;
name(Name) when is_atom(Name) -> atom_to_binary(Name, utf8).

%% What proc_lib:translate_initial_call/1 gives, without copying the whole
%% process dictionary where the VM allows reading one key (OTP 26+).
initial_call(P, ?PROC_LIB_INIT = Ic, Key) ->
    case dictionary_values(P, ['$initial_call'], Key) of
        [{M, F, A}] when is_atom(M), is_atom(F), is_integer(A) -> {M, F, A};
        _ -> Ic
    end;
initial_call(_P, Ic, _Key) ->
    Ic.

%% The values of some keys of a process's dictionary (undefined when absent),
%% or [] when the process is gone. Only these keys leave this function.
dictionary_values(P, Keys, true) ->
    Values = [case erlang:process_info(P, {dictionary, K}) of
                  {{dictionary, K}, V} -> V;
                  undefined -> gone
              end || K <- Keys],
    case lists:member(gone, Values) of
        true -> [];
        false -> Values
    end;
dictionary_values(P, Keys, false) ->
    case erlang:process_info(P, dictionary) of
        {dictionary, Dict} -> [proplists:get_value(K, Dict) || K <- Keys];
        undefined -> []
    end.

%% process_info(P, {dictionary, Key}) reads one key without copying the
%% dictionary (OTP 26+); OTP 25 raises badarg.
dictionary_key_supported() ->
    try erlang:process_info(self(), {dictionary, '$initial_call'}) of
        _ -> true
    catch
        error:badarg -> false
    end.

%%====================================================================
%% Distribution links
%%====================================================================

%% Per connected node: bytes queued for sending and whether sends to it
%% suspend their senders. Port-based links (the default TCP distribution)
%% use only documented calls: the driver queue of the port, and the port's
%% high watermark, at or above which the port is busy. Process-based links
%% (TLS, custom carriers) have no port; for them the VM's own distribution
%% buffer is read through erlang:dist_get_stat/1, which is undocumented and
%% so guarded: a VM where it is missing or answers otherwise gets no series.
dist_links() ->
    Limit = erlang:system_info(dist_buf_busy_limit),
    Ctrls = try erlang:system_info(dist_ctrl) catch error:_ -> [] end,
    {Limit, [Link || {Node, Ctrl} <- Ctrls, Link <- dist_link(Node, Ctrl, Limit)]}.

dist_link(Node, Port, Limit) when is_port(Port) ->
    case erlang:port_info(Port, queue_size) of
        {queue_size, Bytes} ->
            [{Node, Bytes, Bytes >= Limit orelse Bytes >= high_watermark(Port)}];
        undefined ->
            []
    end;
dist_link(Node, Pid, Limit) when is_pid(Pid) ->
    try erlang:dist_get_stat(ets:lookup_element(sys_dist, Node, 3)) of
        {ok, _In, _Out, Bytes} when is_integer(Bytes) -> [{Node, Bytes, Bytes >= Limit}];
        _ -> []
    catch
        _:_ -> []
    end;
dist_link(_Node, _Ctrl, _Limit) ->
    [].

%% inet_drv marks a port busy when its queue passes the high watermark.
high_watermark(Port) ->
    try inet:getopts(Port, [high_watermark]) of
        {ok, [{high_watermark, Bytes}]} -> Bytes;
        _ -> infinity_threshold()
    catch
        _:_ -> infinity_threshold()
    end.

mfa({M, F, A}) when is_atom(M), is_atom(F), is_integer(A) ->
    <<(atom_to_binary(M, utf8))/binary, ":", (atom_to_binary(F, utf8))/binary,
      "/", (integer_to_binary(A))/binary>>;
mfa(_) ->
    <<>>.

%%====================================================================
%% Rendering: Prometheus text format 0.0.4
%%====================================================================

render(#{zeros := Zeros, acc := A, kept := Kept, rates := Rates, types := Types,
         dist := {BusyLimit, Links}}, Util, DurationS) ->
    [family(<<"erlang_process_message_queue_len">>,
            <<"Message queue length of the processes with the longest queues "
              "(top K, plus all at or above the floor, bounded).">>,
            [sample(<<"erlang_process_message_queue_len">>,
                    [{<<"pid">>, list_to_binary(pid_to_list(P))}, {<<"name">>, Name},
                     {<<"initial_call">>, Ic}], N)
             || {N, P, {Name, Ic, _Cf, _St}, _R, _T} <- Kept]),
     %% Where a process is and its status change while it runs: on a series of their own,
     %% so that the queue series keeps one identity for the life of the process.
     family(<<"erlang_process_info">>,
            <<"Where a process exported with its queue length was at scan time, and its "
              "status; always 1.">>,
            [sample(<<"erlang_process_info">>,
                    [{<<"pid">>, list_to_binary(pid_to_list(P))}, {<<"current_function">>, Cf},
                     {<<"status">>, St}], 1)
             || {_N, P, {_Name, _Ic, Cf, St}, _R, _T} <- Kept]),
     family(<<"erlang_process_reductions_per_second">>,
            <<"Reductions per second since the previous scan of the processes exported "
              "with their queue length (slow: high; stuck: near zero).">>,
            [sample(<<"erlang_process_reductions_per_second">>,
                    [{<<"pid">>, list_to_binary(pid_to_list(P))}, {<<"name">>, Name},
                     {<<"initial_call">>, Ic}], Rate)
             || {P, {Name, Ic, _Cf, _St}, Rate} <- Rates]),
     type_family(<<"erlang_process_type_message_queue_len_sum">>,
                 <<"Sum of the non-empty message queues of the processes of one initial call "
                   "(the top types by this sum).">>, 2, Types),
     type_family(<<"erlang_process_type_message_queue_len_max">>,
                 <<"Longest message queue of a process of one initial call.">>, 3, Types),
     type_family(<<"erlang_process_type_processes">>,
                 <<"Processes of one initial call with a non-empty message queue.">>, 4, Types),
     gauge(<<"erlang_vm_message_queue_len_sum">>,
           <<"Sum of the message queue lengths of all processes.">>, A#acc.sum),
     gauge(<<"erlang_vm_message_queue_len_max">>,
           <<"Longest message queue of any process.">>, A#acc.max),
     family(<<"erlang_vm_message_queue_len_bucket">>,
            <<"Number of processes whose message queue length is at most le.">>,
            buckets(Zeros, A)),
     vm_gauges(),
     family(<<"erlang_vm_dist_queue_bytes">>,
            <<"Bytes queued for sending to a connected node.">>,
            [sample(<<"erlang_vm_dist_queue_bytes">>, [{<<"peer">>, atom_to_binary(Peer, utf8)}],
                    Bytes)
             || {Peer, Bytes, _Busy} <- Links]),
     family(<<"erlang_vm_dist_busy">>,
            <<"1 while sending to a connected node suspends the sender (the link is busy).">>,
            [sample(<<"erlang_vm_dist_busy">>, [{<<"peer">>, atom_to_binary(Peer, utf8)}],
                    case Busy of true -> 1; false -> 0 end)
             || {Peer, _Bytes, Busy} <- Links]),
     gauge(<<"erlang_vm_dist_buf_busy_limit_bytes">>,
           <<"Bytes queued to a node at which the link becomes busy (+zdbbl).">>, BusyLimit),
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

type_family(Name, Help, Field, Types) ->
    family(Name, Help, [sample(Name, [{<<"initial_call">>, element(1, T)}], element(Field, T))
                        || T <- Types]).

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
%% /process: evidence for one process, as JSON
%%====================================================================

process_page(Query, Cfg) ->
    case process_access(Cfg) of
        allowed ->
            case find_process(Query) of
                {ok, Pid} ->
                    case evidence(Pid, Cfg) of
                        undefined -> not_alive(Pid);
                        Json -> {200, Json, json}
                    end;
                {error, Status, Message} ->
                    {Status, json_error(Message), json}
            end;
        {forbidden, Message} ->
            {403, json_error(Message), json}
    end.

not_alive(Pid) ->
    {404, json_error([<<"no process ">>, pid_to_list(Pid), <<" on ">>, atom_to_binary(node(), utf8),
                      <<": it has exited, or never existed">>]), json}.

%% Stacks, ancestors and initial calls tell how an application is built:
%% served on loopback, beyond it only when asked for.
process_access(Cfg = #{bind := Bind}) ->
    case option(process_endpoint, Cfg) of
        true -> allowed;
        false -> {forbidden, <<"/process is disabled: the exporter was started with "
                               "process_endpoint => false">>};
        auto -> loopback_access(Bind)
    end.

loopback_access(Bind) ->
    case loopback(Bind) of
        true -> allowed;
        false -> {forbidden, [<<"/process serves stacks, so it is off when the exporter "
                                "listens beyond loopback (bound to ">>, inet:ntoa(Bind),
                              <<"); start it with process_endpoint => true to serve it">>]}
    end.

loopback({127, _, _, _}) -> true;
loopback({0, 0, 0, 0, 0, 0, 0, 1}) -> true;
loopback({0, 0, 0, 0, 0, 16#ffff, A, _}) -> A bsr 8 =:= 127;
loopback(_) -> false.

%% pid=<0.123.0> (also URL-encoded, or without the brackets) or name=Registered.
find_process(Query) ->
    try uri_string:dissect_query(Query) of
        [{<<"pid">>, Pid}] when is_binary(Pid) -> parse_pid(Pid);
        [{<<"name">>, Name}] when is_binary(Name) -> registered(Name);
        _ -> {error, 400, <<"give exactly one of pid=<0.123.0> or name=registered_name">>}
    catch
        _:_ -> {error, 400, <<"malformed query string">>}
    end.

parse_pid(Text) ->
    case re:run(Text, <<"^<?([0-9]{1,10})\\.([0-9]{1,10})\\.([0-9]{1,10})>?$">>,
                [{capture, all_but_first, binary}]) of
        {match, [<<"0">>, Number, Serial]} ->
            try list_to_pid(binary_to_list(<<"<0.", Number/binary, ".", Serial/binary, ">">>)) of
                Pid -> {ok, Pid}
            catch
                error:badarg ->
                    {error, 404, [<<"no process ">>, Text, <<" on ">>, atom_to_binary(node(), utf8),
                                  <<": no pid of this VM has these numbers">>]}
            end;
        {match, _} ->
            {error, 404, [<<"pid ">>, Text, <<" is not a process of this node (">>,
                          atom_to_binary(node(), utf8), <<"); ask the exporter of its node">>]};
        nomatch ->
            {error, 400, [<<"malformed pid ">>, Text, <<": expected <0.N.M>, e.g. <0.123.0>">>]}
    end.

registered(Name) ->
    %% Only existing atoms: a request must not grow the atom table.
    try binary_to_existing_atom(Name, utf8) of
        Atom ->
            case whereis(Atom) of
                Pid when is_pid(Pid) -> {ok, Pid};
                _ -> no_such_name(Name)
            end
    catch
        error:badarg -> no_such_name(Name)
    end.

no_such_name(Name) ->
    {error, 404, [<<"no process registered as ">>, Name, <<" on ">>, atom_to_binary(node(), utf8)]}.

%% @doc Evidence for one process as a JSON binary, or undefined when it is not
%% alive. Never reads message contents; of the dictionary only the proc_lib
%% keys '$initial_call' and '$ancestors' (and the label on OTP 27+). Items
%% that walk the message queue (total_heap_size, memory) are skipped above
%% memory_max_queue messages.
-spec evidence(pid(), map()) -> binary() | undefined.
evidence(Pid, Cfg) ->
    Items = [registered_name, status, message_queue_len, reductions, current_function,
             initial_call, current_stacktrace, links, monitors, trap_exit, priority,
             message_queue_data, heap_size, stack_size],
    case erlang:process_info(Pid, Items) of
        undefined -> undefined;
        Info -> evidence_json(Pid, maps:from_list(Info), erlang:monotonic_time(), Cfg)
    end.

evidence_json(Pid, Info = #{message_queue_len := Queue, reductions := Reds}, Now, Cfg) ->
    Key = dictionary_key_supported(),
    {InitialCall, Ancestors} =
        case dictionary_values(Pid, ['$initial_call', '$ancestors'], Key) of
            [Ic, Anc] -> {proc_lib_initial_call(maps:get(initial_call, Info), Ic), Anc};
            [] -> {maps:get(initial_call, Info), undefined}
        end,
    MemoryMaxQueue = option(memory_max_queue, Cfg),
    Sizes = case Queue =< MemoryMaxQueue of
                true -> [{K, V} || {K, V} <- queue_walking_sizes(Pid)];
                false -> [{omitted, [<<"total_heap_size">>, <<"memory">>]},
                          {omitted_because, iolist_to_binary(
                                              [<<"message queue longer than memory_max_queue (">>,
                                               integer_to_binary(MemoryMaxQueue),
                                               <<"): reading them walks the queue">>])}]
            end,
    {Rate, Basis} = reductions_rate(Pid, Reds, Now),
    Fields =
        [{pid, list_to_binary(pid_to_list(Pid))},
         {node, atom_to_binary(node(), utf8)},
         {registered_name, case maps:get(registered_name, Info) of
                               [] -> null;
                               Name -> atom_to_binary(Name, utf8)
                           end},
         {status, atom_to_binary(maps:get(status, Info), utf8)},
         {message_queue_len, Queue},
         {reductions, Reds},
         {reductions_per_second, Rate},
         {reductions_per_second_over, Basis},
         {current_function, mfa_or_null(maps:get(current_function, Info))},
         {initial_call, mfa_or_null(InitialCall)},
         {ancestors, ancestors(Ancestors)}]
        ++ label(Pid)
        ++ [{current_stacktrace, [frame(F) || F <- lists:sublist(maps:get(current_stacktrace, Info),
                                                                ?MAX_FRAMES)]},
            {links, length(maps:get(links, Info))},
            {monitors, length(maps:get(monitors, Info))},
            {trap_exit, maps:get(trap_exit, Info)},
            {priority, atom_to_binary(maps:get(priority, Info), utf8)},
            {message_queue_data, atom_to_binary(maps:get(message_queue_data, Info), utf8)},
            {heap_size, maps:get(heap_size, Info)},
            {stack_size, maps:get(stack_size, Info)}]
        ++ Sizes,
    iolist_to_binary([json({Fields}), $\n]).

queue_walking_sizes(Pid) ->
    case erlang:process_info(Pid, [total_heap_size, memory]) of
        undefined -> [];
        Sizes -> Sizes
    end.

proc_lib_initial_call(?PROC_LIB_INIT = Ic, Value) ->
    case Value of
        {M, F, A} when is_atom(M), is_atom(F), is_integer(A) -> {M, F, A};
        _ -> Ic
    end;
proc_lib_initial_call(Ic, _Value) ->
    Ic.

%% Since the last scan when it exported this process; otherwise measured
%% now over a short window.
reductions_rate(Pid, Reds, Now) ->
    case maps:get(Pid, cached(reductions), none) of
        {R0, T0} when Now > T0, Reds >= R0 ->
            {(Reds - R0) / seconds(Now - T0), <<"last_scan">>};
        _ ->
            receive after ?RATE_SAMPLE_MS -> ok end,
            case erlang:process_info(Pid, reductions) of
                {reductions, R1} ->
                    {(R1 - Reds) / seconds(erlang:monotonic_time() - Now),
                     iolist_to_binary([integer_to_binary(?RATE_SAMPLE_MS), <<"ms">>])};
                undefined ->
                    {null, null}
            end
    end.

ancestors(Ancestors) when is_list(Ancestors) ->
    [case A of
         _ when is_atom(A) -> atom_to_binary(A, utf8);
         _ when is_pid(A) -> list_to_binary(pid_to_list(A));
         _ -> iolist_to_binary(io_lib:format("~0tP", [A, 8]))
     end || A <- Ancestors];
ancestors(_) ->
    [].

%% OTP 27+ processes may carry a label (proc_lib:set_label/1).
label(Pid) ->
    case erlang:function_exported(proc_lib, get_label, 1) of
        true ->
            try proc_lib:get_label(Pid) of
                undefined -> [{label, null}];
                Label -> [{label, unicode:characters_to_binary(io_lib:format("~0tP", [Label, 16]))}]
            catch
                _:_ -> [{label, null}]
            end;
        false ->
            []
    end.

frame({M, F, Arity, Location}) ->
    {[{module, atom_to_binary(M, utf8)},
      {function, atom_to_binary(F, utf8)},
      {arity, case Arity of
                  A when is_integer(A) -> A;
                  Args when is_list(Args) -> length(Args)
              end},
      {file, case proplists:get_value(file, Location) of
                 undefined -> null;
                 File -> unicode:characters_to_binary(File)
             end},
      {line, case proplists:get_value(line, Location) of
                 Line when is_integer(Line) -> Line;
                 _ -> null
             end}]}.

mfa_or_null(Mfa) ->
    case mfa(Mfa) of
        <<>> -> null;
        Text -> Text
    end.

json_error(Message) ->
    iolist_to_binary([json({[{error, iolist_to_binary(Message)}]}), $\n]).

%% A small JSON encoder: {Fields} objects, lists, binaries (UTF-8), numbers,
%% true, false, null.
json({Fields}) ->
    [${, lists:join($,, [[json(atom_to_binary(K, utf8)), $:, json(V)] || {K, V} <- Fields]), $}];
json(List) when is_list(List) ->
    [$[, lists:join($,, [json(V) || V <- List]), $]];
json(Bin) when is_binary(Bin) ->
    [$", json_escape(Bin), $"];
json(true) -> <<"true">>;
json(false) -> <<"false">>;
json(null) -> <<"null">>;
json(N) when is_integer(N) -> integer_to_binary(N);
json(F) when is_float(F) -> float_to_binary(F, [short]).

json_escape(Bin) ->
    << <<(json_char(C))/binary>> || <<C>> <= Bin >>.

json_char($") -> <<"\\\"">>;
json_char($\\) -> <<"\\\\">>;
json_char($\n) -> <<"\\n">>;
json_char(C) when C < 16#20 -> iolist_to_binary(io_lib:format("\\u~4.16.0b", [C]));
json_char(C) -> <<C>>.

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
    {Path, Query} = target(Uri),
    Req = #{method => Method, path => Path, query => Query, version => Version,
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

%% The path and the query string of a request target.
target({abs_path, Target}) ->
    case binary:split(Target, <<"?">>) of
        [Path, Query] -> {Path, Query};
        [Path] -> {Path, <<>>}
    end;
target({absoluteURI, _Scheme, _Host, _Port, Target}) ->
    target({abs_path, Target});
target(_) ->
    {undefined, <<>>}.

respond(#{method := Method, path := Path, query := Query} = Req, St = #{cfg := Cfg}) ->
    KeepAlive = keep_alive(Req),
    Head = Method =:= 'HEAD',
    {Status, Body, Type} =
        case {Method, Path} of
            {M, <<"/metrics">>} when M =:= 'GET'; M =:= 'HEAD' -> cached_metrics();
            {M, <<"/process">>} when M =:= 'GET'; M =:= 'HEAD' -> process_page(Query, Cfg);
            {M, _} when M =:= 'GET'; M =:= 'HEAD' -> {404, <<"not found; try /metrics or /process\n">>, text};
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
                      json -> <<"application/json">>;
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
reason(403) -> <<"Forbidden">>;
reason(404) -> <<"Not Found">>;
reason(405) -> <<"Method Not Allowed">>;
reason(431) -> <<"Request Header Fields Too Large">>;
reason(503) -> <<"Service Unavailable">>.
