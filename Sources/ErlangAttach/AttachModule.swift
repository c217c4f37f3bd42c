/// The Erlang module the hidden node runs: it connects to the target, does one action and prints
/// what it found as `key<TAB>value` lines, which `HiddenNode` reads.
///
/// It reads its request from `request.eterm` in its working folder, so nothing but the node name
/// is on a command line.
enum AttachModule {
    static let name = "backlog_attach"

    static let source = #"""
        -module(backlog_attach).
        -export([main/0]).

        main() ->
            {ok, [Request]} = file:consult("request.eterm"),
            try run(Request) catch Class:Reason -> say(crash, io_lib:format("~p:~0p", [Class, Reason])) end,
            halt(0).

        say(Key, Value) -> io:format("~s\t~ts~n", [Key, Value]).
        term(T) -> io_lib:format("~0p", [T]).

        run(#{node := Node, action := Action} = Request) ->
            say(local_otp, erlang:system_info(otp_release)),
            case net_kernel:connect_node(Node) of
                true -> connected(Node, Action, Request);
                _ -> diagnose(Node)
            end.

        diagnose(Node) ->
            [Name, Host] = string:split(atom_to_list(Node), "@"),
            case net_adm:names(Host) of
                {ok, Names} ->
                    Known = [N || {N, _} <- Names],
                    case lists:member(Name, Known) of
                        true -> say(refused, Name);
                        false -> say(unknown, string:join(Known, ","))
                    end;
                {error, _} -> say(unreachable, Host)
            end.

        connected(Node, Action, Request) ->
            say(node_otp, rpc:call(Node, erlang, system_info, [otp_release])),
            Running = rpc:call(Node, erlang, whereis, [backlog_exporter]),
            App = lists:keymember(backlog_exporter, 1, rpc:call(Node, application, which_applications, [])),
            say(application, atom_to_list(App)),
            case is_pid(Running) of
                true -> running(Node);
                false -> say(running, "false")
            end,
            act(Action, Node, is_pid(Running), Request).

        running(Node) ->
            say(running, "true"),
            case rpc:call(Node, backlog_exporter, port, []) of
                {ok, Port} -> say(port, integer_to_list(Port));
                _ -> ok
            end,
            case rpc:call(Node, backlog_exporter, options, []) of
                {ok, Options} -> say(options, term(Options));
                _ -> ok
            end.

        act(probe, _Node, _Running, _Request) -> ok;
        act(start, _Node, true, _Request) -> ok;
        act(start, Node, false, #{beam := Beam, options := Options}) ->
            {ok, Binary} = file:read_file(Beam),
            case rpc:call(Node, code, load_binary, [backlog_exporter, "backlog_exporter.beam", Binary]) of
                {module, _} ->
                    case rpc:call(Node, backlog_exporter, start, [Options]) of
                        {ok, _} ->
                            {ok, Port} = rpc:call(Node, backlog_exporter, port, []),
                            say(started, integer_to_list(Port));
                        Other -> say(start_failed, term(Other))
                    end;
                Other -> say(load_failed, term(Other))
            end;
        act(stop, Node, Running, _Request) ->
            case Running of
                true -> rpc:call(Node, backlog_exporter, stop, []);
                false -> ok
            end,
            rpc:call(Node, code, purge, [backlog_exporter]),
            Deleted = rpc:call(Node, code, delete, [backlog_exporter]),
            rpc:call(Node, code, purge, [backlog_exporter]),
            say(stopped, atom_to_list(Running)),
            say(unloaded, term(Deleted)).
        """#
}
