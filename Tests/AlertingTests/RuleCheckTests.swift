import Alerting
import Testing

/// `rules check` errors, each at its exact file:line:column, all of them at once.
@Suite struct RuleCheckTests {
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try RuleFileParser.parse(yaml, file: "r.yml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func badYAML() {
        #expect(errors("groups:\n  - name: [unclosed\n").first?.hasPrefix("r.yml:3:1: invalid YAML") == true)
    }

    @Test func unknownKeysEverywhereAreAllReported() {
        let yaml = """
            group:
              - x
            """
        #expect(errors(yaml) == ["r.yml:1:1: unknown key \"group\" in a rule file — did you mean \"groups\"? (known keys: groups)"])
        let nested = """
            groups:
              - name: g
                intervall: 1m
                rules:
                  - alert: A
                    expr: up
                    lables: {a: b}
            """
        #expect(
            errors(nested) == [
                "r.yml:3:5: unknown key \"intervall\" in a rule group — did you mean \"interval\"? (known keys: interval, labels, limit, name, rules)",
                "r.yml:7:9: unknown key \"lables\" in a rule — did you mean \"labels\"? (known keys: alert, annotations, expr, for, keep_firing_for, labels, record)",
            ])
    }

    @Test func groupNamesMustBeUniqueInAFile() {
        let yaml = """
            groups:
              - name: g
                rules: []
              - name: g
                rules: []
              - rules: []
            """
        #expect(
            errors(yaml) == [
                "r.yml:4:5: group name \"g\" is repeated in this file (first at line 2)",
                "r.yml:6:5: a rule group needs a non-empty \"name\"",
            ])
    }

    @Test func aRuleIsAlertOrRecordNotBothNorNeither() {
        let yaml = """
            groups:
              - name: g
                rules:
                  - alert: A
                    record: a
                    expr: up
                  - expr: up
            """
        #expect(
            errors(yaml) == [
                "r.yml:4:9: rule \"A\" sets both \"alert\" and \"record\" — a rule is one or the other",
                "r.yml:7:9: a rule needs \"alert\" (an alerting rule) or \"record\" (a recording rule)",
            ])
    }

    @Test func durationsAndNegativeFor() {
        let yaml = """
            groups:
              - name: g
                interval: 0s
                rules:
                  - alert: A
                    expr: up
                    for: 5 minutes
                    keep_firing_for: -1m
                  - alert: B
                    expr: up
                    for: -30s
            """
        #expect(
            errors(yaml) == [
                "r.yml:3:15: interval of group \"g\" must be above 0 (leave it out to evaluate after every poll cycle)",
                "r.yml:7:14: for: \"5 minutes\" is not a duration — write it like 30s, 5m or 1h30m",
                "r.yml:8:26: keep_firing_for must not be negative, found \"-1m\"",
                "r.yml:11:14: for must not be negative, found \"-30s\"",
            ])
    }

    @Test func promQLErrorsPointInsideExprInEveryScalarStyle() {
        let yaml = """
            groups:
              - name: g
                rules:
                  - alert: Plain
                    expr: sum(rate(x[5m])) by (job) >
                  - alert: Quoted
                    expr: "up == \\"x\\" and foo{"
                  - alert: Single
                    expr: 'up{a=''b''} + )'
                  - alert: Literal
                    expr: |
                      sum by (job) (
                        rate(x[5m]) +
                      ) > 1
                  - alert: Folded
                    expr: >-
                      sum by (job) (rate(x[5m]))
                        > on (job) bogus(1)
                  - record: r
                    expr: rate(x)
            """
        #expect(
            errors(yaml) == [
                "r.yml:5:42: expr of \"Plain\": unexpected end of input",
                "r.yml:7:36: expr of \"Quoted\": unexpected end of input inside braces",
                "r.yml:9:30: expr of \"Single\": unexpected \")\"",
                "r.yml:14:11: expr of \"Literal\": unexpected \")\" in aggregation",
                "r.yml:18:24: expr of \"Folded\": not supported: function \"bogus\"",
                "r.yml:20:20: expr of \"r\": expected type range vector in call to function \"rate\", got instant vector",
            ])
    }

    @Test func templateErrorsPointIntoTheTemplate() {
        let yaml = """
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: up
                    labels:
                      severity: "{{ $labels.x | nosuch }}"
                    annotations:
                      summary: >
                        The node {{ $labels.instance }}
                        holds {{ query "up" }}
            """
        let found = errors(yaml)
        #expect(found.count == 2)
        #expect(found.first == "r.yml:7:37: label \"severity\": template: function \"nosuch\" not defined")
        #expect(found.last?.hasPrefix("r.yml:11:22: annotation \"summary\": template: function \"query\" is not supported") == true)
    }

    @Test func namesOfLabelsAnnotationsAndRecordingRules() {
        let yaml = """
            groups:
              - name: g
                labels: {team-a: x}
                rules:
                  - alert: A
                    expr: up
                    labels: {__name__: x, 1abc: y}
                    annotations: {"bad name": z}
                  - record: "rate by job"
                    expr: up
                  - record: "up{job='a'}"
                    expr: up
                  - record: ok
                    expr: up
                    for: 1m
            """
        #expect(
            errors(yaml) == [
                "r.yml:3:14: invalid label name \"team-a\": use letters, digits and _, not starting with a digit",
                "r.yml:7:18: invalid label name \"__name__\": a rule cannot set the metric name this way",
                "r.yml:7:31: invalid label name \"1abc\": use letters, digits and _, not starting with a digit",
                "r.yml:8:23: invalid annotation name \"bad name\": use letters, digits and _, not starting with a digit",
                "r.yml:9:17: invalid recording rule name \"rate by job\": a metric name uses letters, digits, _ and :, not starting with a digit",
                "r.yml:11:17: recording rule name \"up{job='a'}\" has braces — should they be in expr?",
                "r.yml:15:9: a recording rule takes no \"for\" (only alerting rules do)",
            ])
    }

    @Test func aRuleRepeatedWholeIsAnErrorButRepeatedAlertNamesAreFine() {
        let yaml = """
            groups:
              - name: g
                rules:
                  - {alert: A, expr: x > 1, labels: {severity: warn}}
                  - {alert: A, expr: x > 2, labels: {severity: page}}
                  - {alert: A, expr: x > 1, labels: {severity: warn}}
            """
        #expect(errors(yaml) == ["r.yml:6:9: rule \"A\" repeats the rule at line 4 (same name, expression and labels) — remove one"])
    }

    @Test func rangeVectorExpressionsCannotBeRules() {
        #expect(
            errors("groups: [{name: g, rules: [{record: r, expr: 'x[5m]'}]}]")
                == ["r.yml:1:46: expr of \"r\" gives a range vector; a rule needs an instant vector or a scalar"])
    }

    @Test func aValidFileHasNoErrors() throws {
        let file = try RuleFileParser.parse(
            "groups: [{name: g, interval: 30s, rules: [{alert: A, expr: up == 0, for: 1m}, {record: r, expr: sum(up)}]}]",
            file: "ok.yml")
        #expect(file.groups.first?.interval == .seconds(30))
        #expect(file.groups.first?.alertingRuleCount == 1 && file.groups.first?.recordingRuleCount == 1)
    }
}
