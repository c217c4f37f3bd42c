%%% The series one scan renders for a process with a waiting mailbox: the queue
%%% series keeps only what stays the same for the life of the process (pid,
%%% name, initial call); where it is and its status go on erlang_process_info.
-module(backlog_exporter_series_tests).
-include_lib("eunit/include/eunit.hrl").

series_test_() ->
    {setup, fun start/0, fun stop/1, fun(Ctx) -> {with, Ctx, [fun queue_series_has_no_current_function/1,
                                                             fun info_series_names_where_it_waits/1,
                                                             fun info_series_follows_the_queue_series/1]} end}.

start() ->
    Pid = spawn(fun() -> receive never_sent -> ok end end),
    [Pid ! {message, N} || N <- lists:seq(1, 7)],
    {ok, _} = backlog_exporter:start(#{port => 0, top_k => 5, scan_interval_ms => 50}),
    {Pid, wait_for_pid(pid_text(Pid), 100)}.

stop({Pid, _}) ->
    exit(Pid, kill),
    backlog_exporter:stop().

queue_series_has_no_current_function({Pid, Body}) ->
    [Line] = lines(Body, <<"erlang_process_message_queue_len{pid=\"", (pid_text(Pid))/binary, "\"">>),
    ?assertEqual(nomatch, binary:match(Line, <<"current_function">>)),
    ?assertEqual(nomatch, binary:match(Line, <<"status">>)),
    ?assertMatch({_, _}, binary:match(Line, <<"initial_call=\"">>)),
    ?assertMatch({_, _}, binary:match(Line, <<"} 7">>)).

info_series_names_where_it_waits({Pid, Body}) ->
    [Line] = lines(Body, <<"erlang_process_info{pid=\"", (pid_text(Pid))/binary, "\"">>),
    ?assertMatch({_, _}, binary:match(Line, <<"current_function=\"">>)),
    ?assertMatch({_, _}, binary:match(Line, <<"status=\"waiting\"} 1">>)).

info_series_follows_the_queue_series({_, Body}) ->
    Queue = [pid_of(L) || L <- lines(Body, <<"erlang_process_message_queue_len{">>)],
    Info = [pid_of(L) || L <- lines(Body, <<"erlang_process_info{">>)],
    ?assertEqual(Queue, Info).

wait_for_pid(_Text, 0) ->
    error(no_scan_with_the_process);
wait_for_pid(Text, Tries) ->
    case backlog_exporter:metrics() of
        {ok, Body} ->
            case binary:match(Body, <<"erlang_process_info{pid=\"", Text/binary, "\"">>) of
                nomatch -> retry(Text, Tries);
                _ -> Body
            end;
        {error, _} ->
            retry(Text, Tries)
    end.

retry(Text, Tries) ->
    timer:sleep(20),
    wait_for_pid(Text, Tries - 1).

lines(Body, Prefix) ->
    [L || L <- binary:split(Body, <<"\n">>, [global]), binary:longest_common_prefix([L, Prefix]) =:= byte_size(Prefix)].

pid_of(Line) ->
    [_, Rest] = binary:split(Line, <<"pid=\"">>),
    [Pid | _] = binary:split(Rest, <<"\"">>),
    Pid.

pid_text(Pid) ->
    list_to_binary(pid_to_list(Pid)).
