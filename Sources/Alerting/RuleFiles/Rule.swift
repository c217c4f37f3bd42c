public import Query
public import TimeSeries

/// Where something was written in a rule file, for errors and reports.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// A label or annotation whose value is a template.
public struct TemplatedLabel: Sendable, Equatable {
    public var name: String
    public var template: Template

    public init(name: String, template: Template) {
        self.name = name
        self.template = template
    }
}

/// A rule that turns each series of its expression into an alert, pending until it has held
/// for `holdDuration`.
public struct AlertingRule: Sendable {
    public var name: String
    public var expr: Expr
    /// `for`: how long the condition must hold before the alert fires.
    public var holdDuration: PromDuration
    /// `keep_firing_for`: how long a firing alert stays firing after its condition clears.
    public var keepFiringFor: PromDuration
    /// The rule's labels (the group's merged in), sorted by name.
    public var labels: [TemplatedLabel]
    public var annotations: [TemplatedLabel]
    public var location: SourceLocation

    public init(
        name: String, expr: Expr, holdDuration: PromDuration = .zero, keepFiringFor: PromDuration = .zero,
        labels: [TemplatedLabel] = [], annotations: [TemplatedLabel] = [],
        location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)
    ) {
        self.name = name
        self.expr = expr
        self.holdDuration = holdDuration
        self.keepFiringFor = keepFiringFor
        self.labels = labels.sorted { $0.name < $1.name }
        self.annotations = annotations.sorted { $0.name < $1.name }
        self.location = location
    }
}

/// A rule that stores its expression's result as new series named `name`.
public struct RecordingRule: Sendable {
    public var name: String
    public var expr: Expr
    /// Labels set on every output series (the group's merged in); an empty value removes one.
    public var labels: [Label]
    public var location: SourceLocation

    public init(name: String, expr: Expr, labels: [Label] = [], location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)) {
        self.name = name
        self.expr = expr
        self.labels = labels.sorted { $0.name < $1.name }
        self.location = location
    }
}

/// One rule of a group.
public enum Rule: Sendable {
    case alerting(AlertingRule)
    case recording(RecordingRule)

    public var name: String {
        switch self {
        case .alerting(let rule): rule.name
        case .recording(let rule): rule.name
        }
    }

    public var expr: Expr {
        switch self {
        case .alerting(let rule): rule.expr
        case .recording(let rule): rule.expr
        }
    }

    public var location: SourceLocation {
        switch self {
        case .alerting(let rule): rule.location
        case .recording(let rule): rule.location
        }
    }
}
