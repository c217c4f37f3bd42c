%%% The OTP application: started from its environment, serving, refusing bad
%%% settings with a failed start, and freeing its port when it stops.
-module(backlog_exporter_app_tests).
-include_lib("eunit/include/eunit.hrl").

app_test_() ->
    {foreach, fun setup/0, fun cleanup/1,
     [fun serves_on_the_configured_port/1,
      fun stopping_frees_the_port/1,
      fun bad_option_fails_the_start/1,
      fun unknown_option_fails_the_start/1,
      fun restarts_an_exporter_that_died/1]}.

setup() ->
    logger:set_primary_config(level, critical),
    [application:unset_env(backlog_exporter, K) || {K, _} <- application:get_all_env(backlog_exporter)],
    ok.

cleanup(_) ->
    application:stop(backlog_exporter),
    logger:set_primary_config(level, notice).

serves_on_the_configured_port(_) ->
    application:set_env(backlog_exporter, port, 0),
    application:set_env(backlog_exporter, top_k, 5),
    ok = application:start(backlog_exporter),
    {ok, Port} = backlog_exporter:port(),
    Body = wait_for_metrics(Port, 50),
    [?_assertNotEqual(0, Port),
     ?_assertMatch({match, _}, re:run(Body, "erlang_vm_process_count "))].

stopping_frees_the_port(_) ->
    application:set_env(backlog_exporter, port, 0),
    ok = application:start(backlog_exporter),
    {ok, Port} = backlog_exporter:port(),
    ok = application:stop(backlog_exporter),
    %% The port can be listened on again at once, and nothing is registered.
    {ok, Socket} = gen_tcp:listen(Port, [{ip, {127, 0, 0, 1}}, {reuseaddr, true}]),
    gen_tcp:close(Socket),
    [?_assertEqual(undefined, whereis(backlog_exporter)),
     ?_assertEqual({error, not_running}, backlog_exporter:port())].

bad_option_fails_the_start(_) ->
    application:set_env(backlog_exporter, top_k, -1),
    Result = application:start(backlog_exporter),
    [?_assertMatch({error, {{shutdown, {failed_to_start_child, backlog_exporter_owner,
                                        {bad_option, {top_k, -1}}}}, _}}, Result),
     ?_assertEqual(undefined, whereis(backlog_exporter))].

unknown_option_fails_the_start(_) ->
    application:set_env(backlog_exporter, prot, 9199),
    Result = application:start(backlog_exporter),
    [?_assertMatch({error, {{shutdown, {failed_to_start_child, backlog_exporter_owner,
                                        {bad_option, {prot, 9199}}}}, _}}, Result)].

restarts_an_exporter_that_died(_) ->
    application:set_env(backlog_exporter, port, 0),
    ok = application:start(backlog_exporter),
    First = whereis(backlog_exporter),
    exit(First, kill),
    Second = wait_for_new(First, 100),
    {ok, Port} = backlog_exporter:port(),
    [?_assert(is_pid(Second)), ?_assertNotEqual(First, Second),
     ?_assertMatch({match, _}, re:run(wait_for_metrics(Port, 50), "erlang_vm_process_count "))].

wait_for_new(Old, 0) -> error({not_restarted, Old});
wait_for_new(Old, Tries) ->
    case whereis(backlog_exporter) of
        Pid when is_pid(Pid), Pid =/= Old -> Pid;
        _ -> receive after 20 -> wait_for_new(Old, Tries - 1) end
    end.

%% The first scan finishes milliseconds after the start.
wait_for_metrics(_Port, 0) -> error(no_metrics);
wait_for_metrics(Port, Tries) ->
    {ok, Socket} = gen_tcp:connect({127, 0, 0, 1}, Port, [binary, {active, false}]),
    ok = gen_tcp:send(Socket, <<"GET /metrics HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n">>),
    Response = read_all(Socket, <<>>),
    gen_tcp:close(Socket),
    case Response of
        <<"HTTP/1.1 200", _/binary>> -> Response;
        _ -> receive after 20 -> wait_for_metrics(Port, Tries - 1) end
    end.

read_all(Socket, Acc) ->
    case gen_tcp:recv(Socket, 0, 5000) of
        {ok, Data} -> read_all(Socket, <<Acc/binary, Data/binary>>);
        {error, closed} -> Acc
    end.
