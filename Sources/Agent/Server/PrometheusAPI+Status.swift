import Alerting
import Probe
import TimeSeries

extension PrometheusAPI {
    /// `/api/v1/targets`: every target the agent polls, with its last poll, in Prometheus's shape;
    /// the targets of other shards are its dropped targets.
    func targetsStatus(_ parameters: APIParameters) -> AgentHTTPServer.Response {
        let config = runtime.config
        let polled = Dictionary(targets.scrapes.map { ($0.target.url, $0) }, uniquingKeysWith: { $1 })
        let interval = APIJSON.string(config.scrape.interval.description)
        let timeout = APIJSON.string(config.scrape.timeout.description)
        var active: [String] = []
        let known = targets.scrapes.map(\.target)
        for target in known {
            let last = polled[target.url]
            let health = last.map { $0.error == nil ? "up" : "down" } ?? "unknown"
            active.append(
                APIJSON.object([
                    ("discoveredLabels", APIJSON.labels(Labels(["__address__": target.address, "job": target.job]))),
                    ("labels", APIJSON.labels(target.labels)),
                    ("scrapePool", APIJSON.string(target.job)),
                    ("scrapeUrl", APIJSON.string(target.url)),
                    ("globalUrl", APIJSON.string(target.url)),
                    ("lastError", APIJSON.string(last?.error ?? "")),
                    ("lastScrape", APIJSON.string(last.map { RFC3339.format($0.time) } ?? RFC3339.zero)),
                    ("lastScrapeDuration", APIJSON.number(last?.duration ?? 0)),
                    ("health", APIJSON.string(health)),
                    ("scrapeInterval", interval),
                    ("scrapeTimeout", timeout),
                ]))
        }
        let state = parameters["state"]?.lowercased() ?? "any"
        var fields: [(String, String)] = []
        if state != "dropped" { fields.append(("activeTargets", "[" + active.joined(separator: ",") + "]")) }
        if state != "active" {
            let dropped = targets.otherShards.map { target in
                APIJSON.object([
                    ("discoveredLabels", APIJSON.labels(Labels(["__address__": target.address, "job": target.job])))
                ])
            }
            fields.append(("droppedTargets", "[" + dropped.joined(separator: ",") + "]"))
        }
        return APIResponse.success(APIJSON.object(fields))
    }

    /// `/api/v1/rules`: the rule groups in force, each alerting rule with the alerts it holds;
    /// `type=alert` or `type=record` keeps one kind.
    func rulesStatus(_ parameters: APIParameters) throws(APIError) -> AgentHTTPServer.Response {
        let kind = parameters["type"]?.lowercased()
        guard kind == nil || kind == "alert" || kind == "record" else {
            throw .badData("invalid parameter \"type\": must be \"alert\" or \"record\"")
        }
        guard let status = runtime.ruleStatus else { return APIResponse.success(#"{"groups":[]}"#) }
        let (rules, alerts) = (status.rules, status.alerts)
        let interval = runtime.config.scrape.interval
        let groups = rules.groups.compactMap { group -> String? in
            let encoded = group.rules.compactMap { rule -> String? in
                switch rule {
                case .alerting(let alerting) where kind != "record":
                    return alertingRule(alerting, alerts: alerts.filter { $0.labels["alertname"] == alerting.name && $0.state != .inactive })
                case .recording(let recording) where kind != "alert":
                    return APIJSON.object([
                        ("name", APIJSON.string(recording.name)), ("query", APIJSON.string(recording.expr.text)),
                        ("labels", APIJSON.labels(Labels(recording.labels))), ("health", #""ok""#),
                        ("evaluationTime", "0"), ("lastEvaluation", APIJSON.string(RFC3339.zero)), ("type", #""recording""#),
                    ])
                default: return nil
                }
            }
            guard kind == nil || !encoded.isEmpty else { return nil }
            return APIJSON.object([
                ("name", APIJSON.string(group.name)), ("file", APIJSON.string(group.file)),
                ("rules", "[" + encoded.joined(separator: ",") + "]"),
                ("interval", APIJSON.number((group.interval ?? interval).seconds)), ("limit", String(group.limit)),
                ("evaluationTime", "0"), ("lastEvaluation", APIJSON.string(RFC3339.zero)),
            ])
        }
        return APIResponse.success(#"{"groups":["# + groups.joined(separator: ",") + "]}")
    }

    private func alertingRule(_ rule: AlertingRule, alerts: [Alert]) -> String {
        let state = alerts.contains { $0.state == .firing } ? "firing" : alerts.isEmpty ? "inactive" : "pending"
        let encodedAlerts = alerts.map { alert in
            APIJSON.object([
                ("labels", APIJSON.labels(alert.labels)), ("annotations", APIJSON.labels(alert.annotations)),
                ("state", APIJSON.string(alert.state.rawValue)), ("activeAt", APIJSON.string(RFC3339.format(alert.activeAt))),
                ("value", APIJSON.string(GoFloatFormat.exponent(alert.value))),
            ])
        }
        return APIJSON.object([
            ("state", APIJSON.string(state)), ("name", APIJSON.string(rule.name)), ("query", APIJSON.string(rule.expr.text)),
            ("duration", APIJSON.number(rule.holdDuration.seconds)),
            ("keepFiringFor", APIJSON.number(rule.keepFiringFor.seconds)),
            ("labels", templated(rule.labels)), ("annotations", templated(rule.annotations)),
            ("alerts", "[" + encodedAlerts.joined(separator: ",") + "]"), ("health", #""ok""#),
            ("evaluationTime", "0"), ("lastEvaluation", APIJSON.string(RFC3339.zero)), ("type", #""alerting""#),
        ])
    }

    private func templated(_ labels: [TemplatedLabel]) -> String {
        APIJSON.object(labels.sorted { $0.name < $1.name }.map { ($0.name, APIJSON.string($0.template.source)) })
    }
}
