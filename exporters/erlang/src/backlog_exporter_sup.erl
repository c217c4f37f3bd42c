%%% @doc Supervises the process that owns the running exporter.
-module(backlog_exporter_sup).
-behaviour(supervisor).

-export([start_link/1, init/1]).

start_link(Options) ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, Options).

init(Options) ->
    %% A port another program took does not free itself: a few quick retries,
    %% then the application stops with the reason in the log.
    Flags = #{strategy => one_for_one, intensity => 3, period => 10},
    Owner = #{id => backlog_exporter_owner,
              start => {backlog_exporter_owner, start_link, [Options]},
              restart => permanent, shutdown => 5000, type => worker,
              modules => [backlog_exporter_owner]},
    {ok, {Flags, [Owner]}}.
