import Foundation

/// Notices changes to rule files by polling their modification time, size and inode — cheap
/// enough for the agent to call after every poll cycle, and it works on every file system.
public struct RuleFileWatcher: Sendable {
    public let patterns: [String]
    private var stamps: [String: FileStamp]

    /// What `stat` says about one file.
    struct FileStamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    /// Starts watching the files the patterns match now (globs allowed).
    public init(patterns: [String]) {
        self.patterns = patterns
        stamps = RuleFileWatcher.scan(patterns)
    }

    /// Whether a file changed, appeared or went away since the last call; the new state
    /// becomes the baseline, so each change is reported once.
    public mutating func checkForChanges() -> Bool {
        let current = RuleFileWatcher.scan(patterns)
        defer { stamps = current }
        return current != stamps
    }

    private static func scan(_ patterns: [String]) -> [String: FileStamp] {
        var out: [String: FileStamp] = [:]
        for path in RuleSet.expand(patterns) {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            out[path] = FileStamp(
                seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec), size: Int64(info.st_size),
                inode: UInt64(info.st_ino))
        }
        return out
    }
}
