import Foundation
import Glibc

/// What the kernel counts for another process: CPU time (user + system) and resident memory, read
/// from `/proc/PID/stat` and `/proc/PID/status`, so a child process is measured as a whole.
struct ProcessUsage {
    /// User plus system CPU seconds since the process started.
    var cpuSeconds: Double
    /// Resident set size now.
    var residentBytes: Double

    /// The figures of `pid` now; nil once it has exited.
    static func of(_ pid: Int32) -> ProcessUsage? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            // The command name may hold spaces and parentheses: fields are counted after the last ")".
            let end = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        // After the name: state is field 3, utime field 14 and stime field 15 (proc(5)), in clock ticks.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
            .flatMap { line in line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Double($0) } }
        return ProcessUsage(cpuSeconds: (user + system) / ticks, residentBytes: (rss ?? 0) * 1024)
    }
}
