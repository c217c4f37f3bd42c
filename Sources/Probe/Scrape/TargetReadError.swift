/// Why `TargetSeriesCache.read` gave no samples: the body did not parse, or it broke a limit.
enum TargetReadError: Error, CustomStringConvertible {
    case parse(ExpositionParseError)
    case limit(ScrapeLimitExceeded)

    /// `line:column: message` for a parse error, the limit's reason for a limit.
    var description: String {
        switch self {
        case .parse(let error): error.description
        case .limit(let exceeded): exceeded.description
        }
    }
}
