%%% @doc Starts the exporter and ties it to the supervision tree.
%%%
%%% `backlog_exporter:start/1' spawns an unlinked process tree on purpose (a
%%% remote shell that loads it must not take it down on exit). Under a
%%% supervisor the opposite is wanted, so this process starts it, watches it,
%%% and stops it when the supervisor shuts down: an exporter that dies is
%%% restarted, and one whose application stops closes its port.
-module(backlog_exporter_owner).
-behaviour(gen_server).

-export([start_link/1, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

start_link(Options) ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, Options, []).

init(Options) ->
    process_flag(trap_exit, true),
    case backlog_exporter:start(Options) of
        {ok, Pid} ->
            {ok, Port} = backlog_exporter:port(),
            logger:info("backlog_exporter serving on port ~b", [Port]),
            {ok, #{exporter => Pid, monitor => erlang:monitor(process, Pid)}};
        {error, {already_started, Pid}} ->
            %% Started by hand (or by `backlog attach') before the application:
            %% adopted, so stopping the application still stops it.
            {ok, #{exporter => Pid, monitor => erlang:monitor(process, Pid)}};
        {error, Reason} ->
            logger:error("backlog_exporter not started: ~ts", [explain(Reason)]),
            {stop, Reason}
    end.

handle_call(_Request, _From, State) ->
    {reply, {error, unknown_call}, State}.

handle_cast(_Message, State) ->
    {noreply, State}.

handle_info({'DOWN', Ref, process, _, Reason}, State = #{monitor := Ref}) ->
    {stop, {exporter_down, Reason}, State#{monitor := undefined}};
handle_info(_Message, State) ->
    {noreply, State}.

terminate(_Reason, #{monitor := undefined}) ->
    ok;
terminate(_Reason, _State) ->
    _ = backlog_exporter:stop(),
    ok.

%% What the operator reads in the log: which setting is wrong and how to fix it.
explain({bad_option, {Key, Value}}) ->
    io_lib:format("the application environment sets ~p to ~0p, which it does not accept; "
                  "see the options table in the exporter's README (unknown keys are refused too)",
                  [Key, Value]);
explain({port_in_use, Port}) ->
    io_lib:format("port ~b is in use; set another `port' in the application environment, "
                  "or 0 to take any free port", [Port]);
explain({listen_failed, Why}) ->
    io_lib:format("cannot listen (~p); check the `bind' address is one of this host's", [Why]);
explain(Other) ->
    io_lib:format("~0p", [Other]).
