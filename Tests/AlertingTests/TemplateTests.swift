import Alerting
import Testing
import TimeSeries

/// Templates render as Prometheus renders them, and anything unsupported fails at parse time.
@Suite struct TemplateTests {
    let data = TemplateData(
        labels: labels("__name__", "erlang_process_message_queue_len", "instance", "chat1:9199", "name", "router"),
        value: 15234, externalLabels: labels("dc", "ams"), externalURL: "http://backlog:9090")

    func render(_ text: String, value: Double? = nil) throws -> String {
        var data = self.data
        if let value { data.value = value }
        let (out, error) = try Template(text).render(data)
        #expect(error == nil, "\(String(describing: error))")
        return out
    }

    @Test func humanizeFormatsExactlyAsPrometheus() throws {
        #expect(try render("{{ humanize 1234567 }}") == "1.235M")
        #expect(try render("{{ humanize1024 1048576 }}") == "1Mi")
        #expect(try render("{{ humanizeDuration 135 }}") == "2m 15s")
        #expect(try render("{{ humanizePercentage 0.1234 }}") == "12.34%")
        #expect(try render("{{ humanize 0 }}|{{ humanize 0.001234 }}|{{ humanize 999 }}|{{ humanize 1000 }}") == "0|1.234m|999|1k")
        #expect(try render("{{ humanize -2500000000 }}|{{ humanize 1e30 }}") == "-2.5G|1e+06Y")
        #expect(try render("{{ humanize1024 512 }}|{{ humanize1024 1536 }}|{{ humanize1024 1 }}") == "512|1.5ki|1")
        #expect(try render("{{ humanizeDuration 0.25 }}|{{ humanizeDuration 0 }}|{{ humanizeDuration 59.5 }}") == "250ms|0s|59.5s")
        #expect(try render("{{ humanizeDuration 176461 }}|{{ humanizeDuration -3700 }}") == "2d 1h 1m 1s|-1h 1m 40s")
        #expect(try render("{{ humanizeTimestamp 1.5 }}") == "1970-01-01 00:00:01.5 +0000 UTC")
        #expect(try render("{{ humanizeTimestamp 1700000000 }}") == "2023-11-14 22:13:20 +0000 UTC")
        #expect(try render("{{ humanize \"2048\" }}") == "2.048k")
    }

    @Test func labelsValuePipelinesAndPrintf() throws {
        #expect(try render("{{ $labels.name }} on {{ $labels.instance }}: {{ $value | humanize }}") == "router on chat1:9199: 15.23k")
        #expect(try render("{{ .Labels.name }} {{ .Value }}") == "router 15234")
        #expect(try render("[{{ $labels.missing }}]") == "[]")
        #expect(try render("{{ printf \"%.1f\" $value }}") == "15234.0")
        #expect(try render("{{ printf \"%d items\" 3 }}|{{ printf \"%s=%q\" \"a\" \"b\" }}|{{ printf \"%5.1f%%\" 12.345 }}") == "3 items|a=\"b\"| 12.3%")
        #expect(try render("{{ printf \"%d\" $value }}") == "%!d(float64=15234)")
        #expect(try render("{{ printf \"%s %s\" \"one\" }}") == "one %!s(MISSING)")
        #expect(try render("{{ $value | printf \"%.0f\" }}") == "15234")
        #expect(try render("{{ $externalLabels.dc }} {{ $externalURL }}") == "ams http://backlog:9090")
        #expect(try render("{{ toUpper $labels.name }} {{ title \"hello world\" }}") == "ROUTER Hello World")
        #expect(try render("{{ $labels.instance | stripPort }}") == "chat1")
        #expect(try render("{{ reReplaceAll \":.*\" \"\" $labels.instance }}") == "chat1")
        #expect(try render("{{ index $labels \"name\" }}") == "router")
    }

    @Test func valuePrintsAsGoPrintsAFloat() throws {
        #expect(try render("{{ $value }}", value: 15000) == "15000")
        #expect(try render("{{ $value }}", value: 1_500_000) == "1.5e+06")
        #expect(try render("{{ $value }}", value: 0.25) == "0.25")
        #expect(try render("{{ $value }}", value: 0.00001) == "1e-05")
        #expect(try render("{{ $value }}", value: .infinity) == "+Inf")
        #expect(try render("{{ $value }}", value: .nan) == "NaN")
    }

    @Test func conditionalsVariablesAndTrimming() throws {
        let text = "{{ if $labels.name }}{{ $labels.name }}{{ else }}{{ $labels.pid }}{{ end }}"
        #expect(try render(text) == "router")
        #expect(try render("{{ if gt $value 10000.0 }}big{{ else if gt $value 10 }}medium{{ else }}small{{ end }}") == "big")
        #expect(try render("{{ if lt $value 100 }}small{{ else }}not small{{ end }}") == "not small")
        #expect(try render("{{ if eq $labels.name \"router\" \"other\" }}yes{{ end }}") == "yes")
        #expect(try render("{{ with $labels.name }}[{{ . }}]{{ end }}{{ with $labels.nope }}x{{ else }}none{{ end }}") == "[router]none")
        #expect(try render("{{ $n := $labels.name }}{{ $n }}!") == "router!")
        #expect(try render("a  {{- \" b \" -}}  c") == "a b c")
        #expect(try render("{{/* a comment */}}x") == "x")
        #expect(try render("{{ if and $labels.name (not $labels.pid) }}ok{{ end }}") == "ok")
    }

    @Test func unsupportedConstructsFailAtParseWithTheirOffset() {
        func failure(_ text: String) -> TemplateError? {
            do {
                _ = try Template(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure("{{ $labels.name | nosuch }}") == TemplateError(offset: 18, message: "function \"nosuch\" not defined"))
        #expect(failure("x {{ query \"up\" }}")?.message.hasPrefix("function \"query\" is not supported in Backlog's templates") == true)
        #expect(failure("{{ $nope }}") == TemplateError(offset: 3, message: "undefined variable \"$nope\""))
        #expect(failure("{{ $value.x }}")?.message == "can't evaluate field x of $value, which is a number")
        #expect(failure("{{ .Foo }}")?.offset == 3)
        #expect(failure("{{ range $labels }}{{ end }}")?.message == "{{range}} is not supported in rule templates")
        #expect(failure("{{ humanize }}")?.message == "wrong number of args for humanize: want 1 got 0")
        #expect(failure("{{ humanize 1 2 }}")?.message == "wrong number of args for humanize: want 1 got 2")
        #expect(failure("{{ if $value }}x") != nil)
        #expect(failure("{{ $labels.name") != nil)
        #expect(failure("{{ \"unterminated }}") != nil)
        #expect(failure("{{ $value $value }}")?.message == "can't give argument to non-function $value")
    }

    @Test func aFailureWhileRenderingGivesPrometheusErrorText() throws {
        let (text, error) = try Template("{{ humanize $labels.name }}").render(data)
        #expect(error != nil)
        #expect(text.hasPrefix("<error expanding template: error calling humanize: "))
    }

    /// Outputs checked against promtool 2.42 (`promtool test rules` with these templates).
    @Test(arguments: [
        (1.2345e-05, "12.35u|1.234e-05|12.35us|0.001234%", "0.00|  0.0|3|x|\"y\"|1.2345e-05|1.234500e-05|1.2345e-05"),
        (1_234_567, "1.235M|1.177Mi|14d 6h 56m 7s|1.235e+08%", "1234567.00|1234567.0|3|x|\"y\"|1.234567e+06|1.234567e+06|1.234567e+06"),
        (86461.25, "86.46k|84.43ki|1d 0h 1m 1s|8.646e+06%", "86461.25|86461.2|3|x|\"y\"|86461.25|8.646125e+04|86461.25"),
        (1e21, "1Z|867.4Ei|-106751991167300d -15h -30m -8s|1e+23%", "1000000000000000000000.00|1000000000000000000000.0|3|x|\"y\"|1e+21|1.000000e+21|1e+21"),
    ])
    func matchesPromtool(value: Double, humanized: String, printed: String) throws {
        let data = TemplateData(labels: labels("__name__", "q", "pid", "a"), value: value)
        let humanize = "{{ $value | humanize }}|{{ humanize1024 $value }}|{{ humanizeDuration $value }}|{{ humanizePercentage $value }}"
        #expect(try Template(humanize).render(data).text == humanized)
        let printf = #"{{ printf "%.2f|%5.1f|%d|%s|%q|%v|%e|%g" $value $value 3 "x" "y" $value $value $value }}"#
        #expect(try Template(printf).render(data).text == printed)
        #expect(try Template("{{ printf \"%d\" $value }}|{{ $labels }}").render(data).text.hasSuffix("|map[__name__:q pid:a]"))
        #expect(try Template("{{ humanizeTimestamp 1.2345e-05 }}").render(data).text == "1970-01-01 00:00:00 +0000 UTC")
    }
}
