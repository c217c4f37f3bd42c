import TestSupport

/// A deterministic Prometheus text exposition shaped like a large node's `erlang_process_message_queue_len`
/// export: one gauge family, three labels per series (`pid`, `name`, `initial_call`), half of the processes
/// registered, most started as `gen_server`s.
enum QueueLengthExposition {
    static func generate(series: Int) -> [UInt8] {
        var random = SplitMix64(seed: 0x0BAC_C106)
        var text = """
        # HELP erlang_process_message_queue_len Number of messages in the process mailbox.
        # TYPE erlang_process_message_queue_len gauge

        """
        text.reserveCapacity(series * 160)
        for index in 0..<series {
            // Pids rise with gaps, as a long-running node's do.
            let pid = "<0.\(100 + index * 9 + Int(random.next() % 9)).0>"
            let name = random.next() % 2 == 0 ? "\(pick(registeredNames, &random))_\(index)" : ""
            let initialCall = random.next() % 10 < 7 ? "gen_server:init_it/6" : pick(otherInitialCalls, &random)
            // The draw that once picked a current function: the queue lengths stay those of earlier runs.
            _ = random.next()
            text += "erlang_process_message_queue_len{pid=\"\(pid)\",name=\"\(name)\",initial_call=\"\(initialCall)\"} "
            text += "\(queueLength(&random))\n"
        }
        return Array(text.utf8)
    }

    /// Mostly empty mailboxes, some short queues, a few real backlogs.
    private static func queueLength(_ random: inout SplitMix64) -> UInt64 {
        switch random.next() % 100 {
        case 0..<60: 0
        case 60..<90: 1 + random.next() % 100
        case 90..<99: 100 + random.next() % 10_000
        default: 10_000 + random.next() % 500_000
        }
    }

    private static func pick(_ choices: [String], _ random: inout SplitMix64) -> String {
        choices[Int(random.next() % UInt64(choices.count))]
    }

    private static let registeredNames = [
        "chat_session", "presence_server", "chat_router", "ranch_acceptor", "mnesia_tm_shard", "push_notifier",
        "offline_message_store", "roster_cache_worker",
    ]
    private static let otherInitialCalls = [
        "proc_lib:init_p/5", "gen_statem:init_it/6", "erlang:apply/2", "cowboy_stream_h:request_process/3",
    ]
}
