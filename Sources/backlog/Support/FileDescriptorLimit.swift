#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-process limit on open files, which caps how many sockets a command can hold.
enum FileDescriptorLimit {
    /// Lifts the soft limit to the hard one, which any process may do; leaves it alone on failure,
    /// in which case opening sockets fails later with a message that names the limit.
    static func raiseToHardLimit() {
        var limit = rlimit()
        guard getrlimit(resourceNumber, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(resourceNumber, &limit)
    }

    #if canImport(Glibc)
    private static let resourceNumber = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resourceNumber = RLIMIT_NOFILE
    #endif
}
