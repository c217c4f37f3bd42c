import Synchronization

/// Compiled regular expressions by pattern: rules evaluated every second compile theirs once.
public enum RegexCache {
    /// Ad-hoc queries could otherwise grow the cache without bound.
    private static let capacity = 10_000
    private static let compiled = Mutex<[String: CompiledRegex]>([:])

    /// The compiled pattern, or nil when it is not a valid regular expression.
    public static func regex(_ pattern: String) -> CompiledRegex? {
        if let cached = compiled.withLock({ $0[pattern] }) { return cached }
        guard let regex = CompiledRegex(pattern) else { return nil }
        compiled.withLock { cache in
            if cache.count >= capacity { cache.removeAll() }
            cache[pattern] = regex
        }
        return regex
    }
}
