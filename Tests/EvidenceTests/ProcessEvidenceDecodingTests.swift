import Evidence
import Testing

/// `/process` bodies as the exporter writes them, and as older or partial ones look.
@Suite struct ProcessEvidenceDecodingTests {
    @Test func theExporterReadmeExampleDecodes() throws {
        let body = """
            {"pid":"<0.83.0>","node":"chat@host1","registered_name":"caller","status":"waiting",
             "message_queue_len":0,"reductions":14,"reductions_per_second":296.9,
             "reductions_per_second_over":"10ms","current_function":"gen:do_call/4",
             "initial_call":"chat_session:init/1","ancestors":["chat_sup","<0.80.0>"],"label":null,
             "current_stacktrace":[{"module":"gen","function":"do_call","arity":4,"file":"gen.erl","line":237},
                                   {"module":"gen_server","function":"call","arity":3,"file":null,"line":null}],
             "links":1,"monitors":1,"trap_exit":false,"priority":"normal","message_queue_data":"on_heap",
             "heap_size":233,"stack_size":10,"total_heap_size":233,"memory":2704}
            """
        let evidence = try ProcessEvidence.decode(Array(body.utf8))
        #expect(evidence.pid == "<0.83.0>" && evidence.node == "chat@host1" && evidence.status == "waiting")
        #expect(evidence.reductionsPerSecond == 296.9 && evidence.reductionsPerSecondOver == "10ms")
        #expect(evidence.ancestors == ["chat_sup", "<0.80.0>"] && evidence.label == nil)
        #expect(evidence.currentStacktrace.map(\.description) == ["gen:do_call/4 (gen.erl:237)", "gen_server:call/3"])
        #expect(evidence.displayName == "caller <0.83.0>")
        #expect(evidence.whereNow == "gen:do_call/4")
        #expect(evidence.memory == 2704 && evidence.trapExit == false)
    }

    @Test func absentOptionalFieldsReadAsNothing() throws {
        let body = #"{"pid":"<0.176.0>","status":"runnable","message_queue_len":12,"initial_call":"chat_session:init/1","registered_name":null,"reductions_per_second":null}"#
        let evidence = try ProcessEvidence.decode(Array(body.utf8))
        #expect(evidence.reductionsPerSecond == nil && evidence.memory == nil && evidence.currentStacktrace.isEmpty)
        #expect(evidence.displayName == "chat_session:init/1 <0.176.0>")
    }

    @Test func aBodyThatIsNotEvidenceSaysWhatIsMissing() {
        #expect(throws: EvidenceDecodingError.self) { try ProcessEvidence.decode(Array(#"{"status":"waiting"}"#.utf8)) }
        do {
            _ = try ProcessEvidence.decode(Array("not found\n".utf8))
            Issue.record("decoded text")
        } catch {
            #expect(error.description.hasPrefix("the /process answer is not process evidence (not JSON"))
        }
    }
}
