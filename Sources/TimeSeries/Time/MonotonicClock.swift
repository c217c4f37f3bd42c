#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds from a monotonic clock, for measuring how long things take.
public enum MonotonicClock {
    public static func nanoseconds() -> UInt64 { read(CLOCK_MONOTONIC) }

    /// CPU time this process has used, user plus system, in nanoseconds.
    public static func processCPUNanoseconds() -> UInt64 { read(CLOCK_PROCESS_CPUTIME_ID) }

    /// CPU time the calling thread has used, in nanoseconds: what one sender thread costs.
    public static func threadCPUNanoseconds() -> UInt64 { read(CLOCK_THREAD_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
