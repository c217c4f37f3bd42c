public import TimeSeries

/// A query result, shaped like the results of Prometheus's HTTP API.
public enum QueryValue: Sendable, Equatable, CustomStringConvertible {
    case scalar(t: Timestamp, v: Double)
    case string(t: Timestamp, s: String)
    case vector([VectorSample])
    case matrix([RangeSeries])

    /// Equal values, counting NaN equal to NaN so results compare as they print.
    public static func == (lhs: QueryValue, rhs: QueryValue) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let lt, let lv), .scalar(let rt, let rv)): lt == rt && Point.sameValue(lv, rv)
        case (.string(let lt, let ls), .string(let rt, let rs)): lt == rt && ls == rs
        case (.vector(let left), .vector(let right)): left == right
        case (.matrix(let left), .matrix(let right)): left == right
        default: false
        }
    }

    /// The `data` object of Prometheus's API, as `resultType` plus `result`.
    public var description: String { json }
}

/// One sample of an instant vector: a series' labels and its value at the evaluation time.
public struct VectorSample: Sendable, Equatable {
    public var labels: Labels
    public var t: Timestamp
    public var v: Double

    public init(labels: Labels, t: Timestamp, v: Double) {
        self.labels = labels
        self.t = t
        self.v = v
    }

    public static func == (lhs: VectorSample, rhs: VectorSample) -> Bool {
        lhs.labels == rhs.labels && lhs.t == rhs.t && Point.sameValue(lhs.v, rhs.v)
    }
}

/// One series of a range vector or range query result.
public struct RangeSeries: Sendable, Equatable {
    public var labels: Labels
    public var points: [Point]

    public init(labels: Labels, points: [Point]) {
        self.labels = labels
        self.points = points
    }
}

/// A value at a time.
public struct Point: Sendable, Equatable {
    public var t: Timestamp
    public var v: Double

    public init(t: Timestamp, v: Double) {
        self.t = t
        self.v = v
    }

    public static func == (lhs: Point, rhs: Point) -> Bool { lhs.t == rhs.t && sameValue(lhs.v, rhs.v) }

    static func sameValue(_ lhs: Double, _ rhs: Double) -> Bool { lhs == rhs || (lhs.isNaN && rhs.isNaN) }
}
