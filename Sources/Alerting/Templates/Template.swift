public import TimeSeries

/// A label or annotation template in Go's template language, as Prometheus expands them:
/// `{{ $labels.instance }}`, `{{ $value | humanize }}`, `{{ printf "%.1f" $value }}`.
///
/// Parsed once when the rule file loads, so every construct Backlog does not support is an
/// error at `rules check` rather than a blank in an alert.
public struct Template: Sendable, Equatable {
    /// The text as written.
    public let source: String
    let nodes: [TemplateNode]

    /// Parses template text; the error's offset is a byte offset into `text`.
    public init(_ text: String) throws(TemplateError) {
        source = text
        nodes = text.utf8.contains(UInt8(ascii: "{")) ? try TemplateParser.parse(text) : [.text(text)]
    }

    /// Whether the text has no actions, so rendering returns it as is.
    public var isPlainText: Bool {
        if nodes.count == 1, case .text = nodes[0] { return true }
        return nodes.isEmpty
    }

    /// Expands the template for one alert. A failure while rendering (such as `humanize` of a
    /// word) yields Prometheus's `<error expanding template: …>` text and the error.
    public func render(_ data: TemplateData) -> (text: String, error: TemplateError?) {
        if nodes.count == 1, case .text(let text) = nodes[0] { return (text, nil) }
        var renderer = TemplateRenderer(data: data)
        do {
            var out = ""
            try renderer.run(nodes, into: &out)
            return (out, nil)
        } catch {
            return ("<error expanding template: \(error.message)>", error)
        }
    }

    public static func == (lhs: Template, rhs: Template) -> Bool { lhs.source == rhs.source }
}

/// What a template sees: the alert's labels and value, and the agent's external labels and URL.
public struct TemplateData: Sendable {
    public var labels: Labels
    public var value: Double
    public var externalLabels: Labels
    public var externalURL: String

    public init(labels: Labels, value: Double, externalLabels: Labels = Labels(), externalURL: String = "") {
        self.labels = labels
        self.value = value
        self.externalLabels = externalLabels
        self.externalURL = externalURL
    }
}
