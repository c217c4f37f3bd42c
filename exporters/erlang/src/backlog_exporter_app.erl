%%% @doc The exporter as an OTP application: starts `backlog_exporter' with the
%%% options in the application environment (`sys.config', or
%%% `config :backlog_exporter, port: 9199' in Elixir), under a supervisor, and
%%% closes its port when the application stops.
-module(backlog_exporter_app).
-behaviour(application).

-export([start/2, prep_stop/1, stop/1, options/0]).

start(_Type, _Args) ->
    backlog_exporter_sup:start_link(options()).

%% The exporter is stopped before the supervisor tree goes, so its port is
%% free by the time `application:stop/1' returns.
prep_stop(State) ->
    _ = backlog_exporter:stop(),
    State.

stop(_State) ->
    ok.

%% @doc The exporter's options from the application environment, without the
%% keys OTP itself puts there.
-spec options() -> #{atom() => term()}.
options() ->
    maps:without([included_applications], maps:from_list(application:get_all_env(backlog_exporter))).
