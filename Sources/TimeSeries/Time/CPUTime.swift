#if canImport(Glibc)
import Glibc
#endif

/// CPU time used so far, in seconds: what the cost figures (`…_cpu_s_per_…`) are measured in.
public enum CPUTime {
    /// CPU time of the calling thread.
    public static func thread() -> Double { read(CLOCK_THREAD_CPUTIME_ID) }

    /// CPU time of the whole process, every thread.
    public static func process() -> Double { read(CLOCK_PROCESS_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
